"""`SlackStandIn`: a local, strict Slack for tests and drills.

It serves the Web API over real HTTP for the real `AsyncWebClient`, plays the user side by
sending signed requests to the app, and keeps the workspace state for assertions.

    async with SlackStandIn(bot_url="http://127.0.0.1:3000/slack/events") as slack:
        client = AsyncWebClient(token=slack.bot_token, base_url=slack.api_url)
        await slack.user("alice").command("/incident", "declare sev1 Checkout down")
        war_room = await slack.wait_for(lambda: slack.channel_by_name("inc-1-checkout-down"))
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, TypeVar

import aiohttp

from slack_standin.app_config import AppConfig
from slack_standin import seed
from slack_standin.clock import PaceClock, RealPace, WorkspaceClock, SystemClock
from slack_standin.delivery import ACK_TIMEOUT_SECONDS, BotEndpoint, DeliveryResult, Signing
from slack_standin.faults import FaultPlan
from slack_standin.ids import IdFactory
from slack_standin.methods import ApiContext
from slack_standin.modals import Modals, TriggerRegistry
from slack_standin.payloads import event_callback
from slack_standin.rate_limits import RateLimits
from slack_standin.responses import BotResponse, Responses
from slack_standin.server import StandInServer
from slack_standin.socket_mode import SocketModeHub
from slack_standin.state import (
    ApiCall,
    Channel,
    Ephemeral,
    Message,
    StoredFile,
    User,
    View,
    Workspace,
)
from slack_standin.transcript import block_lines, transcript
from slack_standin.user import SlackUser
from slack_standin.webapi import WebApi

T = TypeVar("T")

WAIT_POLL_SECONDS = 0.05


def message_text(message: Message | Ephemeral) -> str:
    """The text a person would read: the text field plus every block flattened."""
    parts = [message.text]
    if message.blocks:
        parts.extend(block_lines(message.blocks))
    return "\n".join(parts)


def _describe(predicate: Callable[[], Any]) -> str:
    try:
        return " ".join(inspect.getsource(predicate).split())[:300]
    except (OSError, TypeError):
        return repr(predicate)


class SlackStandIn:
    """A fake Slack workspace reachable over HTTP. See the module docstring."""

    def __init__(
        self,
        *,
        bot_url: str | None = None,
        bot_token: str = seed.BOT_TOKEN,
        app_token: str = seed.APP_TOKEN,
        signing_secret: str = seed.SIGNING_SECRET,
        verification_token: str = seed.VERIFICATION_TOKEN,
        clock: WorkspaceClock | None = None,
        pace: PaceClock | None = None,
        bot_in_general: bool = True,
        ack_timeout: float = ACK_TIMEOUT_SECONDS,
        id_seed: int = 0,
        host: str = "127.0.0.1",
        port: int = 0,
        app: AppConfig | None = None,
    ) -> None:
        self.bot_url = bot_url
        self.bot_token = bot_token
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.verification_token = verification_token
        self.clock: WorkspaceClock = clock or SystemClock()
        self.ack_timeout = ack_timeout
        self.ids = IdFactory(id_seed)
        self.workspace: Workspace = seed.seeded_workspace(bot_in_general=bot_in_general)
        self.workspace.app = app if app is not None else AppConfig.from_manifest()
        self.faults = FaultPlan()
        # Slack's rate limits are always on; `pace` is the time they are counted in.
        self.pace: PaceClock = pace or RealPace()
        self.rate_limits = RateLimits(self.pace)
        self.triggers = TriggerRegistry(self.clock, self.ids)
        self.modals = Modals(self.workspace, self.clock, self.ids)
        self.responses = Responses(self.workspace, self.clock, self.ids, self._response_url)
        self.deliveries: list[DeliveryResult] = []
        self.socket_mode = SocketModeHub(self.ids, self.workspace.app_id)
        self._api = WebApi(
            ApiContext(
                workspace=self.workspace,
                clock=self.clock,
                ids=self.ids,
                triggers=self.triggers,
                modals=self.modals,
                upload_url_for=lambda file_id: f"{self.base_url}/upload/{file_id}",
                socket_mode_url=self._socket_mode_url,
            ),
            bot_token,
            app_token,
            self.faults,
            self.rate_limits,
        )
        self._server = StandInServer(
            self._api,
            self.responses,
            self._store_upload,
            lambda: self.faults.latency_seconds,
            self.socket_mode.handle,
            host,
            port,
        )
        self._session: aiohttp.ClientSession | None = None
        self._changed = asyncio.Event()
        self.workspace.on_change(self._notify)

    # --- lifecycle --------------------------------------------------------------------------

    async def start(self) -> SlackStandIn:
        await self._server.start()
        self._session = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        await self.socket_mode.close()
        if self._session is not None:
            await self._session.close()
            self._session = None
        await self._server.stop()

    async def __aenter__(self) -> SlackStandIn:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """e.g. http://127.0.0.1:54321 (set once started)."""
        if not self._server.base_url:
            raise RuntimeError("the stand-in is not started")
        return self._server.base_url

    @property
    def api_url(self) -> str:
        """The `base_url` for AsyncWebClient: ends with /api/."""
        return f"{self.base_url}/api/"

    def _response_url(self, target_id: str) -> str:
        return f"{self.base_url}/response/{target_id}"

    def _socket_mode_url(self) -> str:
        ws_base = self.base_url.replace("http://", "ws://", 1)
        return f"{ws_base}/socket-mode/{self.socket_mode.issue_ticket()}"

    # --- the workspace ----------------------------------------------------------------------

    @property
    def bot(self) -> User:
        return self.workspace.bot

    @property
    def team_id(self) -> str:
        return self.workspace.team.id

    def add_user(
        self,
        name: str,
        *,
        real_name: str | None = None,
        email: str | None = None,
        user_id: str | None = None,
        channels: Iterable[str] = (seed.GENERAL_CHANNEL_ID,),
    ) -> User:
        """A new person, a member of #general unless `channels` says otherwise."""
        user = self.workspace.add_user(
            User(
                id=user_id or f"U0{name.upper().replace('-', '')[:9]}",
                name=name,
                real_name=real_name or name.title(),
                email=email if email is not None else f"{name}@example.com",
            )
        )
        for channel_id in channels:
            self.workspace.add_members(self._channel(channel_id), [user.id])
        return user

    def add_channel(
        self,
        name: str,
        *,
        members: Iterable[str] = (),
        is_private: bool = False,
        bot_member: bool = True,
        channel_id: str | None = None,
    ) -> Channel:
        """A channel made by a person (the first member, else alice), not by the bot."""
        member_ids = [self._user(m).id for m in members]
        if bot_member:
            member_ids.append(self.bot.id)
        creator = member_ids[0] if member_ids and member_ids[0] != self.bot.id else seed.ALICE.id
        return self.workspace.add_channel(
            Channel(
                id=channel_id or self.ids.channel(),
                name=name,
                created=int(self.clock.now()),
                creator=creator,
                is_private=is_private,
                members=list(dict.fromkeys(member_ids)),
            )
        )

    def set_locale(self, name_or_id: str, locale: str) -> None:
        """The person's Slack language, as users.info reports it with include_locale=true."""
        self._user(name_or_id).locale = locale

    def user(self, name_or_id: str) -> SlackUser:
        """The driver for one person: `standin.user("alice")` or `standin.user("U0ALICE")`."""
        return SlackUser(self, self._user(name_or_id).id)

    def _user(self, name_or_id: str) -> User:
        user = self.workspace.user(name_or_id) or self.workspace.user_by_name(name_or_id)
        if user is None:
            raise KeyError(f"no user {name_or_id!r}")
        return user

    def _channel(self, channel_id_or_name: str) -> Channel:
        channel = self.workspace.channel(channel_id_or_name) or self.workspace.channel_by_name(
            channel_id_or_name
        )
        if channel is None:
            raise KeyError(f"no channel {channel_id_or_name!r}")
        return channel

    def _store_upload(self, file_id: str, data: bytes) -> bool:
        stored = self.workspace.files.get(file_id)
        if stored is None:
            return False
        stored.content = data
        self.workspace.touch()
        return True

    def issue_trigger(self, user: str) -> str:
        """A fresh trigger id for this user, as if they had just clicked something."""
        return self.triggers.issue(self._user(user).id)

    # --- fault injection --------------------------------------------------------------------

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        self.faults.rate_limit(method, times, retry_after)

    def fail(self, method: str, error: str, times: int = 1, **extra: Any) -> None:
        self.faults.fail(method, error, times, **extra)

    def fail_http(self, method: str, status: int = 500, times: int = 1) -> None:
        self.faults.fail_http(method, status, times)

    def set_latency(self, seconds: float) -> None:
        self.faults.latency_seconds = seconds

    # --- queries ----------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[ApiCall]:
        return [c for c in self.workspace.calls if method is None or c.method == method]

    def channel(self, channel_id: str) -> Channel | None:
        return self.workspace.channel(channel_id)

    def channel_by_name(self, name: str) -> Channel | None:
        return self.workspace.channel_by_name(name)

    def channels(self) -> list[Channel]:
        return [c for c in self.workspace.channels.values() if not c.is_im]

    def dm_with(self, user: str) -> Channel | None:
        return self.workspace.im_with(self._user(user).id)

    def members(self, channel_id: str) -> list[str]:
        return list(self._channel(channel_id).members)

    def messages(
        self, channel_id: str, thread_ts: str | None = None, *, include_system: bool = False
    ) -> list[Message]:
        """Top-level messages of a channel, or the replies of one thread (parent excluded).
        Slack's own lines (joins, topic changes) only with `include_system`."""
        channel = self._channel(channel_id)
        if thread_ts is None:
            found = self.workspace.top_level(channel.id)
        else:
            found = self.workspace.replies(channel.id, thread_ts)
        return [m for m in found if include_system or not m.is_system]

    def find_messages(
        self,
        channel_id: str,
        contains: str | None = None,
        *,
        where: Callable[[Message], bool] | None = None,
    ) -> list[Message]:
        """Messages (thread replies included) whose readable text contains `contains`."""
        channel = self._channel(channel_id)
        return [
            m
            for m in self.workspace.all_messages(channel.id)
            if not m.is_system
            and (contains is None or contains in message_text(m))
            and (where is None or where(m))
        ]

    def find_message(
        self,
        channel_id: str,
        contains: str | None = None,
        *,
        where: Callable[[Message], bool] | None = None,
    ) -> Message | None:
        """The first matching message (see `find_messages`), or None."""
        found = self.find_messages(channel_id, contains, where=where)
        return found[0] if found else None

    def message(self, channel_id: str, ts: str) -> Message | None:
        return self.workspace.message(self._channel(channel_id).id, ts)

    def pins(self, channel_id: str) -> list[Message]:
        channel = self._channel(channel_id)
        pinned = [
            self.workspace.message(channel.id, p.ts)
            for p in self.workspace.pins.get(channel.id, [])
        ]
        return [m for m in pinned if m is not None]

    def ephemerals(
        self, user_id: str | None = None, channel_id: str | None = None
    ) -> list[Ephemeral]:
        """Ephemeral messages still visible, from chat.postEphemeral, response URLs, acks and
        Slack's own error notices (source "slack")."""
        user = self._user(user_id).id if user_id else None
        channel = self._channel(channel_id).id if channel_id else None
        return [
            e
            for e in self.workspace.ephemerals
            if not e.deleted and user in (None, e.user) and channel in (None, e.channel)
        ]

    def bot_responses(self) -> list[BotResponse]:
        """Everything the app answered through response URLs and command acknowledgements."""
        return list(self.responses.log)

    def views(self, user_id: str | None = None, *, open_only: bool = True) -> list[View]:
        user = self._user(user_id).id if user_id else None
        return [
            v
            for v in self.workspace.views.values()
            if user in (None, v.user) and (v.is_open or not open_only)
        ]

    def open_view(self, user_id: str) -> View | None:
        """The modal on top of this user's stack, if any."""
        return self.modals.top(self._user(user_id).id)

    def files(self) -> list[StoredFile]:
        return list(self.workspace.files.values())

    def transcript(self, channel_id: str, *, include_ephemerals: bool = False) -> str:
        return transcript(
            self.workspace, self._channel(channel_id).id, include_ephemerals=include_ephemerals
        )

    # --- waiting ----------------------------------------------------------------------------

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float = 5.0,
        description: str | None = None,
    ) -> T:
        """Wait until `predicate()` is truthy and return its value. Re-checked on every change
        of the workspace (and every 50 ms, for predicates on state outside it).
        Raises TimeoutError saying what was awaited and what the app last called."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(self._timeout_report(predicate, timeout, description))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, WAIT_POLL_SECONDS))

    async def wait_for_message(
        self, channel_id: str, contains: str, timeout: float = 5.0
    ) -> Message:
        return await self.wait_for(
            lambda: self.find_message(channel_id, contains),
            timeout,
            f"a message containing {contains!r} in {channel_id}",
        )

    def _timeout_report(
        self, predicate: Callable[[], Any], timeout: float, description: str | None
    ) -> str:
        lines = [f"timed out after {timeout}s waiting for {description or _describe(predicate)}"]
        recent = self.workspace.calls[-8:]
        if recent:
            lines.append("last Web API calls:")
            lines.extend(
                f"  {c.method} -> {'ok' if c.ok else c.error} {json.dumps(c.args)[:160]}"
                for c in recent
            )
        else:
            lines.append("the app made no Web API calls")
        for delivery in self.deliveries[-3:]:
            status = "timed out" if delivery.timed_out else delivery.status
            lines.append(f"  delivered {delivery.kind} -> {status} {delivery.text[:160]!r}")
        return "\n".join(lines)

    # --- talking to the app -----------------------------------------------------------------

    def endpoint(self) -> BotEndpoint:
        if self._session is None:
            raise RuntimeError("the stand-in is not started")
        if not self.bot_url:
            raise RuntimeError("set standin.bot_url to the app's request URL (…/slack/events)")
        return BotEndpoint(self._session, self.bot_url, self.signing_secret, self.ack_timeout)

    async def deliver(
        self,
        *,
        kind: str,
        payload: Any,
        body: str,
        content_type: str,
        signing: Signing = Signing.VALID,
        extra_headers: dict[str, str] | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> DeliveryResult:
        """Send one request to the app and remember the result in `deliveries`: over Socket
        Mode when the app is connected that way, else signed to `bot_url`."""
        if self.socket_mode.connected:
            if signing is not Signing.VALID:
                raise ValueError("Socket Mode requests are not signed; test signing over HTTP")
            result = await self.socket_mode.deliver(
                kind=kind,
                payload=payload,
                timeout=self.ack_timeout,
                extra_headers=extra_headers,
                trigger_id=trigger_id,
                response_url=response_url,
            )
            self.deliveries.append(result)
            self.workspace.touch()
            return result
        result = await self.endpoint().post(
            kind=kind,
            payload=payload,
            body=body,
            content_type=content_type,
            signing=signing,
            extra_headers=extra_headers,
            trigger_id=trigger_id,
            response_url=response_url,
        )
        self.deliveries.append(result)
        self.workspace.touch()
        return result

    async def deliver_event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        signing: Signing = Signing.VALID,
    ) -> DeliveryResult:
        """An Events API `event_callback`. Pass the first delivery's `event_id` with
        `retry_num` to play Slack's retry of the same event."""
        event = dict(event)
        if "type" not in event:
            raise ValueError("an event needs a type")
        event.setdefault("event_ts", f"{self.clock.now():.6f}")
        envelope = event_callback(
            self.workspace,
            event=event,
            event_id=event_id or self.ids.event(),
            event_time=int(self.clock.now()),
            verification_token=self.verification_token,
        )
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        return await self.deliver(
            kind=f"event:{event['type']}",
            payload=envelope,
            body=json.dumps(envelope),
            content_type="application/json",
            signing=signing,
            extra_headers=headers,
        )
