"""Slack operations the incident flows need, with Slack's expected errors handled in one place.

Callers get plain values back, or a `SlackFailure` that says which call failed and why.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError

from agents.redact import redact_data
from bot.slack.outbound import Outbound
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

MAX_TOPIC = 250
MAX_NAME_ATTEMPTS = 12

# A channel that will not take the bot's messages again until a person acts: archived, deleted,
# or the bot removed (https://docs.slack.dev/reference/methods/chat.postMessage#errors, and the
# same codes on chat.update, chat.postEphemeral, pins.add, conversations.setTopic).
CHANNEL_GONE_ERRORS = frozenset({"is_archived", "channel_not_found", "not_in_channel"})
CHANNEL_WRITES = frozenset({
    "chat.postMessage", "chat.update", "chat.postEphemeral", "pins.add",
    "conversations.setTopic", "conversations.setPurpose", "files_upload_v2",
})
ChannelGone = Callable[[str, str], Awaitable[None]]


class SlackFailure(RuntimeError):
    """A Slack call failed after retries. `error` is Slack's error code when there is one."""

    def __init__(self, method: str, error: str) -> None:
        super().__init__(f"Slack `{method}` failed: {error}")
        self.method = method
        self.error = error


class UserNotFound(SlackFailure):
    pass


