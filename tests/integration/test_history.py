"""Resolving keeps the incident in history with its moments; reopening takes it out again."""

from datetime import timedelta

from bot.flows.history import history_store


async def test_resolve_records_history_and_reopen_removes_it(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "status identified bad deploy", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "*Identified*")
    await slack.user("alice").command("/incident", "resolve rolled back", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "resolved the incident after")
    record = await harness.store.require(incident.id)
    history = history_store(harness.bot.ctx)
    window = (record.declared_at - timedelta(days=1), record.resolved_at + timedelta(days=1))
    [kept] = await history.resolved_between(*window)
    assert kept.id == incident.id and kept.resolved == record.resolved_at
    assert kept.acknowledged == record.declared_at  # a person declared it
    assert kept.identified is not None and kept.identified >= record.declared_at
    await slack.user("alice").command("/incident", "status investigating", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "reopened")
    assert await history.resolved_between(*window) == []


async def test_stats_answers_with_the_measures_of_the_history(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "resolve fixed", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "resolved the incident after")
    await slack.user("bob").command("/incident", "stats 90d")
    [answer] = await slack.wait_for(lambda: harness.replies("bob", "Last 90 days"))
    assert "1 resolved" in answer and "MTTA 0s" in answer and "SEV1: 1 resolved" in answer
    assert "type unclassified: 1 resolved" in answer and "service unknown: 1 resolved" in answer
    assert "per week (resolved): " in answer and answer.rstrip().endswith(" 1")  # this week
    await slack.user("bob").command("/incident", "stats 30d nosuchservice")
    [none] = await slack.wait_for(lambda: harness.replies("bob", "for nosuchservice"))
    assert "0 resolved" in none and "MTTR n/a" in none
