"""Follower DMs Slack refuses are kept and sent by a later sweep, once across processes, and
dropped with a log line after FOLLOWER_DM_ATTEMPTS refusals (issue 16, like action reminders)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from bot.flows.follow import FOLLOWER_DM_ATTEMPTS, retry_follower_notices
from bot.flows.history import history_store
from bot.ui.blocks import ACTION_FOLLOW
from tests.support.waiting import eventually


def bob_heard(slack, contains: str) -> int:
    dm = slack.dm_with("bob")
    return len(slack.find_messages(dm.id, contains)) if dm is not None else 0


async def follow_then_refuse_dms(slack, harness):
    incident = await harness.declare("declare sev2 Checkout latency")
    card = await slack.wait_for(lambda: slack.pins(incident.channel_id)[:1])
    await slack.user("bob").click(incident.channel_id, card[0].ts, ACTION_FOLLOW)
    await slack.wait_for(lambda: harness.replies("bob", f"You follow {incident.id}"))
    accepting = slack.workspace.app
    slack.workspace.app = replace(accepting, messages_tab_enabled=False)  # Slack: messages_tab_disabled
    await slack.user("alice").command("/incident", "severity sev1 spreading", incident.channel_id)
    store = history_store(harness.bot.ctx)
    await eventually(lambda: store.undelivered(), what="the refused follower DM kept")
    [kept] = await store.undelivered()
    assert kept.user == "U0BOB" and "SEV2 → SEV1" in kept.text and kept.last_error == "messages_tab_disabled"
    assert bob_heard(slack, "SEV2 → SEV1") == 0
    return accepting


async def test_a_refused_follower_dm_is_sent_once_by_the_next_sweep_of_either_process(slack, redis_url):
    from tests.integration.conftest import Harness

    harness = Harness(slack, redis_url)
    first = await harness.start_bot()
    second = await harness.start_bot()
    try:
        slack.bot_url = first.events_url
        accepting = await follow_then_refuse_dms(slack, harness)
        slack.workspace.app = accepting
        await asyncio.gather(retry_follower_notices(first.ctx), retry_follower_notices(second.ctx))
        await asyncio.gather(retry_follower_notices(first.ctx), retry_follower_notices(second.ctx))
        assert bob_heard(slack, "SEV2 → SEV1") == 1
        assert await history_store(first.ctx).undelivered() == []
    finally:
        await harness.stop_all()


async def test_a_follower_dm_refused_every_time_is_dropped_with_a_log_line(harness, caplog):
    slack = harness.slack
    await follow_then_refuse_dms(slack, harness)
    caplog.set_level(logging.WARNING, logger="bot.flows.follow")
    for _ in range(FOLLOWER_DM_ATTEMPTS - 2):
        assert await retry_follower_notices(harness.bot.ctx) == 0
    [kept] = await history_store(harness.bot.ctx).undelivered()
    assert kept.failures == FOLLOWER_DM_ATTEMPTS - 1
    await retry_follower_notices(harness.bot.ctx)
    assert await history_store(harness.bot.ctx).undelivered() == []
    assert any("follower DM dropped" in r.getMessage() for r in caplog.records)
    assert bob_heard(slack, "SEV2 → SEV1") == 0
