"""Response URLs and acknowledgement bodies: how an app answers an interaction.

A response URL is issued with each slash command and block action. What the app posts to it
(or returns in a slash command's acknowledgement) becomes an ephemeral message for the user,
a message in the channel (`response_type: in_channel`, no membership needed), or an edit or
deletion of the message the action came from (`replace_original`, `delete_original`).
Slack allows a response URL five uses within thirty minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from slack_standin.blockkit import with_generated_ids
from slack_standin.clock import WorkspaceClock
from slack_standin.content import Content, message_content
from slack_standin.errors import ApiError
from slack_standin.ids import IdFactory
from slack_standin.state import Ephemeral, Message, Workspace

RESPONSE_URL_MAX_USES = 5
RESPONSE_URL_TTL_SECONDS = 30 * 60

Source = Literal["slash_command", "block_actions", "view_submission"]


@dataclass
class ResponseTarget:
    """Where a response URL (or an acknowledgement) answers to."""

    id: str
    user: str
    channel: str
    source: Source
    issued_at: float
    message_ts: str | None = None
    message_is_ephemeral: bool = False
    uses: int = 0


@dataclass(frozen=True)
class BotResponse:
    """One answer the app gave through a response URL or an acknowledgement body."""

    target: ResponseTarget
    via: Literal["response_url", "ack"]
    payload: dict[str, Any]
    accepted: bool
    error: str | None
    at: float

    @property
    def response_type(self) -> str:
        return str(self.payload.get("response_type") or "ephemeral")

    @property
    def text(self) -> str:
        return str(self.payload.get("text") or "")

    @property
    def blocks(self) -> list[dict[str, Any]] | None:
        blocks = self.payload.get("blocks")
        return blocks if isinstance(blocks, list) else None


class Responses:
    def __init__(
        self,
        workspace: Workspace,
        clock: WorkspaceClock,
        ids: IdFactory,
        url_for: Callable[[str], str],
    ) -> None:
        self._ws = workspace
        self._clock = clock
        self._ids = ids
        self._url_for = url_for
        self._targets: dict[str, ResponseTarget] = {}
        self.log: list[BotResponse] = []

    def issue(
        self,
        *,
        user: str,
        channel: str,
        source: Source,
        message_ts: str | None = None,
        message_is_ephemeral: bool = False,
    ) -> ResponseTarget:
        target = ResponseTarget(
            id=self._ids.secret(24),
            user=user,
            channel=channel,
            source=source,
            issued_at=self._clock.now(),
            message_ts=message_ts,
            message_is_ephemeral=message_is_ephemeral,
        )
        self._targets[target.id] = target
        return target

    def url(self, target: ResponseTarget) -> str:
        return self._url_for(target.id)

    def post(self, target_id: str, payload: Any) -> tuple[int, str]:
        """A POST to a response URL: (HTTP status, body text), as Slack answers it."""
        target = self._targets.get(target_id)
        # Slack does not document the bodies of these refusals; these follow its webhook style.
        if target is None:
            return 404, "invalid_token"
        if self._clock.now() - target.issued_at > RESPONSE_URL_TTL_SECONDS:
            return 404, "expired_url"
        if target.uses >= RESPONSE_URL_MAX_USES:
            return 404, "used_url"
        if not isinstance(payload, dict):
            return 400, "invalid_payload"
        target.uses += 1
        error = self._apply(target, payload, "response_url")
        return (200, "ok") if error is None else (400, error)

    def apply_ack(self, target: ResponseTarget, payload: dict[str, Any]) -> str | None:
        """A slash command's acknowledgement body, shown like a response URL answer."""
        return self._apply(target, payload, "ack")

    def _apply(
        self, target: ResponseTarget, payload: dict[str, Any], via: Literal["response_url", "ack"]
    ) -> str | None:
        try:
            self._deliver(target, payload, via)
            error = None
        except ApiError as problem:
            error = problem.error
        self.log.append(BotResponse(target, via, payload, error is None, error, self._clock.now()))
        self._ws.touch()
        return error

    def _deliver(
        self, target: ResponseTarget, payload: dict[str, Any], via: Literal["response_url", "ack"]
    ) -> None:
        if payload.get("delete_original") is True and target.message_ts:
            self._delete_original(target)
            return
        content = message_content(
            payload.get("text"), payload.get("blocks"), payload.get("attachments")
        )
        if payload.get("replace_original") is True and target.message_ts:
            self._replace_original(target, content)
            return
        blocks = self._blocks(content)
        thread_ts = payload.get("thread_ts") if isinstance(payload.get("thread_ts"), str) else None
        if payload.get("response_type") == "in_channel":
            self._ws.store_message(
                Message(
                    channel=target.channel,
                    ts=self._ids.ts(self._clock.now()),
                    user=self._ws.bot.id,
                    text=content.text or "",
                    blocks=blocks,
                    thread_ts=thread_ts,
                    bot_id=self._ws.bot.bot_id,
                    app_id=self._ws.app_id,
                )
            )
            return
        self._ws.ephemerals.append(
            Ephemeral(
                channel=target.channel,
                user=target.user,
                ts=self._ids.ts(self._clock.now()),
                text=content.text or "",
                blocks=blocks,
                thread_ts=thread_ts,
                source=f"{target.source}:{via}",
            )
        )

    def _blocks(self, content: Content) -> list[dict[str, Any]] | None:
        if content.blocks is None:
            return None
        return with_generated_ids(content.blocks, lambda: self._ids.secret(5))

    def _original_ephemeral(self, target: ResponseTarget) -> Ephemeral | None:
        return next(
            (
                e
                for e in self._ws.ephemerals
                if e.ts == target.message_ts and e.user == target.user and not e.deleted
            ),
            None,
        )

    def _delete_original(self, target: ResponseTarget) -> None:
        if target.message_is_ephemeral:
            ephemeral = self._original_ephemeral(target)
            if ephemeral is not None:
                ephemeral.deleted = True
            return
        message = self._ws.message(target.channel, target.message_ts or "")
        if message is not None:
            self._ws.remove_message(message)

    def _replace_original(self, target: ResponseTarget, content: Content) -> None:
        blocks = self._blocks(content)
        if target.message_is_ephemeral:
            ephemeral = self._original_ephemeral(target)
            if ephemeral is not None:
                ephemeral.text = content.text or ""
                ephemeral.blocks = blocks
            return
        message = self._ws.message(target.channel, target.message_ts or "")
        if message is not None:
            message.text = content.text or ""
            message.blocks = blocks
            message.edited = {"user": self._ws.bot.id, "ts": self._ids.ts(self._clock.now())}
