"""An alert cannot make a private war room that nobody can enter.

The attack replayed: an alert labelled `incident_type=security_incident` declared a private war
room whose only member was the bot. Now, without ALERT_DECLARED_BY, the alert goes to triage
(saying why) and whoever declares it from there is its first member; with ALERT_DECLARED_BY set,
that person is in the room.
"""

from __future__ import annotations

import json

from bot.ui import blocks
from slack_standin import BOT_USER_ID
from tests.intake import payloads
from tests.intake.conftest import TRIAGE_CHANNEL

AM = "/webhooks/alertmanager"


def _security_alert():
    return payloads.alertmanager(payloads.am_alert(alertname="LeakedDeployKey", incident_type="security_incident"))


async def test_a_private_alert_incident_always_has_a_person_in_its_war_room(intake):
    status, answer = await intake.post(AM, _security_alert())

    assert status == 200 and answer["action"] == "triaged", answer
    assert intake.war_rooms() == []
    [message] = intake.slack.messages(TRIAGE_CHANNEL)
    assert "nobody would be in it" in json.dumps(message.blocks)

    await intake.slack.user("alice").click(TRIAGE_CHANNEL, message.ts, blocks.ACTION_DECLARE_FROM_ALERT)
    await intake.slack.wait_for(lambda: intake.replies("alice", "from this alert"))
    [room] = intake.war_rooms()
    assert room.is_private and "U0ALICE" in room.members

    # With ALERT_DECLARED_BY set, the alert declares at once and that person is in the room.
    await intake.stop_all()
    await intake.start_bot(alert_declared_by="U0BOB")
    other = payloads.alertmanager(payloads.am_alert(alertname="LeakedApiKey", fingerprint="0000aaaa0000bbbb",
                                                    incident_type="security_incident"))
    status, answer = await intake.post(AM, other)
    assert status == 200 and answer["action"] == "declared", answer
    second = next(r for r in intake.war_rooms() if r.id == answer["channel_id"])
    assert second.is_private and set(second.members) - {BOT_USER_ID} == {"U0BOB"}
