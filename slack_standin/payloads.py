"""The request bodies Slack sends an app: slash commands, block actions, view submissions and
closures, and Events API envelopes. Pure functions of the workspace state.

Shapes follow Slack's documentation and the payloads in Bolt for Python's own tests.
"""

from __future__ import annotations

import copy
from typing import Any

from slack_standin.blockkit import interactive_elements
from slack_standin.state import Channel, User, View, Workspace


def _user_ref(ws: Workspace, user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.name, "name": user.name, "team_id": ws.team.id}


def _team_ref(ws: Workspace) -> dict[str, Any]:
    return {"id": ws.team.id, "domain": ws.team.domain}


def channel_name_for_payload(channel: Channel) -> str:
    return "directmessage" if channel.is_im else channel.name


def slash_command(
    ws: Workspace,
    *,
    user: User,
    channel: Channel,
    command: str,
    text: str,
    response_url: str,
    trigger_id: str,
    verification_token: str,
) -> dict[str, str]:
    """The form fields of a slash command request."""
    return {
        "token": verification_token,
        "team_id": ws.team.id,
        "team_domain": ws.team.domain,
        "channel_id": channel.id,
        "channel_name": channel_name_for_payload(channel),
        "user_id": user.id,
        "user_name": user.name,
        "command": command,
        "text": text,
        "api_app_id": ws.app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


def find_element(
    blocks: list[dict[str, Any]], action_id: str, block_id: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(block, element) of the interactive element with this action_id."""
    for block, element in interactive_elements(blocks):
        if element.get("action_id") == action_id and block_id in (None, block.get("block_id")):
            return block, element
    known = [e.get("action_id") for _, e in interactive_elements(blocks)]
    raise LookupError(f"no interactive element with action_id {action_id!r}; there are {known}")


def _all_options(element: dict[str, Any]) -> list[dict[str, Any]]:
    if "options" in element:
        return list(element["options"])
    return [o for group in element.get("option_groups", []) for o in group.get("options", [])]


def _option(element: dict[str, Any], value: str) -> dict[str, Any]:
    for option in _all_options(element):
        if option.get("value") == value:
            return copy.deepcopy(option)
    values = [o.get("value") for o in _all_options(element)]
    raise LookupError(
        f"{element.get('action_id')!r} has no option with value {value!r}; options: {values}"
    )


def action(
    block: dict[str, Any], element: dict[str, Any], *, action_ts: str, option: Any = None
) -> dict[str, Any]:
    """One entry of `actions` in a block_actions payload."""
    kind = element.get("type")
    entry: dict[str, Any] = {
        "action_id": element.get("action_id"),
        "block_id": block.get("block_id"),
        "type": kind,
        "action_ts": action_ts,
    }
    if kind == "button":
        entry["text"] = copy.deepcopy(element.get("text"))
        if "value" in element:
            entry["value"] = element["value"]
        if "style" in element:
            entry["style"] = element["style"]
        return entry
    if option is None:
        raise ValueError(f"{kind} {element.get('action_id')!r} needs a selection (option=...)")
    if "placeholder" in element:
        entry["placeholder"] = copy.deepcopy(element["placeholder"])
    if kind in ("static_select", "overflow", "radio_buttons", "external_select"):
        entry["selected_option"] = _option(element, str(option))
    elif kind in ("multi_static_select", "checkboxes"):
        entry["selected_options"] = [_option(element, str(v)) for v in option]
    elif kind == "users_select":
        entry["selected_user"] = option
    elif kind == "multi_users_select":
        entry["selected_users"] = list(option)
    elif kind == "conversations_select":
        entry["selected_conversation"] = option
    elif kind == "channels_select":
        entry["selected_channel"] = option
    elif kind == "datepicker":
        entry["selected_date"] = option
    elif kind == "timepicker":
        entry["selected_time"] = option
    else:
        raise ValueError(f"clicking a {kind} is not supported by the stand-in")
    return entry


def block_actions(
    ws: Workspace,
    *,
    user: User,
    actions: list[dict[str, Any]],
    trigger_id: str,
    verification_token: str,
    container: dict[str, Any],
    channel: Channel | None = None,
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    response_url: str | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user_ref(ws, user),
        "api_app_id": ws.app_id,
        "token": verification_token,
        "container": container,
        "trigger_id": trigger_id,
        "team": _team_ref(ws),
        "enterprise": None,
        "is_enterprise_install": False,
    }
    if channel is not None:
        payload["channel"] = {"id": channel.id, "name": channel_name_for_payload(channel)}
    if message is not None:
        payload["message"] = message
        payload["state"] = {"values": {}}
    if view is not None:
        payload["view"] = view
    if response_url is not None:
        payload["response_url"] = response_url
    payload["actions"] = actions
    return payload


# How each input element reports its value in `view.state.values`.
_STATE_KEYS: dict[str, str] = {
    "plain_text_input": "value",
    "email_text_input": "value",
    "url_text_input": "value",
    "number_input": "value",
    "static_select": "selected_option",
    "external_select": "selected_option",
    "radio_buttons": "selected_option",
    "multi_static_select": "selected_options",
    "multi_external_select": "selected_options",
    "checkboxes": "selected_options",
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "rich_text_input": "rich_text_value",
    "file_input": "files",
}

_INITIAL_KEYS: dict[str, str] = {
    "value": "initial_value",
    "selected_option": "initial_option",
    "selected_options": "initial_options",
    "selected_user": "initial_user",
    "selected_users": "initial_users",
    "selected_conversation": "initial_conversation",
    "selected_conversations": "initial_conversations",
    "selected_channel": "initial_channel",
    "selected_channels": "initial_channels",
    "selected_date": "initial_date",
    "selected_time": "initial_time",
    "selected_date_time": "initial_date_time",
}

_MULTI = {
    "selected_options",
    "selected_users",
    "selected_conversations",
    "selected_channels",
    "files",
}


def _state_entry(element: dict[str, Any], value: Any, given: bool) -> dict[str, Any]:
    kind = str(element.get("type"))
    key = _STATE_KEYS.get(kind)
    if key is None:
        raise ValueError(f"{kind} elements have no state value")
    if not given:
        initial = element.get(_INITIAL_KEYS.get(key, ""))
        value = copy.deepcopy(initial) if initial is not None else ([] if key in _MULTI else None)
    elif key == "selected_option":
        value = _option(element, str(value))
    elif key == "selected_options":
        value = [_option(element, str(v)) for v in value]
    elif key == "rich_text_value":
        value = {
            "type": "rich_text",
            "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": value}]}
            ],
        }
    elif key in _MULTI:
        value = list(value)
    return {"type": kind, key: value}


def state_values(
    view: View, values: dict[str, dict[str, Any]], *, check_required: bool = True
) -> dict[str, dict[str, Any]]:
    """`view.state.values` as Slack reports it on submission: every input element, with the
    values given as {block_id: {action_id: value}} (a plain value per element type: text, a
    user id, an option's value, a list for multi-selects, "YYYY-MM-DD" for dates).

    Slack's client refuses to submit a modal whose required inputs are empty or whose text is
    outside min/max length, so that raises ValueError here rather than sending anything."""
    blocks = view.payload.get("blocks", [])
    known = {(b.get("block_id"), e.get("action_id")) for b, e in interactive_elements(blocks)}
    for block_id, by_action in values.items():
        for action_id in by_action:
            if (block_id, action_id) not in known:
                raise LookupError(
                    f"view {view.id} has no element {block_id}/{action_id}; it has {sorted(known)}"
                )
    state: dict[str, dict[str, Any]] = copy.deepcopy(view.state_values)
    for block, element in interactive_elements(blocks):
        if block.get("type") != "input":
            continue
        block_id, action_id = str(block.get("block_id")), str(element.get("action_id"))
        given = action_id in values.get(block_id, {})
        if not given and action_id in state.get(block_id, {}):
            continue
        entry = _state_entry(element, values.get(block_id, {}).get(action_id), given)
        if check_required:
            _check_input(block, element, entry)
        state.setdefault(block_id, {})[action_id] = entry
    return state


def _check_input(block: dict[str, Any], element: dict[str, Any], entry: dict[str, Any]) -> None:
    value = next(v for k, v in entry.items() if k != "type")
    label = block.get("label", {}).get("text", block.get("block_id"))
    if not block.get("optional", False) and value in (None, "", []):
        raise ValueError(f"required input {label!r} is empty: Slack would not submit this modal")
    if isinstance(value, str) and element.get("type") == "plain_text_input":
        if len(value) < int(element.get("min_length", 0)):
            raise ValueError(f"input {label!r} is shorter than its min_length")
        if len(value) > int(element.get("max_length", 3000)):
            raise ValueError(f"input {label!r} is longer than its max_length")


def view_submission(
    ws: Workspace,
    *,
    user: User,
    view: dict[str, Any],
    trigger_id: str,
    verification_token: str,
) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": _team_ref(ws),
        "user": _user_ref(ws, user),
        "api_app_id": ws.app_id,
        "token": verification_token,
        "trigger_id": trigger_id,
        "view": view,
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def view_closed(
    ws: Workspace, *, user: User, view: dict[str, Any], verification_token: str, is_cleared: bool
) -> dict[str, Any]:
    return {
        "type": "view_closed",
        "team": _team_ref(ws),
        "user": _user_ref(ws, user),
        "api_app_id": ws.app_id,
        "token": verification_token,
        "view": view,
        "is_cleared": is_cleared,
        "is_enterprise_install": False,
        "enterprise": None,
    }


def event_callback(
    ws: Workspace,
    *,
    event: dict[str, Any],
    event_id: str,
    event_time: int,
    verification_token: str,
) -> dict[str, Any]:
    return {
        "token": verification_token,
        "team_id": ws.team.id,
        "api_app_id": ws.app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": ws.team.id,
                "user_id": ws.bot.id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{event_id}",
    }
