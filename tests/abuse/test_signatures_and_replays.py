"""Forged, stale, replayed and unreadable requests on the Slack request URL.

Wrong signatures and requests older than five minutes, on commands, button clicks, form
submissions and events: all 401, nothing acted on (Redis and the stand-in exactly as before).
Bodies Bolt cannot read (`payload=` that is not JSON, an event body that is not JSON or not an
object, bytes that are not UTF-8): 400 when signed, 401 when not, nothing created. An event
replayed within the window (same event_id, with or without `X-Slack-Retry-Num`) acts once.
"""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urlencode

import pytest

from bot.incident.model import EventKind
from slack_standin import Signing
from bot.ui import blocks
from tests.abuse.support import (
    assert_nothing_created,
    form,
    payload_form,
    post_to_slack_endpoint,
)
from tests.abuse.test_webhook_fuzz import redis_snapshot
from tests.support.waiting import eventually

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
FORGERIES = [Signing.BAD_SIGNATURE, Signing.STALE_TIMESTAMP, Signing.UNSIGNED]
# Proving that something did NOT happen needs a window to watch: after a duplicate is acked,
# whatever its listener would do runs within milliseconds on the loopback stand-in.
SETTLE_SECONDS = 0.2


def slack_state(harness) -> tuple:
    slack = harness.slack
    return (
        [(c.method, c.ok) for c in slack.calls()],
        [(c.id, len(slack.find_messages(c.id)), len(slack.pins(c.id))) for c in slack.channels()],
        [(v.id, v.is_open) for v in slack.views(open_only=False)],
        [(e.user, e.text) for e in slack.ephemerals() if e.source != "slack"],
    )


class Unchanged:
    """`async with Unchanged(harness):` fails if Redis or the stand-in changed inside."""

    def __init__(self, harness) -> None:
        self.harness = harness

    async def __aenter__(self):
        self.redis = await redis_snapshot(self.harness)
        self.slack = slack_state(self.harness)
        return self

    async def __aexit__(self, *exc_info):
        if exc_info[0] is not None:
            return False
        # A refused request (401/400) is answered before any listener starts: nothing to wait for.
        assert await redis_snapshot(self.harness) == self.redis, "Redis changed"
        assert slack_state(self.harness) == self.slack, "the stand-in saw the bot act"
        return False


# --- bodies Bolt cannot read ------------------------------------------------------------------

UNREADABLE = [
    pytest.param(form(payload="{not json"), FORM, id="payload-not-json"),
    pytest.param(form(payload='{"type": "block_actions", '), FORM, id="payload-cut-off"),
    pytest.param(form(payload="[]"), FORM, id="payload-a-list"),
    pytest.param(form(payload="null"), FORM, id="payload-null"),
    pytest.param(form(payload='"block_actions"'), FORM, id="payload-a-string"),
    pytest.param(form(payload="[" * 50_000), FORM, id="payload-nested-too-deep"),
    pytest.param("payload=%ff%fe%00", FORM, id="payload-percent-encoded-garbage"),
    pytest.param(b"payload=\xff\xfe{}", FORM, id="payload-not-utf8"),
    pytest.param("{not json", JSON, id="event-not-json"),
    pytest.param('{"type": "event_callback", "event": ', JSON, id="event-cut-off"),
    pytest.param("[]", JSON, id="event-a-list"),
    pytest.param("null", JSON, id="event-null"),
    pytest.param("[" * 50_000, JSON, id="event-nested-too-deep"),
    pytest.param(
        b'{"type": "event_callback", "event": {"text": "\xff"}}', JSON, id="event-not-utf8"
    ),
]


@pytest.mark.parametrize("body, content_type", UNREADABLE)
async def test_a_signed_body_bolt_cannot_read_gets_400_and_creates_nothing(
    harness, body, content_type
):
    async with Unchanged(harness):
        status, text, seconds = await post_to_slack_endpoint(harness, body, content_type)
    assert status == 400 and seconds < 1.0
    assert json.loads(text) == {"error": "malformed request body"}
    await assert_nothing_created(harness)


