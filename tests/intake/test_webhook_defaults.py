"""Webhooks are safe by default: without WEBHOOK_TOKEN the routes are not served and start-up
says so once; WEBHOOK_AUTH=none serves them unauthenticated with a loud warning.

The attack replayed: with the defaults, an unauthenticated POST from anyone who can reach the
port declared an incident and opened a war room.
"""

from __future__ import annotations

import logging

import pytest

from tests.intake import payloads

AM, PD, DEPLOY = "/webhooks/alertmanager", "/webhooks/pagerduty", "/webhooks/deploy"


@pytest.fixture
async def default(intake):
    """The bot as it starts with no webhook setting at all."""
    await intake.stop_all()
    intake.settings_overrides.pop("webhook_token")
    intake.webhook_token = None
    return intake


async def test_without_a_token_an_unauthenticated_alert_declares_nothing(default, caplog):
    caplog.set_level(logging.INFO)
    await default.start_bot()
    for path, body in ((AM, payloads.alertmanager()), (PD, payloads.pagerduty()),
                       (DEPLOY, {"service": "a", "version": "1"})):
        status, _ = await default.post(path, body)
        assert status == 404, path
    assert default.slack.calls("conversations.create") == []
    assert await default.store.redis.keys("ic:alert*") == []
    said = [r.getMessage() for r in caplog.records if "webhooks off" in r.getMessage()]
    assert len(said) == 1 and "WEBHOOK_TOKEN is not set" in said[0]


async def test_pagerduty_signed_by_its_secret_is_still_served_without_a_token(default):
    await default.start_bot(pagerduty_webhook_secret="pd-secret")
    status, answer = await default.post(PD, payloads.pagerduty())
    assert status == 401 and "X-PagerDuty-Signature" in answer["error"]
    status, _ = await default.post(AM, payloads.alertmanager())
    assert status == 404


async def test_webhook_auth_none_serves_them_open_and_says_so_loudly(default, caplog):
    caplog.set_level(logging.INFO)
    await default.start_bot(webhook_auth="none")
    status, answer = await default.post(AM, payloads.alertmanager())
    assert status == 200 and answer["action"] == "declared"
    [warning] = [r for r in caplog.records if "WEBHOOKS ARE OPEN" in r.getMessage()]
    assert warning.levelno == logging.WARNING

