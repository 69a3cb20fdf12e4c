"""manifest.yml is a valid Slack app manifest and asks for exactly the scopes the code needs."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"

# Every Web API method the bot calls, and the bot scope Slack requires for it.
METHOD_SCOPES = {
    "auth.test": None,
    "views.publish": None,  # the App Home: "Required scopes: none" (docs.slack.dev/reference/methods/views.publish)
    "files.getUploadURLExternal": "files:write",  # the App Home's charts, uploaded step by step
    "files.completeUploadExternal": "files:write",
    "views.open": None,
    "chat.postMessage": "chat:write",
    "chat.update": "chat:write",
    "chat.postEphemeral": "chat:write",
    "conversations.create": "channels:manage",  # groups:write for private ones
    "conversations.setTopic": "channels:manage",
    "conversations.setPurpose": "channels:manage",
    "conversations.invite": "channels:manage",
    "pins.add": "pins:write",
    "files_upload_v2": "files:write",
    "conversations.history": "channels:history",  # groups:history for private ones
    "conversations.join": "channels:join",  # the triage channel (bot/flows/triage_channel.py)
    "conversations.replies": "channels:history",  # files.getUploadURLExternal + files.completeUploadExternal
    "conversations.members": "channels:read",  # groups:read for private ones: who is in a war room
    "users.info": "users:read",  # https://api.slack.com/methods/users.info (users:read.email too: a ticket owner's email)
    "bookmarks.add": "bookmarks:write",  # the bridge link in the war room's header
    "users.lookupByEmail": "users:read.email",  # https://api.slack.com/methods/users.lookupByEmail: who acknowledged in Opsgenie
}


def _manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def test_manifest_validates_against_slacks_schema():
    if not SCHEMA.exists():
        pytest.skip(f"Slack's manifest schema is not beside the repo ({SCHEMA}); CI has it")
    import json

    import jsonschema

    jsonschema.validate(_manifest(), json.loads(SCHEMA.read_text()))


def test_manifest_scopes_are_exactly_what_the_code_uses():
    needed = {scope for scope in METHOD_SCOPES.values() if scope}
    needed |= {"commands", "groups:write", "groups:history", "groups:read"}  # the slash command; private war rooms
    needed |= {"reactions:read", "pins:read"}  # the events below
    needed |= {"users:read.email"}  # users.info with the email a ticket's owner is matched by
    assert set(_manifest()["oauth_config"]["scopes"]["bot"]) == needed


def test_gateway_calls_only_methods_with_known_scopes():
    source = (ROOT / "bot" / "slack" / "gateway.py").read_text()
    import re

    called = set(re.findall(r'_call\(\s*"([a-zA-Z0-9._]+)"', source))
    assert called and called <= set(METHOD_SCOPES), called - set(METHOD_SCOPES)


def test_slash_command_escapes_mentions_for_the_role_shortcut():
    command = _manifest()["features"]["slash_commands"][0]
    assert command["command"] == "/incident" and command["should_escape"] is True


def test_events_subscribed_are_the_ones_handled():
    source = "".join(path.read_text() for path in sorted((ROOT / "bot" / "listeners").glob("*.py")))
    import re

    handled = set(re.findall(r'app\.event\("([a-z_]+)"\)', source))
    assert set(_manifest()["settings"]["event_subscriptions"]["bot_events"]) == handled


def test_the_home_tab_is_on_for_the_app_home():
    app_home = _manifest()["features"]["app_home"]
    assert app_home["home_tab_enabled"] is True and app_home["messages_tab_enabled"] is True
