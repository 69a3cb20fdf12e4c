"""What every Web API method handler gets: its arguments and the workspace context."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_standin.clock import WorkspaceClock
from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.ids import IdFactory
from slack_standin.modals import Modals, TriggerRegistry
from slack_standin.state import Channel, User, Workspace

_TRUE = {"true", "1", "yes"}


class Args:
    """Arguments merged from query string, form body and JSON body. Form values are strings;
    JSON values keep their types; the accessors accept both."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def string(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        return str(value)

    def required(self, name: str) -> str:
        value = self.string(name)
        if value is None or value == "":
            raise invalid_arguments(f"missing required field: {name}")
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in _TRUE

    def json_value(self, name: str, error: str = "invalid_arguments") -> Any:
        """A JSON argument: sent as a JSON-encoded string in forms, as a value in JSON bodies."""
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                raise ApiError(error) from None
        return value


@dataclass
class ApiContext:
    workspace: Workspace
    clock: WorkspaceClock
    ids: IdFactory
    triggers: TriggerRegistry
    modals: Modals
    upload_url_for: Callable[[str], str]
    socket_mode_url: Callable[[], str]

    @property
    def now(self) -> float:
        return self.clock.now()

    @property
    def bot(self) -> User:
        return self.workspace.bot

    def channel(self, channel_id: str | None) -> Channel:
        """A channel the bot can see: private ones it is not in do not exist for it."""
        channel = self.workspace.channel(channel_id or "")
        if channel is None or (channel.is_private and not channel.has_member(self.bot.id)):
            raise ApiError("channel_not_found")
        return channel

    def member_channel(self, channel_id: str | None, *, writable: bool = True) -> Channel:
        """A channel the bot is a member of (and, if writable, that is not archived)."""
        channel = self.channel(channel_id)
        if writable and channel.is_archived:
            raise ApiError("is_archived")
        if not channel.is_im and not channel.has_member(self.bot.id):
            raise ApiError("not_in_channel")
        return channel

    def user(self, user_id: str | None) -> User:
        user = self.workspace.user(user_id or "")
        if user is None or user.deleted:
            raise ApiError("user_not_found")
        return user


Handler = Callable[[ApiContext, Args], dict[str, Any]]
