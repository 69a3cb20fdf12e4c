"""The README's access table is the policy: every row is an action of bot/incident/access.py,
and every cell is what the policy decides for a person standing in that column."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.incident.access import TABLE, Action, Asker, Who, counts_in_stats, decide, publishing
from bot.incident.model import Incident
from bot.incident.severity import Severity

README = Path(__file__).resolve().parents[2] / "README.md"
ADMIN, IC, LEAD, MEMBER, OWNER, STRANGER = "UADMIN", "UIC", "ULEAD", "UMEMBER", "UOWNER", "USTRANGER"
COMMS = "UCOMMS"


def _readme_table() -> dict[str, set[str]]:
    section = README.read_text().split("## Who may do what", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = {header[i] for i, cell in enumerate(cells) if i and cell == "✓"}
    return rows


# Each persona and the table's columns it stands in (the IC and role holders are in the room).
PERSONAS = {
    IC: {"IC", "war-room members", "anyone"},
    LEAD: {"role holders", "war-room members", "anyone"},
    COMMS: {"comms lead", "role holders", "war-room members", "anyone"},
    MEMBER: {"war-room members", "anyone"},
    OWNER: {"item owner", "anyone"},
    ADMIN: {"INCIDENT_ADMINS", "anyone"},
    STRANGER: {"anyone"},
}


def _incident(*, private: bool, commander: str | None = IC) -> Incident:
    incident = Incident(id="INC-7", number=7, title="t", severity=Severity.SEV2, declared_by=IC,
                        declared_at=datetime(2026, 12, 1, tzinfo=timezone.utc), is_private=private)
    incident.roles.incident_commander = commander
    incident.roles.tech_lead = LEAD
    incident.roles.comms_lead = COMMS
    return incident


def _asker(user: str) -> Asker:
    return Asker(user, admins=frozenset({ADMIN}), is_member=user in (IC, LEAD, COMMS, MEMBER), owns_item=user == OWNER)


def test_the_readme_table_lists_every_action_with_the_policys_columns():
    table = _readme_table()
    assert set(table) == {action.value for action in Action}
    for action in Action:
        assert table[action.value] == {who.value for who in TABLE[action]}, action


@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.name)
@pytest.mark.parametrize("user", list(PERSONAS))
def test_every_cell_of_the_readme_table_is_what_the_policy_decides(action, user):
    row = _readme_table()[action.value]
    commander = None if action is Action.TAKE_COMMAND else IC
    if commander is None and user == IC:
        pytest.skip("nobody holds IC in this row")
    expected = bool(PERSONAS[user] & row)
    assert decide(action, _incident(private=False, commander=commander), _asker(user)) is expected
    # Private: the same for the war room and the admins; refused to everyone else.
    in_room = user in (IC, LEAD, COMMS, MEMBER, ADMIN)
    assert decide(action, _incident(private=True, commander=commander), _asker(user)) is (expected and in_room)


def test_take_command_is_refused_while_someone_holds_it():
    assert not decide(Action.TAKE_COMMAND, _incident(private=False), _asker(MEMBER))
    assert Who.MEMBERS in TABLE[Action.TAKE_COMMAND]


def test_a_role_holder_not_in_the_channel_still_counts_as_in_the_room():
    # Slack's member list lags an invite: the record's roles count as membership on their own.
    asker = Asker(LEAD, admins=frozenset(), is_member=False)
    assert decide(Action.NOTE, _incident(private=True), asker)


def test_a_private_incident_leaves_the_war_room_only_on_the_commanders_click():
    # The comms lead publishes a public incident's status page; a private one's only the IC or an admin.
    assert publishing(_incident(private=False)) is Action.PUBLISH_STATUS
    assert publishing(_incident(private=True)) is Action.SEND_PRIVATE
    assert decide(publishing(_incident(private=False)), _incident(private=False), _asker(COMMS))
    assert not decide(publishing(_incident(private=True)), _incident(private=True), _asker(COMMS))
    assert decide(publishing(_incident(private=True)), _incident(private=True), _asker(IC))


def test_stats_count_a_private_incident_only_for_the_admins():
    assert counts_in_stats(False, _asker(STRANGER))
    assert not counts_in_stats(True, _asker(STRANGER)) and not counts_in_stats(True, _asker(IC))
    assert counts_in_stats(True, _asker(ADMIN))
