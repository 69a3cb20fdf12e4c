"""`/incident summary`: a catch-up for the asker only, at most 8 lines, shareable."""

from __future__ import annotations

from datetime import datetime, timezone

from agents import IncidentContext, TimelineEntry
from agents.summary import CatchUp, catch_up, catch_up_lines, offline_catch_up
from tests.support.anthropic_standin import AnthropicStandIn

NOW = datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc)


def _catch_ups(slack, who):
    return [e for e in slack.ephemerals(who) if "Catch-up" in e.text]


async def test_the_catch_up_is_for_the_asker_only_until_shared(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev2 Checkout API returning 500s")
    await slack.user("alice").command("/incident", "update rolled back checkout-svc; errors falling", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "errors falling")
    await slack.user("alice").command("/incident", "decision keep the rollback because errors stopped with it", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "recorded a decision")
    posted_before = len(slack.messages(incident.channel_id))
    await slack.user("bob").command("/incident", "summary", incident.channel_id)
    [answer] = await slack.wait_for(lambda: _catch_ups(slack, "bob"), description="bob's catch-up")
    shown = answer.blocks[0]["text"]["text"]
    lines = shown.splitlines()[1:]
    assert 6 <= len(lines) <= 8
    for expected in ("What is happening:* Checkout API returning 500s", "Status:* Investigating · SEV2",
                     "Roles:* incident commander <@U0ALICE>", "Last update:* rolled back checkout-svc; errors falling",
                     "Being tried:* decided: keep the rollback"):
        assert expected in shown, expected
    assert not _catch_ups(slack, "alice") and len(slack.messages(incident.channel_id)) == posted_before
    await slack.user("bob").click(incident.channel_id, answer.ts, "share_summary")
    shared = await slack.wait_for_message(incident.channel_id, "Catch-up shared by <@U0BOB>")
    assert "What is happening:* Checkout API returning 500s" in str(shared.blocks)
    assert "share_summary" not in str(shared.blocks)


async def test_summary_outside_a_war_room_is_explained(harness):
    await harness.slack.user("alice").command("/incident", "summary")
    await harness.slack.wait_for(lambda: harness.replies("alice", "war-room channel"))


def _context(**changes) -> IncidentContext:
    values = dict(incident_id="INC-1", title="Checkout API returning 500s", severity="SEV1",
                  incident_type="service_outage", status="identified",
                  declared_at=datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc),
                  roles={"incident_commander": ["<@U1>"], "tech_lead": ["<@U2>"]},
                  timeline=[TimelineEntry(at=datetime(2026, 11, 25, 12, 20, tzinfo=timezone.utc), kind="status_update",
                                          actor="<@U3>", text="status update: rollback started Impact: 30% of payments fail Next: watch the error rate"),
                            TimelineEntry(at=datetime(2026, 11, 25, 12, 25, tzinfo=timezone.utc), kind="status_update",
                                          actor="<@U3>", text="status update: errors falling")])
    values.update(changes)
    return IncidentContext(**values)


def test_the_offline_catch_up_reads_the_record_in_at_most_8_lines():
    lines = catch_up_lines(offline_catch_up(_context(), NOW))
    assert len(lines) <= 8
    text = "\n".join(lines)
    assert "Checkout API returning 500s (service outage)" in text and "Impact:** 30% of payments fail" in text
    assert "Identified · SEV1 · open for 30m" in text and "incident commander <@U1> · tech lead <@U2>" in text
    assert "errors falling (<@U3>, 12:25 UTC, 5m ago)" in text and "service_outage" not in text
    assert "Being tried:** watch the error rate" in text  # the latest update's next steps


async def test_with_claude_the_catch_up_comes_through_the_backend():
    from agents import ClaudeBackend

    answer = CatchUp(happening="CLAUDE: checkout failing", impact="30%", status="Identified · SEV1",
                     roles="IC <@U1>", last_update="12:20", being_tried="rollback", open_questions=["why now?"])
    async with AnthropicStandIn() as api:
        api.reply_json(answer.model_dump())
        backend = ClaudeBackend(api_key="sk-ant-test-0000-not-a-real-key", base_url=api.base_url, max_retries=0)
        summary, source = await catch_up(_context(), backend, NOW)
        assert source == "claude" and summary.happening == "CLAUDE: checkout failing"
        api.reply_overloaded().reply_overloaded().reply_overloaded()
        summary, source = await catch_up(_context(), backend, NOW)
        assert source == "offline" and "Checkout API returning 500s" in summary.happening