@pytest.mark.parametrize("signing", FORGERIES, ids=lambda s: s.value)
@pytest.mark.parametrize("body, content_type", UNREADABLE[:2] + UNREADABLE[8:10])
async def test_an_unsigned_or_stale_unreadable_body_gets_401(harness, body, content_type, signing):
    async with Unchanged(harness):
        status, _, _ = await post_to_slack_endpoint(harness, body, content_type, signing=signing)
    assert status == 401


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "1.5", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "now", "X-Slack-Signature": "v0=é"},
        {"X-Slack-Request-Timestamp": "now", "X-Slack-Signature": ""},
        {"X-Slack-Request-Timestamp": "now"},
        {"X-Slack-Signature": "v0=00"},
    ],
    ids=["ts-word", "ts-empty", "ts-fraction", "ts-5000-digits", "sig-not-ascii", "sig-empty",
         "sig-missing", "ts-missing"],
)
async def test_signing_headers_of_any_shape_are_refused_with_401(harness, headers):
    headers = {k: str(int(time.time())) if v == "now" else v for k, v in headers.items()}
    body = form(command="/incident", text="declare sev1 Forged", user_id="U0ALICE",
                channel_id="C0GENERAL", team_id="T0INCIDENT", trigger_id="1.2.3")
    async with Unchanged(harness):
        async with harness.session.post(
            harness.bot.events_url, data=body, headers={"Content-Type": FORM, **headers}
        ) as response:
            assert response.status == 401
            assert json.loads(await response.text()) == {"error": "invalid request"}


# --- forged and stale requests of every kind ---------------------------------------------------


@pytest.mark.parametrize("signing", FORGERIES, ids=lambda s: s.value)
async def test_forged_or_stale_commands_get_401_and_act_on_nothing(harness, signing):
    incident = await harness.declare("declare sev2 Checkout API returning 500s")
    alice = harness.slack.user("alice")
    async with Unchanged(harness):
        for text, channel in [
            ("declare sev1 Forged outage", "C0GENERAL"),
            ("resolve forged", incident.channel_id),
            ("severity sev1 forged", incident.channel_id),
            ("role ic <@U0BOB>", incident.channel_id),
            ("help", "C0GENERAL"),
        ]:
            result = await alice.command("/incident", text, channel, signing=signing)
            assert result.status == 401, (text, result.status, result.text)
    assert len(await harness.store.timeline(incident.id)) == 1


@pytest.mark.parametrize("signing", FORGERIES, ids=lambda s: s.value)
async def test_forged_or_stale_button_clicks_get_401_and_act_on_nothing(harness, signing):
    incident = await harness.declare()
    alice = harness.slack.user("alice")
    async with Unchanged(harness):
        for action_id in (
            f"{blocks.ACTION_SET_STATUS}:identified",
            blocks.ACTION_RESOLVE,
            f"{blocks.ACTION_OPEN_ROLE}:tech_lead",
            blocks.ACTION_OPEN_UPDATE,
        ):
            result = await alice.click(
                incident.channel_id, incident.card_ts, action_id, signing=signing
            )
            assert result.status == 401, (action_id, result.status)
    record = await harness.store.require(incident.id)
    assert record.status.value == "investigating" and harness.slack.open_view("alice") is None


@pytest.mark.parametrize("signing", FORGERIES, ids=lambda s: s.value)
async def test_forged_or_stale_form_submissions_get_401_and_act_on_nothing(harness, signing):
    slack = harness.slack
    await slack.user("bob").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    values = {
        blocks.BLOCK_TITLE: {"value": "Forged outage"},
        blocks.BLOCK_SEVERITY: {"value": "SEV1"},
    }
    async with Unchanged(harness):
        result = await slack.user("bob").submit_view(view.id, values, signing=signing)
        assert result.status == 401 and not result.view_closed
    await assert_nothing_created(harness)
    # The same form, submitted for real, still works: the refusal was the signature's.
    result = await slack.user("bob").submit_view(view.id, values)
    assert result.ok and result.view_closed
    await slack.wait_for(lambda: harness.replies("bob", "War room:"))


@pytest.mark.parametrize("signing", FORGERIES, ids=lambda s: s.value)
async def test_forged_or_stale_events_get_401_and_capture_nothing(harness, signing):
    incident = await harness.declare()
    said = await harness.slack.user("alice").say(incident.channel_id, "pool exhausted at 12:03")
    event = {
        "type": "reaction_added",
        "user": "U0ALICE",
        "reaction": "pushpin",
        "item": {"type": "message", "channel": incident.channel_id, "ts": said.ts},
        "item_user": "U0ALICE",
    }
    async with Unchanged(harness):
        result = await harness.slack.deliver_event(event, signing=signing)
        assert result.status == 401
        pin = {"type": "pin_added", "user": "U0ALICE", "channel_id": incident.channel_id,
               "item": {"type": "message", "channel": incident.channel_id,
                        "message": {"ts": said.ts, "user": "U0ALICE", "text": said.text}}}
        assert (await harness.slack.deliver_event(pin, signing=signing)).status == 401
    kinds = [e.kind for e in await harness.store.timeline(incident.id)]
    assert EventKind.CAPTURED not in kinds


