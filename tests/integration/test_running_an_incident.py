"""Roles, status, severity, timeline and resolve on a declared incident, through Slack."""

from bot.incident.kinds import Role, Status
from bot.incident.model import EventKind
from bot.incident.severity import Severity
from slack_standin import ALICE, BOB, CAROL, DAVE


def _card(harness, incident):
    return harness.slack.message(incident.channel_id, incident.card_ts)


def _field(card, name: str) -> str:
    """The value of one labelled field on the card, e.g. _field(card, "Status")."""
    for block in card.blocks:
        for field in block.get("fields", []):
            label, _, value = field["text"].partition("\n")
            if label == f"*{name}*":
                return value
    raise KeyError(name)


async def test_role_button_opens_a_modal_and_the_submission_assigns_and_invites(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").click(incident.channel_id, incident.card_ts, "open_role_modal:tech_lead")
    view = await slack.wait_for(lambda: slack.open_view("alice"), description="the role modal")
    assert view.callback_id == "assign_role" and "Tech Lead" in view.title

    await slack.user("alice").submit_view(view.id, {"assignee": {"value": BOB.id}, "note": {"value": "owns checkout"}})
    await slack.wait_for(
        lambda: _field(_card(harness, incident), "Tech Lead") == f"<@{BOB.id}>", description="card names bob"
    )

    assert BOB.id in slack.members(incident.channel_id)
    assert slack.find_message(incident.channel_id, "made <@U0BOB> *Tech Lead*")
    record = await harness.store.require(incident.id)
    assert record.roles.tech_lead == BOB.id
    event = (await harness.store.timeline(incident.id))[-1]
    assert event.kind is EventKind.ROLE_ASSIGNED and event.reason == "owns checkout" and event.actor == ALICE.id


async def test_role_shortcut_hands_over_ic_and_says_from_whom(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", f"role ic <@{CAROL.id}|carol>", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "handed *Incident Commander* from <@U0ALICE> to <@U0CAROL>")
    record = await harness.store.require(incident.id)
    assert record.roles.incident_commander == CAROL.id
    # The topic is set after the announcement (card first, then topic): wait for it.
    await slack.wait_for(lambda: f"IC <@{CAROL.id}>" in slack.channel(incident.channel_id).topic.value,
                         description="the topic to name the new IC")


async def test_smes_add_up(harness):
    slack = harness.slack
    incident = await harness.declare()
    for person in (BOB, DAVE):
        await slack.user("alice").command("/incident", f"role sme <@{person.id}>", incident.channel_id)
    await slack.wait_for(lambda: len(slack.find_messages(incident.channel_id, "Subject Matter Expert*")) == 2)
    assert (await harness.store.require(incident.id)).roles.smes == [BOB.id, DAVE.id]


async def test_status_moves_by_command_and_button_and_lands_on_the_timeline(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", f"role tech <@{BOB.id}>", incident.channel_id)  # role holders move the status
    await slack.wait_for_message(incident.channel_id, "*Tech Lead*")
    await slack.user("bob").command("/incident", "status identified bad deploy 4312", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "from *Investigating* to *Identified*")

    card = _card(harness, incident)
    await slack.user("alice").click(incident.channel_id, card.ts, "set_status:monitoring")
    await slack.wait_for_message(incident.channel_id, "from *Identified* to *Monitoring*")
    await slack.wait_for(lambda: "Monitoring" in _field(_card(harness, incident), "Status"))

    events = await harness.store.timeline(incident.id)
    changes = [(e.kind, e.actor, e.reason, e.data.get("to")) for e in events if e.kind is EventKind.STATUS_CHANGED]
    assert changes == [
        (EventKind.STATUS_CHANGED, BOB.id, "bad deploy 4312", "identified"),
        (EventKind.STATUS_CHANGED, ALICE.id, "", "monitoring"),
    ]


async def test_severity_change_is_recorded_with_reason(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev3 Slow search")
    await slack.user("alice").command("/incident", "severity sev1 all regions now", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "from *SEV3 (P2)* to *SEV1 (P0)*")
    record = await harness.store.require(incident.id)
    assert record.severity is Severity.SEV1
    event = (await harness.store.timeline(incident.id))[-1]
    assert (event.kind, event.reason) == (EventKind.SEVERITY_CHANGED, "all regions now")


async def test_timeline_shows_every_event_with_who_and_why(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "status identified bad deploy", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "*Identified*")
    await slack.user("bob").command("/incident", "timeline", incident.channel_id)
    [answer] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if e.blocks])
    shown = str(answer.blocks)
    assert f"Timeline · {incident.id}" in shown
    assert 'declared SEV1 \\"Checkout API returning 500s\\"' in shown or "declared SEV1" in shown
    assert "status investigating → identified" in shown and "_(bad deploy)_" in shown


async def test_resolve_records_duration_updates_card_and_leaves_the_open_list(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "resolve rolled back 4312", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "resolved the incident after")
    record = await harness.store.require(incident.id)
    assert record.status is Status.RESOLVED and record.resolved_at and record.resolution == "rolled back 4312"
    await slack.wait_for(lambda: "Resolved" in str(_card(harness, incident).blocks))
    assert await harness.store.open_incidents() == []
    event = (await harness.store.timeline(incident.id))[-1]
    assert event.kind is EventKind.RESOLVED and event.data["duration_seconds"] >= 0


async def test_resolve_button_asks_what_resolved_it_then_reopen(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").click(incident.channel_id, incident.card_ts, "resolve_incident")
    view = await slack.wait_for(lambda: slack.open_view("alice"), description="the resolve form")
    refused = await slack.user("alice").submit_view(view.id, {"resolution": {"value": "  "}})
    assert refused.errors and "resolution" in refused.errors  # asked beside the field; nothing resolved
    assert (await harness.store.require(incident.id)).is_open
    await slack.user("alice").submit_view(view.id, {"resolution": {"value": "rolled back 4312; errors at baseline"}})
    await slack.wait_for_message(incident.channel_id, "resolved the incident")
    record = await harness.store.require(incident.id)
    assert record.resolution == "rolled back 4312; errors at baseline"
    assert (await harness.store.timeline(incident.id))[-1].reason == "rolled back 4312; errors at baseline"
    await slack.wait_for(lambda: "Reopen" in str(_card(harness, incident).blocks))
    await slack.user("alice").click(incident.channel_id, incident.card_ts, "set_status:investigating")
    await slack.wait_for_message(incident.channel_id, "reopened the incident")
    record = await harness.store.require(incident.id)
    assert record.is_open and record.resolved_at is None
    assert (await harness.store.timeline(incident.id))[-1].kind is EventKind.REOPENED


async def test_list_shows_open_incidents_anywhere(harness):
    slack = harness.slack
    first = await harness.declare("declare sev1 Checkout down")
    await harness.declare("declare sev3 Slow search")
    await slack.user("dave").command("/incident", "list")
    [answer] = await slack.wait_for(lambda: [e for e in slack.ephemerals("dave") if e.blocks])
    shown = str(answer.blocks)
    assert "Open incidents (2)" in shown and f"<#{first.channel_id}>" in shown


async def test_a_restart_loses_nothing(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", f"role tech <@{BOB.id}>", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "*Tech Lead*")

    await harness.stop_all()
    await harness.start_bot()

    await slack.user("bob").command("/incident", "status", incident.channel_id)
    [answer] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if e.blocks])
    shown = str(answer.blocks)
    assert incident.id in shown and f"<@{BOB.id}>" in shown and "Checkout API returning 500s" in shown
    assert len(await harness.store.timeline(incident.id)) == 2


async def test_giving_a_role_to_someone_already_in_the_room_is_fine(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", f"role sme <@{ALICE.id}>", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "*Subject Matter Expert*")
    assert [c.error for c in slack.calls("conversations.invite")] == [None, "already_in_channel"]
