"""Signed HTTP requests from "Slack" to the app's request URL, and what came back.

Signing follows Slack: `v0=` + HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`), in
`X-Slack-Signature`, with the timestamp in `X-Slack-Request-Timestamp`. The timestamp is real
wall-clock time (the app checks it against its own clock), not the stand-in's clock. Slack
waits 3 seconds for an answer; a slower app gets `timed_out`.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

ACK_TIMEOUT_SECONDS = 3.0
STALE_AGE_SECONDS = 6 * 60  # Bolt refuses requests older than 5 minutes


class Signing(enum.Enum):
    VALID = "valid"
    BAD_SIGNATURE = "bad_signature"
    STALE_TIMESTAMP = "stale_timestamp"
    UNSIGNED = "unsigned"


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: str, signing: Signing = Signing.VALID) -> dict[str, str]:
    if signing is Signing.UNSIGNED:
        return {}
    now = int(time.time())
    timestamp = str(now - STALE_AGE_SECONDS if signing is Signing.STALE_TIMESTAMP else now)
    key = secret if signing is not Signing.BAD_SIGNATURE else secret + "-wrong"
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature(key, timestamp, body),
    }


@dataclass(frozen=True)
class DeliveryResult:
    """What the app answered to one request from Slack."""

    kind: str
    payload: Any
    status: int | None
    text: str
    headers: Mapping[str, str]
    elapsed: float
    timed_out: bool = False
    trigger_id: str | None = None
    response_url: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or None when it is empty or not JSON."""
        if not self.text.strip():
            return None
        try:
            return json.loads(self.text)
        except json.JSONDecodeError:
            return None


class BotEndpoint:
    """Posts signed requests to the app's request URL."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        url: str,
        signing_secret: str,
        ack_timeout: float = ACK_TIMEOUT_SECONDS,
    ) -> None:
        self._session = session
        self.url = url
        self._secret = signing_secret
        self._ack_timeout = ack_timeout

    async def post(
        self,
        *,
        kind: str,
        payload: Any,
        body: str,
        content_type: str,
        signing: Signing = Signing.VALID,
        extra_headers: Mapping[str, str] | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> DeliveryResult:
        headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **signed_headers(self._secret, body, signing),
            **(extra_headers or {}),
        }
        started = time.perf_counter()
        try:
            async with self._session.post(
                self.url,
                data=body.encode(),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self._ack_timeout),
            ) as response:
                text = await response.text()
                return DeliveryResult(
                    kind=kind,
                    payload=payload,
                    status=response.status,
                    text=text,
                    headers=dict(response.headers),
                    elapsed=time.perf_counter() - started,
                    trigger_id=trigger_id,
                    response_url=response_url,
                )
        except TimeoutError:
            return DeliveryResult(
                kind=kind,
                payload=payload,
                status=None,
                text="",
                headers={},
                elapsed=time.perf_counter() - started,
                timed_out=True,
                trigger_id=trigger_id,
                response_url=response_url,
            )
