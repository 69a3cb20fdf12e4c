"""A private incident's details are for its war room's members only."""

from datetime import datetime, timezone

from bot.incident.model import Incident
from bot.incident.severity import Severity
from bot.incident.visibility import sees_details


def incident(is_private: bool) -> Incident:
    return Incident(id="INC-7", number=7, title="leaked key", severity=Severity.SEV1, declared_by="U1",
                    declared_at=datetime(2026, 11, 30, tzinfo=timezone.utc), is_private=is_private)


def test_private_incident_details_only_for_war_room_members():
    assert sees_details(incident(True), "U1", {"U1", "U2"})
    assert not sees_details(incident(True), "U9", {"U1", "U2"})
    assert sees_details(incident(False), "U9", set())


def test_the_home_asks_the_access_policy_admins_and_role_holders_included():
    assert sees_details(incident(True), "UADMIN", set(), admins=frozenset({"UADMIN"}))
    private = incident(True)
    private.roles.tech_lead = "U5"  # invited with the role; Slack's member list may lag
    assert sees_details(private, "U5", set())
