"""Access rules (the IC decides), security incidents kept private, secrets never posted or stored."""

import logging

from bot.flows.declare import declare_incident
from bot.incident.severity import Severity
from slack_standin import BOT_USER_ID, GENERAL_CHANNEL_ID
from tests.integration.conftest import Harness


async def _answer(harness, who, text, incident):
    before = len(harness.slack.ephemerals(who))
    await harness.slack.user(who).command("/incident", text, incident.channel_id)
    [answer, *_] = await harness.slack.wait_for(lambda: harness.slack.ephemerals(who)[before:])
    return answer.text


async def test_only_the_commander_resolves_changes_severity_or_hands_over(harness):
    incident = await harness.declare()  # alice declared: she is IC
    for text in ("resolve", "severity sev3", "role ic <@U0BOB>"):
        answer = await _answer(harness, "bob", text, incident)
        assert "Only the incident commander (<@U0ALICE>)" in answer, text
    record = await harness.store.require(incident.id)
    assert record.is_open and record.severity is Severity.SEV1 and record.roles.incident_commander == "U0ALICE"
    # A role holder may move the status (bob, once he is tech lead), a bystander may not.
    assert "Only the incident commander (<@U0ALICE>), a role holder" in await _answer(harness, "bob", "status identified", incident)
    await harness.slack.user("alice").command("/incident", "role tech <@U0BOB>", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "*Tech Lead*")
    await harness.slack.user("bob").command("/incident", "status identified", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "to *Identified*")


async def test_after_a_handover_the_new_commander_decides(harness):
    incident = await harness.declare()
    await harness.slack.user("alice").command("/incident", "role ic <@U0CAROL>", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "to <@U0CAROL>")
    assert "Only the incident commander (<@U0CAROL>)" in await _answer(harness, "alice", "severity sev2", incident)
    await harness.slack.user("carol").command("/incident", "severity sev2", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "to *SEV2 (P1)*")


async def test_admins_may_act_as_commander(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(admins="U0DAVE")
    try:
        incident = await harness.declare()
        await slack.user("dave").join(incident.channel_id)
        await slack.user("dave").command("/incident", "resolve handled by the on-call admin", incident.channel_id)
        await slack.wait_for_message(incident.channel_id, "resolved the incident")
    finally:
        await harness.stop_all()


async def test_a_war_room_member_takes_command_of_an_incident_the_bot_declared(harness):
    incident = await declare_incident(harness.bot.ctx, title="HighErrorRate on payments", severity=Severity.SEV2,
                                      declared_by=BOT_USER_ID)
    await harness.slack.user("bob").join(incident.channel_id)
    await harness.slack.user("bob").command("/incident", "role ic <@U0BOB>", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "made <@U0BOB> *Incident Commander*")
    assert (await harness.store.require(incident.id)).roles.incident_commander == "U0BOB"


async def test_security_incident_updates_are_not_mirrored(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    try:
        await slack.user("carol").command("/incident", "declare")
        view = await slack.wait_for(lambda: slack.open_view("carol"))
        await slack.user("carol").submit_view(view.id, {"title": {"value": "Leaked deploy key"}, "severity": {"value": "SEV1"},
                                                       "type": {"value": "security_incident"}})
        [reply] = await slack.wait_for(lambda: harness.replies("carol", "War room:"))
        incident = await harness.store.require("INC-1")
        await slack.user("carol").command("/incident", "update key rotated, audit of access logs running", incident.channel_id)
        await slack.wait_for_message(incident.channel_id, "key rotated")
        assert not slack.find_message(GENERAL_CHANNEL_ID, "key rotated")
        assert not slack.find_message(GENERAL_CHANNEL_ID, "Leaked deploy key")
    finally:
        await harness.stop_all()


async def test_secrets_are_redacted_from_slack_the_store_and_logs(harness, caplog):
    caplog.set_level(logging.INFO)
    slack = harness.slack
    aws_key, password = "AKIAIOSFODNN7EXAMPLE", "hunter2hunter2"
    incident = await harness.declare(f"declare sev1 Leaked key {aws_key} in public repo")
    await slack.user("alice").command("/incident", f"note db_password={password} was in the log", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "Note from")
    await slack.user("alice").command("/incident", "update Authorization: Bearer abcdefghijklmnop1234 leaked too", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "leaked too")

    posted = "".join(str(c.args) for c in slack.calls())
    stored = str(await harness.store.require(incident.id)) + str(await harness.store.timeline(incident.id))
    logs = caplog.text
    for secret in (aws_key, password, "abcdefghijklmnop1234"):
        assert secret not in posted and secret not in stored and secret not in logs, secret
    assert "REDACTED" in slack.channel(incident.channel_id).topic.value
