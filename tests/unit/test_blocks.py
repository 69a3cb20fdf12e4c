"""The Block Kit builders stay inside Slack's limits, checked by the stand-in's validator."""

from datetime import datetime, timedelta, timezone

import pytest

from bot.incident.kinds import IncidentType, Role, Status
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from slack_standin import validate_message_blocks, validate_view
from bot.ui import blocks, kit

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _incident(**changes) -> Incident:
    base = dict(id="INC-7", number=7, title="Checkout API returning 500s", severity=Severity.SEV1,
                declared_by="U0ALICE", declared_at=NOW, channel_id="C1", card_ts="1.2")
    base.update(changes)
    return Incident(**base)


@pytest.mark.parametrize(
    "incident",
    [
        _incident(),
        _incident(title="x" * 150, description="y" * 5000, incident_type=IncidentType.DATA_INTEGRITY),
        _incident(status=Status.RESOLVED, resolved_at=NOW + timedelta(hours=2)),
        _incident(roles={"incident_commander": "U1", "tech_lead": "U2", "comms_lead": "U3", "smes": [f"U{i}" for i in range(60)]}),
    ],
)
def test_card_is_valid_block_kit(incident):
    assert validate_message_blocks(blocks.incident_card(incident, NOW)) == []


def test_card_shows_everything_an_ic_needs():
    card = str(blocks.incident_card(_incident(incident_type=IncidentType.SERVICE_OUTAGE), NOW + timedelta(minutes=5)))
    for expected in ("INC-7 · Checkout API returning 500s", "SEV1 (P0)", "Investigating", "Service outage",
                     "<@U0ALICE>", "Open for 5m 0s", "Assign IC", "Resolve"):
        assert expected in card


def test_resolved_card_offers_reopen_instead_of_status_buttons():
    card = blocks.incident_card(_incident(status=Status.RESOLVED, resolved_at=NOW), NOW)
    buttons = [e["action_id"] for b in card if b["type"] == "actions" for e in b["elements"]]
    assert "resolve_incident" not in buttons and "set_status:investigating" in buttons


def test_modals_are_valid():
    assert validate_view(blocks.declare_modal("C1", "t" * 400, Severity.SEV2)) == []
    for role in Role:
        assert validate_view(blocks.role_modal(_incident(), role)) == []


def test_a_long_timeline_stays_within_fifty_blocks():
    events = [TimelineEvent(at=NOW, kind=EventKind.NOTE, actor="U1", text="n" * 2500, reason="r") for _ in range(200)]
    rendered = blocks.timeline_blocks(_incident(), events)
    assert validate_message_blocks(rendered) == []
    assert len(rendered) == 50 and "earlier sections not shown" in str(rendered[1])


def test_open_list_is_valid_with_many_incidents():
    incidents = [_incident(id=f"INC-{n}", number=n) for n in range(300)]
    assert validate_message_blocks(blocks.open_incidents_blocks(incidents, NOW)) == []


def test_chunk_lines_never_exceeds_the_limit():
    chunks = kit.chunk_lines(["a" * 1000] * 10 + ["b" * 5000])
    assert all(len(c) <= 3000 for c in chunks) and len(chunks) == 6  # two 1000-char lines per section


@pytest.mark.parametrize("role", list(Role))
def test_role_form_titles_are_shortened_by_wording_not_cut_mid_word(role):
    """Slack's modal title limit is 24 characters; "Assign Incident Commande" was the old cut."""
    title = blocks.role_modal(_incident(), role)["title"]["text"]
    assert len(title) <= 24 and not title.endswith("…")
    words = set(f"{role.label} Assign Add Commander Comms Lead an Expert".split())
    assert all(word in words for word in title.split()), title
