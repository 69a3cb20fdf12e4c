"""The real bot, a real redis-server and the Slack stand-in, wired together over loopback."""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator

import pytest

from bot.incident.model import Incident
from bot.runtime import BotRuntime
from bot.settings import Settings
from slack_standin import BOT_TOKEN, SIGNING_SECRET, SlackStandIn
from bot.platform.incident_store import IncidentStore
from tests.support.pace import fast_pace


def bot_settings(slack: SlackStandIn, redis_url: str | None, **overrides) -> Settings:
    values = dict(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        redis_url=redis_url,
        host="127.0.0.1",
        port=0,
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
async def slack() -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn(pace=fast_pace()) as standin:
        yield standin


class Harness:
    """Starts (and restarts) bot processes against one stand-in and one Redis."""

    def __init__(self, slack: SlackStandIn, redis_url: str) -> None:
        self.slack = slack
        self.redis_url = redis_url
        self.runtimes: list[BotRuntime] = []
        # Postmortems go to a temp dir, never into the working tree.
        self.settings_overrides: dict = {"postmortem_dir": tempfile.mkdtemp(prefix="ic-postmortems-")}
        self.clock = None  # a TestClock to control the bot's time; None = real time

    async def start_bot(self, **overrides) -> BotRuntime:
        settings = bot_settings(self.slack, self.redis_url, **{**self.settings_overrides, **overrides})
        # The bot counts Slack's pace in the stand-in's time, as a real bot counts real seconds.
        if self.clock:
            runtime = BotRuntime(settings, clock=self.clock, pace=self.slack.pace)
        else:
            runtime = BotRuntime(settings, pace=self.slack.pace)
        await runtime.start(host="127.0.0.1", port=0)
        self.slack.bot_url = runtime.events_url
        self.runtimes.append(runtime)
        return runtime

    @property
    def bot(self) -> BotRuntime:
        return self.runtimes[-1]

    @property
    def store(self) -> IncidentStore:
        assert self.bot.ctx is not None
        return self.bot.ctx.store

    async def stop_all(self) -> None:
        for runtime in self.runtimes:
            await runtime.stop()
        self.runtimes.clear()

    async def declare(self, text: str = "declare sev1 Checkout API returning 500s", who: str = "alice") -> Incident:
        """Declare through the slash command; returns the incident once its war room is ready
        (the declarer's "War room: #…" reply is the flow's last step)."""
        ready = lambda: self.replies(who, "War room:") + self.replies(who, "戰情室：")  # noqa: E731 (en, zh-TW)
        before = len(ready())
        result = await self.slack.user(who).command("/incident", text)
        assert result.ok, result.text
        reply = await self.slack.wait_for(lambda: ready()[before:], description="the war-room-ready reply")
        channel_id = re.search(r"<#(C[A-Z0-9]+)", reply[0]).group(1)
        incident = await self.store.by_channel(channel_id)
        assert incident is not None
        return incident

    def replies(self, who: str, contains: str) -> list[str]:
        """Texts of the ephemeral answers `who` has seen that contain `contains`."""
        return [e.text for e in self.slack.ephemerals(who) if contains in e.text]


@pytest.fixture
async def harness(slack: SlackStandIn, redis_url: str) -> AsyncIterator[Harness]:
    harness = Harness(slack, redis_url)
    await harness.start_bot()
    yield harness
    await harness.stop_all()
