"""Every wrong input gets a clear, private answer, and nothing is created or changed."""

import pytest

from slack_standin import GENERAL_CHANNEL_ID


async def _answer(harness, who, text, channel=GENERAL_CHANNEL_ID):
    slack = harness.slack
    before = len(slack.ephemerals(who))
    result = await slack.user(who).command("/incident", text, channel)
    assert result.ok and not result.timed_out
    answers = await slack.wait_for(lambda: slack.ephemerals(who)[before:], description=f"an answer to {text!r}")
    return answers[0].text


async def _nothing_created(harness):
    assert await harness.store.open_incidents() == []
    assert harness.slack.calls("conversations.create") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("frobnicate", "I don't know `frobnicate`"),
        ("declare sev1", "A title is missing"),
        ("declare sev9 Checkout down", "`sev9` is not a severity"),
        ("declare p7 Checkout down", "`p7` is not a severity"),
        ("severity", "Which severity?"),
        ("status fixed", "`fixed` is not a status"),
        ("role", "Which role"),
        ("role janitor <@U0BOB>", "`janitor` is not a role"),
        ("role tech bob", "Mention exactly one person"),
        ("declare sev2 " + "x" * 200, "keep it under 150"),
    ],
)
async def test_grammar_mistakes_are_explained_and_create_nothing(harness, text, expected):
    answer = await _answer(harness, "alice", text)
    assert expected in answer and "/incident help" in answer
    await _nothing_created(harness)


async def test_help_lists_the_commands(harness):
    answer = await _answer(harness, "alice", "help")
    assert "/incident declare sev1 <title>" in answer and "/incident timeline" in answer


@pytest.mark.parametrize("text", ["status", "timeline", "resolve", "severity sev2", "role tech <@U0BOB>"])
async def test_war_room_commands_outside_a_war_room_say_where_to_use_them(harness, text):
    answer = await _answer(harness, "alice", text)
    assert "only works inside an incident's war-room channel" in answer
    await _nothing_created(harness)


async def test_assigning_someone_who_does_not_exist_changes_nothing(harness):
    incident = await harness.declare()
    answer = await _answer(harness, "alice", "role tech <@U0NOBODY>", incident.channel_id)
    assert "could not find <@U0NOBODY>" in answer
    assert (await harness.store.require(incident.id)).roles.tech_lead is None


async def test_repeating_a_change_says_nothing_to_change(harness):
    incident = await harness.declare("declare sev2 Slow checkout")
    answer = await _answer(harness, "alice", "severity p1", incident.channel_id)
    assert "already SEV2" in answer
    assert len(await harness.store.timeline(incident.id)) == 1


async def test_resolving_twice_is_refused_politely(harness):
    incident = await harness.declare()
    await harness.slack.user("alice").command("/incident", "resolve", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "resolved the incident")
    answer = await _answer(harness, "alice", "resolve", incident.channel_id)
    assert "already resolved" in answer


async def test_slack_refusing_channel_creation_is_reported_and_the_record_says_failed(harness):
    harness.slack.fail("conversations.create", "restricted_action")
    await harness.slack.user("alice").command("/incident", "declare sev1 Checkout down")
    [answer] = await harness.slack.wait_for(lambda: harness.replies("alice", "could not open a war room"))
    assert "only some members create channels" in answer and "No channel was created" in answer
    assert await harness.store.open_incidents() == []
    record = await harness.store.require("INC-1")
    assert record.lifecycle.value == "failed"


async def test_redis_down_gets_a_clear_answer_not_silence(harness, redis_server):
    incident = await harness.declare()
    redis_server.stop()
    try:
        answer = await _answer(harness, "alice", "status", incident.channel_id)
        assert "state store is unavailable" in answer
    finally:
        redis_server.start()


async def test_unsigned_and_stale_requests_are_rejected(harness):
    from slack_standin import Signing

    for signing in (Signing.BAD_SIGNATURE, Signing.STALE_TIMESTAMP, Signing.UNSIGNED):
        result = await harness.slack.user("alice").command("/incident", "declare sev1 Forged", signing=signing)
        assert result.status == 401
    await _nothing_created(harness)
