"""Issue 8 §8: the bot joins the triage channel itself, or says exactly what to do; a triage post
Slack refuses never becomes a 5xx that Alertmanager would retry forever."""

from __future__ import annotations

import aiohttp

from slack_standin import BOT_USER_ID
from tests.intake import payloads
from tests.intake.conftest import WEBHOOK_TOKEN, IntakeHarness

AM = "/webhooks/alertmanager"


def _warning() -> dict:
    body = payloads.alertmanager(payloads.am_alert(severity="warning"))
    return body


async def _harness(slack, redis_url, channel_id) -> IntakeHarness:
    harness = IntakeHarness(slack, redis_url)
    harness.settings_overrides = {**harness.settings_overrides, "triage_channel": channel_id, "embedded_worker": False,
                                # webhooks are closed without a token (issue 9 §4)
                                "webhook_token": WEBHOOK_TOKEN}
    harness.session = aiohttp.ClientSession()
    await harness.start_bot()
    return harness


async def _close(harness) -> None:
    await harness.session.close()
    await harness.stop_all()


async def test_the_bot_joins_a_public_triage_channel_at_start_and_after_being_removed(slack, redis_url):
    channel = slack.add_channel("alerts-triage", members=["alice"], bot_member=False)
    harness = await _harness(slack, redis_url, channel.id)
    try:
        assert BOT_USER_ID in slack.members(channel.id)
        assert harness.bot.triage_problem is None
        slack.channel(channel.id).members.remove(BOT_USER_ID)  # someone removed it later
        status, answer = await harness.post(AM, _warning())
        assert status == 200 and answer["action"] == "triaged", answer
        assert slack.find_message(channel.id, "needs triage")
    finally:
        await _close(harness)


async def test_a_private_triage_channel_without_the_bot_is_explained_and_never_a_5xx(slack, redis_url):
    channel = slack.add_channel("sec-triage", members=["alice"], is_private=True, bot_member=False)
    harness = await _harness(slack, redis_url, channel.id)
    try:
        assert "/invite @incident-commander" in (harness.bot.triage_problem or "")
        for _ in range(2):  # Alertmanager's retry of the same group
            status, answer = await harness.post(AM, _warning())
            assert status == 200, answer
            assert answer["action"] in ("triage_failed", "already_triaged"), answer
        assert "/invite" in answer.get("reason", "") or answer["action"] == "already_triaged"
    finally:
        await _close(harness)
