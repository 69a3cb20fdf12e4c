"""The Web API client: SLACK_API_URL as base, retries for 5xx and dropped connections.

Rate limits (429) are not retried here: bot/slack/outbound.py paces every call and retries a
429 from one shared budget, instead of each caller sleeping the same Retry-After."""

from __future__ import annotations

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2


def make_client(token: str, base_url: str, timeout: int = 15) -> AsyncWebClient:
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        timeout=timeout,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        ],
    )
