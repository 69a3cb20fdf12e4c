"""What the app under test declared in its manifest, where Slack's behaviour depends on it.

Read from the project's `manifest.yml` by default, so the stand-in is as strict as the real
workspace the manifest would create; a test may pass its own `AppConfig`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"


@dataclass(frozen=True)
class AppConfig:
    # https://docs.slack.dev/surfaces/app-home#messages-tab and chat.postMessage's error list
    # (https://docs.slack.dev/reference/methods/chat.postMessage#errors): "messages_tab_disabled:
    # the app's Messages tab is disabled"; new apps have it off unless the manifest turns it on.
    messages_tab_enabled: bool = False
    # https://docs.slack.dev/interactivity/implementing-slash-commands (should_escape): with it on,
    # mentions arrive as <@U123|name>; with it off, as plain @name.
    should_escape: bool = False
    # https://api.slack.com/surfaces/tabs/using ("To start using your app's Home tab, you'll need
    # to enable the Home tab": App Home → Show Tabs; manifest features.app_home.home_tab_enabled):
    # with it off, nobody can open the Home tab (so no `app_home_opened` with tab "home") and
    # views.publish has no tab to publish to. Slack's views.publish error list names no code for
    # this case; the stand-in answers `home_tab_disabled`, its own name, so the bot must not rely on it.
    home_tab_enabled: bool = False

    @classmethod
    def from_manifest(cls, path: Path = MANIFEST) -> AppConfig:
        if not path.exists():
            return cls()
        manifest = yaml.safe_load(path.read_text()) or {}
        features = manifest.get("features") or {}
        app_home = features.get("app_home") or {}
        commands = features.get("slash_commands") or []
        return cls(
            messages_tab_enabled=bool(app_home.get("messages_tab_enabled", False)),
            should_escape=any(bool(c.get("should_escape")) for c in commands),
            home_tab_enabled=bool(app_home.get("home_tab_enabled", False)),
        )


# Slack's escaping of command text: https://docs.slack.dev/messaging/formatting-message-text#escaping
# "&" -> "&amp;", "<" -> "&lt;", ">" -> "&gt;". What the client made an entity (a mention picked
# from the list, a channel, @here, a pasted link) arrives between < and >; tests write those the
# way Slack sends them (<@U123>, <#C123>, <!here>), and a bare http(s) URL is linked by the client.
_TYPED_ENTITY = re.compile(r"<(@[UW][A-Z0-9]+|#C[A-Z0-9]+|![a-z]+(?:\^[A-Z0-9]+)?)(?:\|([^<>]*))?>")
_BARE_URL = re.compile(r"https?://[^\s<>]+")


def escape_command_text(text: str, config: AppConfig, names: dict[str, str]) -> str:
    """`text` as typed in the client → the `text` field Slack sends with the command."""
    out: list[str] = []
    position = 0
    for match in _TYPED_ENTITY.finditer(text):
        out.append(_escape_plain(text[position : match.start()]))
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            name = label or names.get(target[1:], target[1:])
            out.append(f"<{target}|{name}>" if config.should_escape else f"@{name}")
        elif target.startswith("#"):
            name = label or names.get(target[1:], target[1:])
            out.append(f"<{target}|{name}>" if config.should_escape else f"#{name}")
        else:
            out.append(f"<{target}>")
        position = match.end()
    out.append(_escape_plain(text[position:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BARE_URL.sub(lambda m: f"<{m.group(0)}>", escaped)
