"""The workspace the stand-in plays: team, users, channels, messages, pins, views, files.

Plain dataclasses plus one `Workspace` that owns them. Every mutation goes through a
`Workspace` method (or ends with `touch()`), so waiters are woken on each change. The
`to_api` methods render Slack's JSON shapes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


SYSTEM_SUBTYPES = frozenset(
    {"channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_archive"}
)
"""Subtypes of the lines Slack itself adds to a channel (joins, topic changes, archiving)."""


@dataclass(frozen=True)
class Team:
    id: str
    domain: str
    name: str

    @property
    def url(self) -> str:
        return f"https://{self.domain}.slack.com/"


@dataclass
class User:
    id: str
    name: str
    real_name: str
    email: str | None = None
    is_bot: bool = False
    bot_id: str | None = None
    deleted: bool = False
    is_admin: bool = False
    tz: str = "Europe/London"
    locale: str = "en-US"  # returned by users.info only with include_locale=true

    def to_api(self, team_id: str) -> dict[str, Any]:
        profile: dict[str, Any] = {
            "real_name": self.real_name,
            "real_name_normalized": self.real_name,
            "display_name": self.name,
            "display_name_normalized": self.name,
            "title": "",
            "team": team_id,
            "image_48": f"https://avatars.example.invalid/{self.id}_48.png",
            "image_72": f"https://avatars.example.invalid/{self.id}_72.png",
        }
        if self.email is not None:
            profile["email"] = self.email
        if self.bot_id is not None:
            profile["bot_id"] = self.bot_id
        return {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": "Greenwich Mean Time",
            "tz_offset": 0,
            "profile": profile,
            "is_admin": self.is_admin,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": 1700000000,
        }


@dataclass
class TopicValue:
    value: str = ""
    creator: str = ""
    last_set: int = 0

    def to_api(self) -> dict[str, Any]:
        return {"value": self.value, "creator": self.creator, "last_set": self.last_set}


@dataclass
class Channel:
    id: str
    name: str
    created: int
    creator: str
    is_private: bool = False
    is_general: bool = False
    is_archived: bool = False
    is_im: bool = False
    im_user: str | None = None
    members: list[str] = field(default_factory=list)
    topic: TopicValue = field(default_factory=TopicValue)
    purpose: TopicValue = field(default_factory=TopicValue)
    previous_names: list[str] = field(default_factory=list)

    def has_member(self, user_id: str) -> bool:
        return user_id in self.members

    def to_api(self, team_id: str, viewer_id: str, *, num_members: bool = False) -> dict[str, Any]:
        if self.is_im:
            return {
                "id": self.id,
                "created": self.created,
                "is_im": True,
                "is_org_shared": False,
                "context_team_id": team_id,
                "user": self.im_user,
                "is_user_deleted": False,
                "priority": 0,
            }
        body: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "is_channel": True,
            "is_group": False,
            "is_im": False,
            "is_mpim": False,
            "is_private": self.is_private,
            "created": self.created,
            "is_archived": self.is_archived,
            "is_general": self.is_general,
            "unlinked": 0,
            "name_normalized": self.name,
            "is_shared": False,
            "is_org_shared": False,
            "is_pending_ext_shared": False,
            "pending_shared": [],
            "context_team_id": team_id,
            "updated": self.created * 1000,
            "parent_conversation": None,
            "creator": self.creator,
            "is_ext_shared": False,
            "shared_team_ids": [team_id],
            "pending_connected_team_ids": [],
            "is_member": self.has_member(viewer_id),
            "topic": self.topic.to_api(),
            "purpose": self.purpose.to_api(),
            "previous_names": list(self.previous_names),
        }
        if num_members:
            body["num_members"] = len(self.members)
        return body


@dataclass
class Message:
    channel: str
    ts: str
    user: str
    text: str = ""
    blocks: list[dict[str, Any]] | None = None
    thread_ts: str | None = None
    subtype: str | None = None
    bot_id: str | None = None
    app_id: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] | None = None
    metadata: dict[str, Any] | None = None
    edited: dict[str, str] | None = None
    reply_broadcast: bool = False

    @property
    def is_system(self) -> bool:
        return self.subtype in SYSTEM_SUBTYPES

    @property
    def is_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts

    def to_api(
        self,
        team_id: str,
        replies: list[Message] | None = None,
        parent_user: str | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "message",
            "user": self.user,
            "ts": self.ts,
            "text": self.text,
        }
        body["team"] = team_id
        if self.subtype:
            body["subtype"] = self.subtype
        if self.bot_id:
            body["bot_id"] = self.bot_id
            body["app_id"] = self.app_id
        if self.blocks is not None:
            body["blocks"] = copy.deepcopy(self.blocks)
        if self.attachments is not None:
            body["attachments"] = copy.deepcopy(self.attachments)
        if self.metadata is not None:
            body["metadata"] = copy.deepcopy(self.metadata)
        if self.files:
            body["files"] = copy.deepcopy(self.files)
            body["upload"] = False
        if self.edited:
            body["edited"] = dict(self.edited)
        if self.thread_ts is not None:
            body["thread_ts"] = self.thread_ts
            if self.is_reply and parent_user is not None:
                body["parent_user_id"] = parent_user
        if replies:
            body["reply_count"] = len(replies)
            body["reply_users"] = sorted({r.user for r in replies})
            body["reply_users_count"] = len(body["reply_users"])
            body["latest_reply"] = replies[-1].ts
        return body


@dataclass
class Ephemeral:
    """A message only one user sees: chat.postEphemeral, a response_url answer, a command ack."""

    channel: str
    user: str
    ts: str
    text: str = ""
    blocks: list[dict[str, Any]] | None = None
    thread_ts: str | None = None
    source: str = "chat.postEphemeral"
    deleted: bool = False

    def to_api(self, bot: User, app_id: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "message",
            "subtype": "bot_message",
            "user": bot.id,
            "bot_id": bot.bot_id,
            "app_id": app_id,
            "ts": self.ts,
            "text": self.text,
        }
        if self.blocks is not None:
            body["blocks"] = copy.deepcopy(self.blocks)
        if self.thread_ts is not None:
            body["thread_ts"] = self.thread_ts
        return body


@dataclass
class Pin:
    channel: str
    ts: str
    created: int
    created_by: str


@dataclass
class Bookmark:
    id: str
    channel: str
    title: str
    link: str
    created_by: str
    created: int
    emoji: str | None = None

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel_id": self.channel,
            "title": self.title,
            "link": self.link,
            "emoji": self.emoji,
            "icon_url": None,
            "type": "link",
            "entity_id": None,
            "date_created": self.created,
            "date_updated": 0,
            "rank": "U",
            "last_updated_by_user_id": self.created_by,
            "last_updated_by_team_id": None,
            "shortcut_id": None,
            "app_id": None,
        }


@dataclass
class StoredFile:
    id: str
    filename: str
    length: int
    created: int
    user: str
    title: str = ""
    alt_txt: str | None = None
    content: bytes | None = None
    completed: bool = False
    channels: list[str] = field(default_factory=list)

    def to_api(self, team: Team) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": self.created,
            "timestamp": self.created,
            "name": self.filename,
            "title": self.title or self.filename,
            "mimetype": "text/plain" if self.filename.endswith((".txt", ".md")) else "",
            "filetype": self.filename.rsplit(".", 1)[-1] if "." in self.filename else "",
            "user": self.user,
            "user_team": team.id,
            "size": self.length,
            "is_external": False,
            "is_public": True,
            "url_private": f"https://files.slack.com/files-pri/{team.id}-{self.id}/{self.filename}",
            "permalink": f"{team.url}files/{self.user}/{self.id}/{self.filename}",
            "channels": list(self.channels),
        }


@dataclass
class View:
    id: str
    user: str
    payload: dict[str, Any]
    hash: str
    root_view_id: str
    previous_view_id: str | None = None
    external_id: str = ""
    state_values: dict[str, Any] = field(default_factory=dict)
    is_open: bool = True

    @property
    def callback_id(self) -> str:
        return str(self.payload.get("callback_id", ""))

    @property
    def private_metadata(self) -> str:
        return str(self.payload.get("private_metadata", ""))

    @property
    def title(self) -> str:
        title = self.payload.get("title")
        return str(title.get("text", "")) if isinstance(title, dict) else ""

    def to_api(self, team_id: str, app_id: str, bot_id: str) -> dict[str, Any]:
        p = self.payload
        return {
            "id": self.id,
            "team_id": team_id,
            "type": p.get("type", "modal"),
            "blocks": copy.deepcopy(p.get("blocks", [])),
            "private_metadata": p.get("private_metadata", ""),
            "callback_id": p.get("callback_id", ""),
            "state": {"values": copy.deepcopy(self.state_values)},
            "hash": self.hash,
            "title": copy.deepcopy(p.get("title")),
            "clear_on_close": p.get("clear_on_close", False),
            "notify_on_close": p.get("notify_on_close", False),
            "close": copy.deepcopy(p.get("close")),
            "submit": copy.deepcopy(p.get("submit")),
            "previous_view_id": self.previous_view_id,
            "root_view_id": self.root_view_id,
            "app_id": app_id,
            "external_id": self.external_id,
            "app_installed_team_id": team_id,
            "bot_id": bot_id,
        }


@dataclass(frozen=True)
class ApiCall:
    """One Web API call as the stand-in answered it."""

    seq: int
    method: str
    args: dict[str, Any]
    ok: bool
    error: str | None
    http_status: int
    at: float
    response: dict[str, Any] | None = None


class Workspace:
    """All state of the fake workspace, with change notification."""

    def __init__(self, team: Team, app_id: str, bot: User) -> None:
        self.team = team
        self.app_id = app_id
        self.bot = bot
        self.users: dict[str, User] = {bot.id: bot}
        self.channels: dict[str, Channel] = {}
        self._messages: dict[str, list[Message]] = {}
        self.ephemerals: list[Ephemeral] = []
        self.pins: dict[str, list[Pin]] = {}
        self.bookmarks: dict[str, list[Bookmark]] = {}
        self.files: dict[str, StoredFile] = {}
        self.deleted_file_ids: set[str] = set()  # files.delete answers file_deleted for these
        self.views: dict[str, View] = {}
        self.view_stacks: dict[str, list[str]] = {}
        self.calls: list[ApiCall] = []
        self.app: Any = None  # slack_standin.app_config.AppConfig, set by SlackStandIn
        self.version = 0
        self._listeners: list[Callable[[], None]] = []

    # --- change notification ----------------------------------------------------------------

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def touch(self) -> None:
        self.version += 1
        for listener in self._listeners:
            listener()

    # --- users ------------------------------------------------------------------------------

    def add_user(self, user: User) -> User:
        if user.id in self.users:
            raise ValueError(f"user {user.id} already exists")
        self.users[user.id] = user
        self.touch()
        return user

    def user(self, user_id: str) -> User | None:
        return self.users.get(user_id)

    def user_by_name(self, name: str) -> User | None:
        return next((u for u in self.users.values() if u.name == name), None)

    def user_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next(
            (u for u in self.users.values() if u.email is not None and u.email.lower() == wanted),
            None,
        )

    def humans(self) -> list[User]:
        return [u for u in self.users.values() if not u.is_bot]

    def display_name(self, user_id: str) -> str:
        user = self.users.get(user_id)
        return user.name if user else user_id

    # --- channels ---------------------------------------------------------------------------

    def add_channel(self, channel: Channel) -> Channel:
        if channel.id in self.channels:
            raise ValueError(f"channel {channel.id} already exists")
        if not channel.is_im and self.channel_by_name(channel.name) is not None:
            raise ValueError(f"channel name {channel.name} is taken")
        self.channels[channel.id] = channel
        self._messages[channel.id] = []
        self.touch()
        return channel

    def channel(self, channel_id: str) -> Channel | None:
        return self.channels.get(channel_id)

    def channel_by_name(self, name: str) -> Channel | None:
        """Archived channels included: their names stay taken, as in Slack."""
        wanted = name.lstrip("#")
        return next((c for c in self.channels.values() if not c.is_im and c.name == wanted), None)

    def im_with(self, user_id: str) -> Channel | None:
        return next((c for c in self.channels.values() if c.is_im and c.im_user == user_id), None)

    def add_members(self, channel: Channel, user_ids: list[str]) -> None:
        for user_id in user_ids:
            if user_id not in channel.members:
                channel.members.append(user_id)
        self.touch()

    # --- messages ---------------------------------------------------------------------------

    def store_message(self, message: Message) -> Message:
        self._messages.setdefault(message.channel, []).append(message)
        self.touch()
        return message

    def all_messages(self, channel_id: str) -> list[Message]:
        return list(self._messages.get(channel_id, []))

    def message(self, channel_id: str, ts: str) -> Message | None:
        return next((m for m in self._messages.get(channel_id, []) if m.ts == ts), None)

    def replies(self, channel_id: str, thread_ts: str) -> list[Message]:
        return [
            m for m in self._messages.get(channel_id, []) if m.is_reply and m.thread_ts == thread_ts
        ]

    def top_level(self, channel_id: str) -> list[Message]:
        return [m for m in self._messages.get(channel_id, []) if not m.is_reply]

    def remove_message(self, message: Message) -> None:
        self._messages[message.channel].remove(message)
        self.pins[message.channel] = [
            p for p in self.pins.get(message.channel, []) if p.ts != message.ts
        ]
        self.touch()

    def message_to_api(self, message: Message) -> dict[str, Any]:
        if message.is_reply:
            parent = self.message(message.channel, message.thread_ts or "")
            return message.to_api(self.team.id, parent_user=parent.user if parent else None)
        return message.to_api(self.team.id, self.replies(message.channel, message.ts))

    def iter_all_messages(self) -> Iterator[Message]:
        for messages in self._messages.values():
            yield from messages

    # --- pins -------------------------------------------------------------------------------

    def is_pinned(self, channel_id: str, ts: str) -> bool:
        return any(p.ts == ts for p in self.pins.get(channel_id, []))

    def add_pin(self, pin: Pin) -> None:
        self.pins.setdefault(pin.channel, []).append(pin)
        self.touch()

    # --- calls ------------------------------------------------------------------------------

    def record_call(self, call: ApiCall) -> None:
        self.calls.append(call)
        self.touch()
