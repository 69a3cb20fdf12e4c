"""Giant inputs: a 40 kB title, a 40 kB update, 40 kB words in every subcommand, 10,000-alert
and 10,000-line Alertmanager payloads. Each gets a short, clear answer in bounded time, and a
refusal creates and changes nothing."""

from __future__ import annotations

import json
import time

import pytest

from slack_standin import payloads as slack_payloads
from bot.ui import blocks
from tests.abuse.support import (
    assert_nothing_created,
    assert_nothing_half_made,
    command,
    payload_form,
    post_to_slack_endpoint,
)
from tests.abuse.test_webhook_fuzz import post_and_check
from tests.intake import payloads

AM = "/webhooks/alertmanager"
FORTY_KB = 40 * 1024
SHORT_ANSWER = 1000  # a refusal is a sentence or two and the help hint, not an echo
HELP_HINT = "/incident help"


def _forty_kb_words() -> str:
    return " ".join(["outage"] * (FORTY_KB // 7))


async def test_a_40kb_title_is_refused_clearly_and_nothing_is_created(harness):
    result, [answer] = await command(harness, "alice", "declare sev1 " + "x" * FORTY_KB)
    assert "keep it under 150" in answer and HELP_HINT in answer
    assert len(answer) < SHORT_ANSWER and result.elapsed < 1.0
    _, [answer] = await command(harness, "alice", "declare sev1 " + _forty_kb_words())
    assert "keep it under 150" in answer and len(answer) < SHORT_ANSWER
    await assert_nothing_created(harness)


async def test_a_40kb_title_in_the_declare_form_is_refused_in_the_form(harness):
    """Slack's client enforces the form's max_length; the bot checks again (a signed request
    with a 40 kB title is answered with the form error, not an incident)."""
    slack = harness.slack
    await slack.user("alice").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("alice"), description="the declare form")
    view.state_values = slack_payloads.state_values(
        view,
        {blocks.BLOCK_TITLE: {"value": "y" * FORTY_KB}, blocks.BLOCK_SEVERITY: {"value": "SEV1"}},
        check_required=False,
    )
    ws = slack.workspace
    submission = slack_payloads.view_submission(
        ws,
        user=ws.user("U0ALICE"),
        view=view.to_api(ws.team.id, ws.app_id, ws.bot.bot_id or ""),
        trigger_id=slack.issue_trigger("alice"),
        verification_token=slack.verification_token,
    )
    status, body, seconds = await post_to_slack_endpoint(
        harness, payload_form(submission), "application/x-www-form-urlencoded"
    )
    assert status == 200 and seconds < 3.0
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "under 150" in answer["errors"][blocks.BLOCK_TITLE]
    await assert_nothing_created(harness)


async def test_a_40kb_update_is_refused_and_the_war_room_is_unchanged(harness):
    incident = await harness.declare()
    timeline = await harness.store.timeline(incident.id)
    messages = len(harness.slack.find_messages(incident.channel_id))

    typed = "update " + "u" * FORTY_KB
    result, [answer] = await command(harness, "alice", typed, incident.channel_id)

    assert "keep it under 2900" in answer and HELP_HINT in answer and len(answer) < SHORT_ANSWER
    assert result.elapsed < 1.0
    assert await harness.store.timeline(incident.id) == timeline
    assert len(harness.slack.find_messages(incident.channel_id)) == messages
    record = await harness.store.require(incident.id)
    assert record.last_update_at is None and record.next_update_due == incident.next_update_due


@pytest.mark.parametrize(
    "template",
    [
        "status {big}",
        "severity {big}",
        "sev {big}",
        "declare sev{digits} title",
        "role {big} <@U0BOB>",
        "role tech {big}",
        "run {big}",
        "{big}",
        "{big} declare sev1 title",
    ],
)
async def test_a_40kb_word_anywhere_gets_a_short_refusal(harness, template):
    typed = template.format(big="w" * FORTY_KB, digits="9" * FORTY_KB)
    _, texts = await command(harness, "alice", typed)
    [answer] = texts
    assert len(answer) < SHORT_ANSWER, f"a {len(answer)}-character answer to {template!r}"
    assert HELP_HINT in answer or "war-room channel" in answer
    await assert_nothing_created(harness)


@pytest.mark.parametrize("typed", ["status identified {big}", "severity sev2 {big}", "resolve {big}"])
async def test_a_40kb_reason_is_refused_and_changes_nothing(harness, typed):
    """A reason, like an update, must fit one Block Kit section: a 40 kB one is refused."""
    incident = await harness.declare()
    _, texts = await command(harness, "alice", typed.format(big=_forty_kb_words()), incident.channel_id)
    [answer] = texts
    assert "keep it under 2900" in answer and len(answer) < SHORT_ANSWER
    assert len(await harness.store.timeline(incident.id)) == 1
    assert (await harness.store.require(incident.id)).is_open


@pytest.mark.parametrize("typed", ["note {big}", "decision {big} because {big}"])
async def test_a_40kb_reason_or_note_leaves_a_working_war_room(harness, typed):
    """A 40 kB note or decision is cut to one section: recorded, announced, the card stays
    valid, and the incident still reads back."""
    incident = await harness.declare()
    await command(harness, "alice", typed.format(big=_forty_kb_words()), incident.channel_id)
    [record] = await assert_nothing_half_made(harness)
    assert len(await harness.store.timeline(incident.id)) == 2
    for follow_up in ("status", "timeline"):
        _, texts = await command(harness, "alice", follow_up, incident.channel_id)
        assert texts and record.id in texts[0]
    assert not [c for c in harness.slack.calls() if not c.ok], "every Web API call went through"


def _alerts(count: int) -> dict:
    return payloads.alertmanager(
        *[
            payloads.am_alert(fingerprint=f"{i:016x}", instance=f"payments-{i}")
            for i in range(count)
        ]
    )


async def test_a_10000_alert_payload_is_refused_by_the_size_limit_with_413(harness):
    raw = json.dumps(_alerts(10_000)).encode()
    assert len(raw) > harness.bot.settings.webhook_max_bytes
    started = time.perf_counter()
    status, answer = await post_and_check(harness, AM, raw)
    assert (status, answer["error"]) == (413, "payload larger than 1048576 bytes")
    assert time.perf_counter() - started < 1.0
    await assert_nothing_created(harness)


async def test_a_10000_alert_payload_under_a_raised_limit_declares_with_the_first_n_kept(harness):
    """Issue 8 §9: a group that fits the byte limit is accepted whatever its count (Alertmanager
    never retries a 4xx); the first ALERT_MAX_ALERTS are kept, the rest counted."""
    await harness.stop_all()
    await harness.start_bot(webhook_max_bytes=16 * 1024 * 1024)
    status, answer = await post_and_check(harness, AM, json.dumps(_alerts(10_000)).encode())
    keep = harness.bot.ctx.settings.alert_max_alerts
    assert status == 200 and answer["action"] == "declared" and answer["new_alerts"] == keep
    [record] = await assert_nothing_half_made(harness)
    message = await harness.slack.wait_for_message(record.channel_id, "Declared automatically")
    assert f"and {10_000 - 10:,} more alerts" in json.dumps(message.blocks)


async def test_the_largest_accepted_alert_payload_declares_once_in_bounded_time(harness):
    """1,000 alerts of one group (the first ALERT_MAX_ALERTS kept): one incident, one war room,
    the alerts kept, and the delivery answered well within a sender's timeout."""
    raw = json.dumps(_alerts(1000)).encode()
    started = time.perf_counter()
    status, answer = await post_and_check(harness, AM, raw)
    elapsed = time.perf_counter() - started
    assert status == 200 and answer["action"] == "declared"
    assert answer["new_alerts"] == harness.bot.ctx.settings.alert_max_alerts
    assert elapsed < 3.0, f"{elapsed:.2f}s"
    [record] = await assert_nothing_half_made(harness)
    assert len(harness.slack.calls("conversations.create")) == 1
    timeline = await harness.store.timeline(record.id)
    started = time.perf_counter()
    again = await post_and_check(harness, AM, raw)  # the sender's retry changes nothing
    assert again[1]["action"] == "nothing_new"
    assert await harness.store.timeline(record.id) == timeline


async def test_an_alert_with_10000_lines_of_description_declares_a_readable_incident(harness):
    alert = payloads.am_alert()
    lines = [f"line {i}: 5xx from payments" for i in range(10_000)]
    alert["annotations"]["description"] = "\n".join(lines)
    raw = json.dumps(payloads.alertmanager(alert)).encode()
    status, answer = await post_and_check(harness, AM, raw)
    assert status == 200 and answer["action"] == "declared"
    [record] = await assert_nothing_half_made(harness)
    assert len(record.title) <= 150 and len(record.description) <= 3000
    for message in harness.slack.find_messages(record.channel_id):
        assert len(message.text) < 4000
