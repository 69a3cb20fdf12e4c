"""The App Home view: valid Block Kit under the stand-in's strict rules, within Slack's 100
blocks for any number of incidents, most severe first, and the viewer's part of it."""

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.incident.model import ActionItem, ActionType, Incident
from bot.incident.severity import Severity
from bot.ui.home_blocks import (
    ACTION_HOME_DONE, MAX_HOME_BLOCKS, MAX_HOME_INCIDENTS, HomeChart, HomeData, home_view,
)
from slack_standin import validate_view

NOW = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
SEVERITIES = list(Severity)


def incident(n: int, severity: Severity = Severity.SEV2, ic: str = "U0IC", minutes_ago: int = 10) -> Incident:
    record = Incident(id=f"INC-{n}", number=n, title=f"Checkout <broken> #{n}", severity=severity,
                      declared_by=ic, declared_at=NOW - timedelta(minutes=minutes_ago), channel_id=f"C{n:06d}")
    record.roles.incident_commander = ic
    return record


def text_of(view: dict) -> str:
    out = []
    for block in view["blocks"]:
        if isinstance(block.get("text"), dict):
            out.append(block["text"]["text"])
        out += [e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(out)


def full_data(incidents: list[Incident], actions: int = 40) -> HomeData:
    items = [("INC-1", ActionItem(number=i, description=f"item {i}", owner="U0ME", due=date(2026, 12, 1 + i % 20),
                                  type=ActionType.PREVENT)) for i in range(1, actions + 1)]
    return HomeData(viewer="U0ME", now=NOW, incidents=incidents, hidden_private=3, actions=items,
                    stats_line="12 resolved in 90 days", notice="done",
                    charts=[HomeChart("F0001", "MTTR"), HomeChart("F0002", "per week")])


@pytest.mark.parametrize("count", [0, 1, MAX_HOME_INCIDENTS, 500])
def test_the_home_is_valid_and_within_100_blocks_for_any_number_of_incidents(count):
    incidents = [incident(n, SEVERITIES[n % 4], ic="U0ME" if n % 7 == 0 else "U0IC") for n in range(1, count + 1)]
    view = home_view(full_data(incidents))
    assert validate_view(view) == []
    assert len(view["blocks"]) <= MAX_HOME_BLOCKS
    if count > MAX_HOME_INCIDENTS:
        rest = count - MAX_HOME_INCIDENTS
        assert f"and {rest} more" in text_of(view)


def test_incidents_are_listed_most_severe_then_oldest_first_with_status_age_and_roles():
    view = home_view(HomeData(viewer="U0ME", now=NOW, incidents=[
        incident(1, Severity.SEV3, minutes_ago=90), incident(2, Severity.SEV1, minutes_ago=5),
        incident(3, Severity.SEV1, minutes_ago=50),
    ]))
    listed = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section" and "*INC-" in b["text"]["text"]]
    assert [line.split("*")[1] for line in listed] == ["INC-3", "INC-2", "INC-1"]
    assert "Investigating" in listed[0] and "open 50m" in listed[0] and "Incident Commander: <@U0IC>" in listed[0]
    assert "&lt;broken&gt;" in listed[0]  # titles escaped


def test_the_viewers_roles_and_open_action_items_with_done_and_due_dates():
    mine = incident(4, ic="U0ME")
    mine.roles.tech_lead = "U0ME"
    late = ActionItem(number=2, description="Canary gate", owner="U0ME", due=date(2026, 11, 30), type=ActionType.PREVENT)
    view = home_view(HomeData(viewer="U0ME", now=NOW, incidents=[mine, incident(5)], actions=[("INC-4", late)]))
    shown = text_of(view)
    assert "*INC-4*: Incident Commander, Tech Lead" in shown and "*INC-5*:" not in shown
    [row] = [b for b in view["blocks"] if b.get("accessory", {}).get("action_id") == ACTION_HOME_DONE]
    assert row["accessory"]["value"] == "INC-4#2"
    assert "due 2026-11-30" in row["text"]["text"] and "overdue" in row["text"]["text"]


def test_nothing_open_says_so_and_charts_show_slack_files_by_id():
    view = home_view(HomeData(viewer="U0ME", now=NOW, charts=[HomeChart("F0001", "MTTR")], stats_line="0 resolved"))
    assert "No open incidents" in text_of(view) and "no role" in text_of(view).lower()
    [image] = [b for b in view["blocks"] if b["type"] == "image"]
    assert image["slack_file"] == {"id": "F0001"} and image["alt_text"] == "MTTR"


def test_follow_is_on_the_announcement_and_the_card_and_both_are_valid():
    from bot.ui.blocks import ACTION_FOLLOW, announcement_blocks, incident_card
    from slack_standin import validate_message_blocks

    announcement = announcement_blocks(":rotating_light: *INC-4* (SEV2) declared", "INC-4")
    card = incident_card(incident(4), NOW)
    for blocks in (announcement, card):
        assert validate_message_blocks(blocks) == []
        follow = [e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == ACTION_FOLLOW]
        assert [e["value"] for e in follow] == ["INC-4"]
