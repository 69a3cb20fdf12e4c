"""Issue 8 §3: a declare Slack refuses part of never strands a channel. After the channel
exists a refused step is said exactly and finished on the same channel; a declarer who cannot
be invited still gets the incident; every documented create/invite error reads as a sentence."""

import re
from datetime import timedelta

import pytest

from bot.flows.declare import recover_interrupted_declares
from bot.incident.model import Lifecycle
from bot.ui import text
from slack_standin import ALICE
from slack_standin.documented_errors import DOCUMENTED


def _war_rooms(slack):
    return [c for c in slack.channels() if c.name.startswith("inc-")]


async def test_a_refused_card_is_finished_on_the_same_channel_never_a_second(harness):
    slack = harness.slack
    slack.fail("chat.postMessage", "internal_error")  # the card, the declare's first message
    await slack.user("alice").command("/incident", "declare sev1 Checkout API returning 500s")
    [answer] = await slack.wait_for(lambda: harness.replies("alice", "has a war room"))
    assert "card could not be posted" in answer and "internal_error" in answer
    assert "channel created" in answer and "you invited" in answer and "topic set" in answer
    [room] = _war_rooms(slack)
    assert re.search(rf"<#{room.id}", answer)
    record = await harness.store.require("INC-1")
    assert record.lifecycle is Lifecycle.DECLARING and record.channel_id == room.id

    assert await recover_interrupted_declares(harness.bot.ctx, timedelta(0)) == ["INC-1"]
    record = await harness.store.require("INC-1")
    assert record.lifecycle is Lifecycle.READY and record.card_ts
    assert [c.id for c in _war_rooms(slack)] == [room.id]  # the same channel, no second one
    assert slack.pins(room.id)[0].ts == record.card_ts
    assert slack.find_message(slack.dm_with(ALICE.id).id, "I finished it")


async def test_a_declarer_who_cannot_be_invited_still_gets_the_incident(harness):
    slack = harness.slack
    slack.fail("conversations.invite", "user_is_restricted")
    await slack.user("alice").command("/incident", "declare sev1 Checkout API returning 500s")
    [answer] = await slack.wait_for(lambda: harness.replies("alice", "War room:"))
    assert "could not invite you" in answer and "guest" in answer and "to join it" in answer
    record = await harness.store.require("INC-1")
    assert record.lifecycle is Lifecycle.READY and record.roles.incident_commander == ALICE.id
    assert ALICE.id not in slack.members(record.channel_id)
    assert slack.pins(record.channel_id)
    notes = [e.text for e in await harness.store.timeline("INC-1")]
    assert any("could not invite" in n for n in notes)


async def test_a_refused_topic_leaves_a_ready_war_room_and_says_so(harness):
    harness.slack.fail("conversations.setTopic", "restricted_action")
    incident = await harness.declare()
    assert incident.lifecycle is Lifecycle.READY
    [answer] = harness.replies("alice", "War room:")
    assert "topic could not be set" in answer


NAMED = ["user_is_restricted", "ura_max_channels", "no_permission", "org_user_not_in_team",
         "no_external_invite_permission", "restricted_action"]


@pytest.mark.parametrize("error", sorted(
    DOCUMENTED["conversations.invite"]
    - {"already_in_channel", "cant_invite_self",  # not failures: the person is there
       "channel_not_found", "is_archived", "not_in_channel", "missing_channel",  # the channel, not the person
       "method_not_supported_for_channel_type", "invalid_channel_type", "no_user", "is_bot", "team_not_found"}
))
def test_every_documented_invite_error_about_the_person_has_a_sentence(error):
    assert not text.slack_refusal("conversations.invite", error).startswith("Slack answered"), error


@pytest.mark.parametrize("error", sorted(DOCUMENTED["conversations.create"] - {"no_channel", "missing_argument"}))
def test_every_documented_create_error_has_a_sentence(error):
    assert not text.slack_refusal("conversations.create", error).startswith("Slack answered"), error


def test_the_errors_the_issue_names_are_covered():
    for error in NAMED:
        assert not text.slack_refusal("conversations.invite", error).startswith("Slack answered")
    assert "create channels" in text.slack_refusal("conversations.create", "restricted_action")
