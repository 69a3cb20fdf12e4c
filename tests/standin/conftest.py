"""Fixtures: a running stand-in with a manual clock, a real AsyncWebClient pointed at it, and
a tiny signed-request receiver standing in for the app."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import aiohttp
import pytest
from aiohttp import web
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import BOT_TOKEN, SIGNING_SECRET, ManualClock, SlackStandIn
from tests.support.pace import PacedRateLimitRetry, fast_pace


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def standin(clock: ManualClock) -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn(clock=clock, pace=fast_pace()) as slack:
        yield slack


@pytest.fixture
def client(standin: SlackStandIn) -> AsyncWebClient:
    return AsyncWebClient(
        token=BOT_TOKEN, base_url=standin.api_url, retry_handlers=[PacedRateLimitRetry(standin.pace)]
    )


@dataclass
class Received:
    headers: dict[str, str]
    body: str

    @property
    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body, keep_blank_values=True).items()}

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON in a `payload=` form body, or the JSON body of an event."""
        if self.headers.get("Content-Type") == "application/json":
            return json.loads(self.body)
        return json.loads(self.form["payload"])


@dataclass
class Receiver:
    """An app that only checks signatures with slack_sdk's SignatureVerifier and answers
    what `reply` returns (status, body, content type)."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    reply: Callable[[Received], tuple[int, str, str]] = lambda r: (200, "", "text/plain")
    delay: float = 0.0

    async def handle(self, request: web.Request) -> web.Response:
        if self.delay:
            await asyncio.sleep(self.delay)
        body = await request.text()
        verifier = SignatureVerifier(SIGNING_SECRET)
        if not verifier.is_valid_request(body, dict(request.headers)):
            return web.Response(status=401, text="invalid signature")
        received = Received(dict(request.headers), body)
        self.received.append(received)
        status, text, content_type = self.reply(received)
        return web.Response(status=status, text=text, content_type=content_type)


@pytest.fixture
async def receiver(standin: SlackStandIn) -> AsyncIterator[Receiver]:
    receiver = Receiver()
    app = web.Application()
    app.router.add_post("/slack/events", receiver.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    receiver.url = f"http://{host}:{port}/slack/events"
    standin.bot_url = receiver.url
    yield receiver
    await runner.cleanup()


async def post_json(url: str, payload: dict[str, Any]) -> tuple[int, str]:
    """What an app does with a response URL."""
    async with aiohttp.ClientSession() as http, http.post(url, json=payload) as response:
        return response.status, await response.text()