def _error_code(exc: SlackApiError) -> str:
    data = getattr(exc.response, "data", None)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    return f"HTTP {getattr(exc.response, 'status_code', '?')}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SlackGateway:
    def __init__(self, client: AsyncWebClient, outbound: Outbound | None = None) -> None:
        self.client = client
        self.outbound = outbound or Outbound()
        # Told (channel, error) when a write into a channel fails because the channel is gone;
        # the flows mark a war room lost there (bot/flows/dead_channels.py), whatever was posting.
        self.on_channel_gone: ChannelGone | None = None

    async def _channel_gone(self, method: str, channel: Any, error: str) -> None:
        if self.on_channel_gone is None or method not in CHANNEL_WRITES or error not in CHANNEL_GONE_ERRORS:
            return
        if not isinstance(channel, str) or not channel:
            return
        try:
            await self.on_channel_gone(channel, error)
        except Exception:  # the caller hears the original failure either way
            log.exception("could not record a channel that is gone", extra={"error": error})

    def pacing_delay(self, method: str, channel: str | None = None) -> float:
        """Seconds Slack's pace would hold a `method` call asked for now (0 when none)."""
        return self.outbound.expected_wait(method, channel)

    async def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        # Nothing the bot sends to Slack carries a credential, whatever a person or an alert wrote.
        for field in ("text", "blocks", "topic", "purpose", "content", "view", "initial_comment"):
            if field in kwargs and kwargs[field] is not None:
                kwargs[field] = redact_data(kwargs[field])
        try:
            # The SDK's named method knows each endpoint's encoding (form or JSON).
            # Every call waits its turn in Slack's pace and is retried after a 429 (outbound.py).
            sdk_method = getattr(self.client, method.replace(".", "_"))
            response = await self.outbound.send(method, kwargs.get("channel"), lambda: sdk_method(**kwargs))
        except SlackApiError as exc:
            failure = SlackFailure(method, _error_code(exc))
            await self._channel_gone(method, kwargs.get("channel"), failure.error)
            raise failure from exc
        except (SlackClientError, OSError, TimeoutError) as exc:
            raise SlackFailure(method, f"{type(exc).__name__}: unreachable") from exc
        return dict(response.data) if isinstance(response.data, dict) else {}

    async def user_locale(self, user_id: str) -> str | None:
        """The person's Slack locale (e.g. `zh-TW`), or None when Slack does not say."""
        found = await self._call("users.info", user=user_id, include_locale=True)
        locale = (found.get("user") or {}).get("locale")
        return locale if isinstance(locale, str) else None

    async def bot_user_id(self) -> str:
        return str((await self._call("auth.test"))["user_id"])

    async def members(self, channel: str) -> frozenset[str]:
        """Everyone in `channel` (every page of conversations.members)."""
        members: set[str] = set()
        cursor = None
        while True:
            data = await self._call("conversations.members", channel=channel, limit=200, cursor=cursor)
            members.update(data.get("members", []))
            cursor = (data.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return frozenset(members)

    async def create_channel(self, names: Iterable[str], is_private: bool) -> tuple[str, str]:
        """Create the first free name among `names`; returns (channel id, name)."""
        for attempt, name in enumerate(names):
            if attempt >= MAX_NAME_ATTEMPTS:
                break
            try:
                data = await self._call("conversations.create", name=name, is_private=is_private)
            except SlackFailure as failure:
                if failure.error == "name_taken":
                    log.info("channel name taken, trying the next", extra={"channel_name": name})
                    continue
                raise
            channel = data["channel"]
            return str(channel["id"]), str(channel["name"])
        raise SlackFailure("conversations.create", "name_taken (every candidate name is in use)")

    async def set_topic(self, channel: str, topic: str) -> None:
        await self._call("conversations.setTopic", channel=channel, topic=_clip(topic, MAX_TOPIC))

    async def set_purpose(self, channel: str, purpose: str) -> None:
        await self._call(
            "conversations.setPurpose", channel=channel, purpose=_clip(purpose, MAX_TOPIC)
        )

    async def invite(self, channel: str, user_id: str) -> bool:
        """Invite one person; True if they were added, False if they were already there."""
        try:
            await self._call("conversations.invite", channel=channel, users=user_id)
        except SlackFailure as failure:
            if failure.error in ("already_in_channel", "cant_invite_self"):
                return False
            if failure.error in ("user_not_found", "user_is_bot", "cant_invite"):
                raise UserNotFound(failure.method, failure.error) from failure
            raise
        return True

    async def join(self, channel: str) -> None:
        """conversations.join: the bot joins a public channel (already in it is fine)."""
        await self._call("conversations.join", channel=channel)

    async def post(
        self,
        channel: str,
        text: str,
        blocks: list[dict] | None = None,
        thread_ts: str | None = None,
    ) -> str:
        kwargs: dict[str, Any] = {"channel": channel, "text": text, "unfurl_links": False}
        if blocks:
            kwargs["blocks"] = blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        return str((await self._call("chat.postMessage", **kwargs))["ts"])

    async def update(self, channel: str, ts: str, text: str, blocks: list[dict]) -> None:
        await self._call("chat.update", channel=channel, ts=ts, text=text, blocks=blocks)

    async def pin(self, channel: str, ts: str) -> None:
        try:
            await self._call("pins.add", channel=channel, timestamp=ts)
        except SlackFailure as failure:
            if failure.error != "already_pinned":
                raise

    async def open_view(self, trigger_id: str, view: dict) -> str:
        return str((await self._call("views.open", trigger_id=trigger_id, view=view))["view"]["id"])

    async def upload_text(
        self, channel: str, thread_ts: str | None, filename: str, content: str, title: str
    ) -> None:
        """Attach `content` as a file (files upload v2) in `channel`, in a thread if given."""
        await self._call(
            "files_upload_v2",
            channel=channel,
            thread_ts=thread_ts,
            filename=filename,
            content=content,
            title=title,
        )

    async def read_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        """One message by its ts: top level first, then as a thread reply."""
        data = await self._call("conversations.history", channel=channel, latest=ts, inclusive=True, limit=1)
        for message in data.get("messages", []):
            if message.get("ts") == ts:
                return message
        data = await self._call("conversations.replies", channel=channel, ts=ts, limit=1)
        for message in data.get("messages", []):
            if message.get("ts") == ts:
                return message
        return None

    async def post_ephemeral(self, channel: str, user: str, text: str) -> None:
        await self._call("chat.postEphemeral", channel=channel, user=user, text=text)

    async def display_name(self, user_id: str) -> str:
        """A person's name as Slack shows it: the display name, else the real name, else the
        handle (users.info; `profile.display_name` may be empty per Slack's docs)."""
        user = (await self._call("users.info", user=user_id)).get("user") or {}
        profile = user.get("profile") or {}
        return (profile.get("display_name") or profile.get("real_name") or user.get("real_name")
                or user.get("name") or user_id)
    # --- beyond the war room (issue 12) ---

    async def add_bookmark(self, channel: str, title: str, link: str, emoji: str | None = None) -> None:
        """A link in the channel's header (bookmarks.add; needs bookmarks:write)."""
        kwargs: dict[str, Any] = {"channel_id": channel, "title": title, "type": "link", "link": link}
        if emoji:
            kwargs["emoji"] = emoji
        await self._call("bookmarks.add", **kwargs)

    async def user_by_email(self, email: str) -> str | None:
        """The Slack user id with this email (users.lookupByEmail; needs users:read.email); None
        when nobody has it or it is hidden."""
        try:
            data = await self._call("users.lookupByEmail", email=email)
        except SlackFailure:
            return None
        user_id = (data.get("user") or {}).get("id")
        return str(user_id) if user_id else None

    async def user_email(self, user_id: str) -> str | None:
        """A person's email from users.info (needs users:read.email); None when hidden or unknown."""
        try:
            data = await self._call("users.info", user=user_id)
        except SlackFailure:
            return None
        email = ((data.get("user") or {}).get("profile") or {}).get("email")
        return str(email) if email else None

    # --- App Home and images (issue 16) ---

    async def publish_home(self, user_id: str, view: dict) -> None:
        """views.publish: the person's Home tab (Tier 4, paced like every call)."""
        await self._call("views.publish", user_id=user_id, view=view)

    async def upload_image(self, filename: str, content: bytes, title: str, channel: str | None = None,
                           initial_comment: str | None = None) -> str:
        """Upload an image the way files upload v2 does, each Web API step through Slack's pace:
        files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal
        (shared in `channel` when given; else private to the bot, for image blocks). Its file id."""
        ticket = await self._call("files.getUploadURLExternal", filename=filename, length=len(content))
        try:
            # The SDK's own upload helper: same HTTP session, proxy and TLS settings as its calls.
            result = await self.client._upload_file(
                url=ticket["upload_url"], data=content, logger=log, timeout=self.client.timeout,
                proxy=self.client.proxy, ssl=self.client.ssl,
            )
        except (SlackClientError, OSError, TimeoutError) as exc:
            raise SlackFailure("files.upload", f"{type(exc).__name__}: unreachable") from exc
        if result.status != 200:
            raise SlackFailure("files.upload", f"HTTP {result.status}")
        done: dict[str, Any] = {"files": [{"id": ticket["file_id"], "title": title}]}
        if channel:
            done["channel_id"] = channel
        if initial_comment:
            done["initial_comment"] = initial_comment
        await self._call("files.completeUploadExternal", **done)
        return str(ticket["file_id"])