# --- replays --------------------------------------------------------------------------------


def _raw_body(delivery) -> tuple[str, str]:
    """The exact body the stand-in sent for a delivery, and its content type."""
    if delivery.kind == "slash_command":
        return urlencode(delivery.payload), FORM
    if delivery.kind.startswith("event:"):
        return json.dumps(delivery.payload), JSON
    return payload_form(delivery.payload), FORM


@pytest.mark.parametrize(
    "age_seconds", [301, 3600, 86_400, -400], ids=["5m1s", "1h", "1d", "future"]
)
async def test_genuine_requests_replayed_outside_five_minutes_get_401(harness, age_seconds):
    """Each request is first sent for real (and acted on); the same bytes, correctly signed
    but with a timestamp outside Bolt's five minutes, as a replay would be, change nothing."""
    slack = harness.slack
    incident = await harness.declare()
    command = await slack.user("alice").command(
        "/incident", "note replayed note", incident.channel_id
    )
    click = await slack.user("alice").click(
        incident.channel_id, incident.card_ts, f"{blocks.ACTION_SET_STATUS}:identified"
    )
    said = await slack.user("alice").say(incident.channel_id, "found it")
    event = await slack.user("alice").react(incident.channel_id, said.ts, "pushpin")
    await slack.wait_for_message(incident.channel_id, "Identified")

    async def captured():
        kinds = [e.kind for e in await harness.store.timeline(incident.id)]
        return EventKind.CAPTURED in kinds

    await eventually(captured, what="the captured message")
    await slack.user("alice").command("/incident", "status investigating", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "Investigating")

    async def back_to_investigating():  # "Investigating" is also in earlier messages and the card's buttons
        events = await harness.store.timeline(incident.id)
        return events[-1].text == "status identified → investigating"

    await eventually(back_to_investigating, what="the move back to investigating")
    await eventually(lambda: _card_says(harness, incident, "set_status:identified"),
                     what="the card refreshed (offering Identified again)")

    replay_at = int(time.time()) - age_seconds
    async with Unchanged(harness):
        for delivery in (command, click, event):
            body, content_type = _raw_body(delivery)
            status, _, _ = await post_to_slack_endpoint(
                harness, body, content_type, timestamp=replay_at
            )
            assert status == 401, (delivery.kind, status)


async def test_an_event_replayed_within_the_window_acts_once(harness):
    """Slack's retries (`X-Slack-Retry-Num` 1..3, same event_id) and a verbatim replay of the
    same bytes a minute later: one capture on the timeline, one answer."""
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("bob").join(incident.channel_id)
    said = await slack.user("bob").say(incident.channel_id, "connection pool at 100%")
    first = await slack.user("alice").react(incident.channel_id, said.ts, "pushpin")
    assert first.ok
    for retry in (1, 2, 3):
        again = await slack.deliver_event(
            first.payload["event"], event_id=first.payload["event_id"], retry_num=retry
        )
        assert again.ok
    body, content_type = _raw_body(first)
    status, _, _ = await post_to_slack_endpoint(
        harness, body, content_type, timestamp=int(time.time()) - 60
    )
    assert status == 200

    async def captures():
        timeline = await harness.store.timeline(incident.id)
        return [e for e in timeline if e.kind is EventKind.CAPTURED]

    await eventually(captures, what="the capture")
    await asyncio.sleep(SETTLE_SECONDS)  # a window in which a duplicate capture would show
    [capture] = await captures()
    assert capture.text == "connection pool at 100%"
    reads = slack.calls("conversations.history") + slack.calls("conversations.replies")
    assert len(reads) <= 1


async def test_a_form_submission_replayed_within_the_window_acts_once(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    values = {
        blocks.BLOCK_TITLE: {"value": "Queue backlog"},
        blocks.BLOCK_SEVERITY: {"value": "SEV3"},
    }
    submitted = await slack.user("bob").submit_view(view.id, values)
    assert submitted.ok
    await slack.wait_for(lambda: harness.replies("bob", "War room:"))
    body, content_type = _raw_body(submitted)
    status, _, _ = await post_to_slack_endpoint(
        harness, body, content_type, timestamp=int(time.time()) - 30
    )
    assert status == 200
    await asyncio.sleep(SETTLE_SECONDS)  # a window in which a second declare would start
    assert len(slack.calls("conversations.create")) == 1
    assert [r.id for r in await harness.store.open_incidents()] == ["INC-1"]


async def _card_says(harness, incident, text: str) -> bool:
    card = harness.slack.message(incident.channel_id, incident.card_ts)
    return card is not None and text in str(card.blocks)
