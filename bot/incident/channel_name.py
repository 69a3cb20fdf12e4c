"""War-room channel names that Slack accepts for any title.

Slack's rules: lowercase letters, digits, hyphens and underscores; at most 80 characters.
Chinese titles are romanised (Pinyin); a title with nothing that romanises (emoji only), or a
short slug the person typed instead, decides; only then does the incident number stand alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

MAX_CHANNEL_NAME = 80
_VALID = re.compile(r"^[a-z0-9_-]{1,80}$")
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


class InvalidPrefix(ValueError):
    pass


def is_valid_channel_name(name: str) -> bool:
    return bool(_VALID.match(name)) and bool(re.search(r"[a-z0-9]", name))


def romanise(title: str) -> str:
    """Chinese characters as Hanyu Pinyin syllables (pypinyin), one word each, the rest kept."""
    if title.isascii():
        return title
    from pypinyin import Style, lazy_pinyin  # its dictionaries load only when a title needs them

    return " ".join(lazy_pinyin(title, style=Style.NORMAL, errors="default"))


def slugify(title: str) -> str:
    """Romanise, ASCII-fold, lowercase and hyphenate a title (`結帳服務中斷` → `jie-zhang-fu-wu-
    zhong-duan`); '' when nothing survives (emoji only)."""
    folded = unicodedata.normalize("NFKD", romanise(title)).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALLOWED.sub("-", folded.lower()).strip("-")


def validate_prefix(prefix: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,19}", prefix):
        raise InvalidPrefix(
            f"channel prefix {prefix!r} must be 1-20 lowercase letters, digits, '-' or '_'"
        )
    return prefix


def _fit(base: str, slug: str, suffix: str) -> str:
    room = MAX_CHANNEL_NAME - len(base) - len(suffix) - 1
    if room <= 0 or not slug:
        return f"{base}{suffix}"
    cut = slug[:room]
    if len(slug) > room and "-" in cut:
        cut = cut.rsplit("-", 1)[0]  # end on a word boundary
    return f"{base}-{cut.strip('-')}{suffix}"


def channel_name_candidates(
    prefix: str, day: date, title: str, number: int, short_slug: str | None = None
) -> Iterator[str]:
    """Names to try in order: `inc-20261125-checkout-api-500s`, then with the number, then -2, -3...

    `short_slug` (the declare form's optional field) replaces the title's when it has letters
    or digits. Every candidate is a valid Slack channel name; the caller stops at the first
    that is free.
    """
    base = f"{validate_prefix(prefix)}-{day:%Y%m%d}"
    slug = slugify(short_slug or "") or slugify(title)
    if slug:
        yield _fit(base, slug, "")
        yield _fit(base, slug, f"-{number}")
    else:
        yield f"{base}-{number}"
    attempt = 2
    while True:
        yield _fit(base, slug, f"-{number}-{attempt}")
        attempt += 1
