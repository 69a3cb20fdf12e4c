"""Loading the Fluent catalogues and formatting one message in one locale."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast, get_args

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).resolve().parent / "locales"

Locale = Literal["en", "zh-TW"]
LOCALES: tuple[Locale, ...] = get_args(Locale)
DEFAULT_LOCALE: Locale = "en"

# Slack reports locales such as "en-US", "zh-TW", "zh-HK"; Traditional Chinese ones read zh-TW.
_TRADITIONAL = {"zh-tw", "zh-hk", "zh-mo", "zh-hant"}

Arg = str | int | float


class MissingMessage(KeyError):
    """A key that is in no catalogue: a programming error, caught by tests/unit/test_catalogue.py."""


def supported_locale(tag: str | None) -> Locale | None:
    """The catalogue locale for a locale tag (`en-US` → `en`, `zh-TW` → `zh-TW`), or None."""
    if not tag:
        return None
    lowered = tag.strip().replace("_", "-").lower()
    if lowered in _TRADITIONAL or lowered.startswith("zh-hant"):
        return "zh-TW"
    if lowered == "en" or lowered.startswith("en-"):
        return "en"
    return None


class Catalogue:
    """One Fluent bundle per locale, built from every `<area>.ftl` file of that locale."""

    def __init__(self, root: Path = LOCALES_DIR) -> None:
        self.root = root
        self._bundles: dict[str, FluentBundle] = {}
        for locale_dir in sorted(p for p in root.iterdir() if p.is_dir()):
            # use_isolating=False: Unicode isolation marks around placeholders would end up
            # inside Slack markup (`<@U1>`, `*bold*`) and break it.
            bundle = FluentBundle([locale_dir.name], use_isolating=False)
            for path in sorted(locale_dir.glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            self._bundles[locale_dir.name] = bundle

    @property
    def locales(self) -> list[str]:
        return sorted(self._bundles)

    def has(self, key: str, locale: str) -> bool:
        bundle = self._bundles.get(locale)
        return bundle is not None and bundle.has_message(key)

    def format(self, key: str, locale: str, **args: Arg) -> str:
        """The message `key` in `locale`, falling back to the default locale; MissingMessage when
        neither has it. A placeholder left without a value shows as `{$name}`, never a crash."""
        for candidate in (locale, DEFAULT_LOCALE):
            bundle = self._bundles.get(candidate)
            if bundle is not None and bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    raise MissingMessage(f"{key} has no value in {candidate}")
                text, _errors = bundle.format_pattern(message.value, args)
                return text
        raise MissingMessage(key)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped catalogues, loaded once."""
    return Catalogue()


def t(key: str, locale: str | None = None, **args: Arg) -> str:
    """Format the message `key` for `locale` (default: `i18n.current.current_locale()`, the
    reader's inside `reading_in`, else INCIDENT_LOCALE)."""
    if locale is None:
        from i18n.current import current_locale

        locale = current_locale()
    return catalogue().format(key, locale, **args)


@dataclass(frozen=True)
class Translator:
    """`t` bound to one locale: `tr = Translator("zh-TW"); tr("help-title")`."""

    locale: Locale = DEFAULT_LOCALE

    @classmethod
    def for_tag(cls, tag: str | None, default: str = DEFAULT_LOCALE) -> Translator:
        """The translator for a Slack locale tag, or `default` when the tag is not supported."""
        return cls(supported_locale(tag) or cast(Locale, supported_locale(default) or DEFAULT_LOCALE))

    def __call__(self, key: str, **args: Arg) -> str:
        return t(key, self.locale, **args)
