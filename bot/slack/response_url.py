"""Answering through a response_url: works where the bot cannot post (a channel it is not in).

https://docs.slack.dev/interactivity/handling-user-interaction#message_responses: a response_url
"can be used up to 5 times within 30 minutes", ephemeral by default.
"""

from __future__ import annotations

import logging

from slack_sdk.webhook.async_client import AsyncWebhookClient

from agents.redact import redact_data

log = logging.getLogger(__name__)


async def answer_via_response_url(response_url: str, message: str) -> bool:
    """Post `message` ephemerally through `response_url`; True if Slack took it."""
    try:
        response = await AsyncWebhookClient(response_url).send(
            text=redact_data(message), response_type="ephemeral", replace_original=False
        )
    except Exception as exc:  # noqa: BLE001 (network errors of any kind: the caller falls back)
        log.info("response_url not usable", extra={"error": type(exc).__name__})
        return False
    if response.status_code != 200:
        log.info("response_url refused", extra={"status": response.status_code, "body": response.body[:100]})
        return False
    return True
