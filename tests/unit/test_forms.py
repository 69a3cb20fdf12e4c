"""Reading submitted modals (bot/ui/forms.py) and the rows the action-item form opens with."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from bot.flows.follow_up import proposed_actions
from bot.incident.kinds import IncidentType, Role
from bot.incident.model import ActionType
from bot.incident.severity import Severity
from bot.ui import blocks, forms

TODAY = date(2026, 3, 10)


def _text(value: str | None) -> dict:
    return {"value": {"type": "plain_text_input", "value": value}}


def _option(value: str | None) -> dict:
    return {"value": {"selected_option": {"value": value} if value else None}}


def _view(values: dict, meta: dict | None = None) -> dict:
    return {"id": "V1", "state": {"values": values}, "private_metadata": json.dumps(meta or {})}


def test_declare_form_reads_every_field():
    form = forms.declare_form(_view(
        {
            blocks.BLOCK_TITLE: _text("  Checkout   down \n"),
            blocks.BLOCK_SEVERITY: _option("SEV2"),
            blocks.BLOCK_TYPE: _option(next(iter(IncidentType)).value),
            blocks.BLOCK_DESCRIPTION: _text("  500s since 10:02 "),
        },
        {"origin_channel": "C1"},
    ))
    assert form == forms.DeclareForm(
        title="Checkout down", severity=Severity.SEV2, incident_type=next(iter(IncidentType)),
        description="500s since 10:02", origin_channel="C1",
    )


def test_declare_form_without_type_or_metadata():
    form = forms.declare_form(
        {"state": {"values": {blocks.BLOCK_TITLE: _text("x"), blocks.BLOCK_SEVERITY: _option("SEV1")}}}
    )
    assert form.incident_type is None and form.origin_channel is None and form.description == ""


@pytest.mark.parametrize(
    ("title", "severity", "fields"),
    [
        ("", "SEV1", {blocks.BLOCK_TITLE}),
        ("   ", None, {blocks.BLOCK_TITLE, blocks.BLOCK_SEVERITY}),
        ("x" * 500, "SEV1", {blocks.BLOCK_TITLE}),
        ("ok", "SEV9", {blocks.BLOCK_SEVERITY}),
    ],
)
def test_declare_form_names_each_field_to_fix(title, severity, fields):
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.declare_form(_view({blocks.BLOCK_TITLE: _text(title), blocks.BLOCK_SEVERITY: _option(severity)}))
    assert set(invalid.value.errors) == fields and all(invalid.value.errors.values())


def test_declare_form_refuses_a_type_not_offered():
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.declare_form(_view({blocks.BLOCK_TITLE: _text("x"), blocks.BLOCK_SEVERITY: _option("SEV1"),
                                  blocks.BLOCK_TYPE: _option("volcano")}))
    assert set(invalid.value.errors) == {blocks.BLOCK_TYPE}


def test_role_form_needs_a_person():
    meta = {"incident_id": "INC-1", "role": Role.TECH_LEAD.value}
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.role_form(_view({blocks.BLOCK_NOTE: _text("x")}, meta))
    assert set(invalid.value.errors) == {blocks.BLOCK_ASSIGNEE}
    form = forms.role_form(_view(
        {blocks.BLOCK_ASSIGNEE: {"value": {"selected_user": "U1"}}, blocks.BLOCK_NOTE: _text(" owns db ")}, meta
    ))
    assert form == forms.RoleForm("INC-1", Role.TECH_LEAD, "U1", "owns db")


def test_update_form_needs_what_happened_and_reads_the_eta():
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.update_form(_view({blocks.BLOCK_WHAT: _text("  ")}, {"incident_id": "INC-1"}))
    assert set(invalid.value.errors) == {blocks.BLOCK_WHAT}
    incident_id, update = forms.update_form(_view(
        {blocks.BLOCK_WHAT: _text("rolled back"), blocks.BLOCK_NEXT: _text("watch"), blocks.BLOCK_ETA: _option("30m")},
        {"incident_id": "INC-1"},
    ))
    assert incident_id == "INC-1"
    assert (update.what_happened, update.impact, update.next_steps) == ("rolled back", "", "watch")
    assert update.eta == timedelta(minutes=30)


def _row(n: int, what: str | None, owner: str | None, due: str | None, kind: str | None = None) -> dict:
    return {
        f"what_{n}": _text(what),
        f"owner_{n}": {"value": {"selected_user": owner}},
        f"due_{n}": {"value": {"selected_date": due}},
        f"type_{n}": _option(kind),
    }


def test_action_items_form_drops_blank_rows_and_numbers_the_rest():
    values = {**_row(1, "add a canary gate", "U1", "2026-03-20", "prevent"), **_row(2, "", None, None),
              **_row(3, " page on 5xx ", "U2", "2026-03-10", "detect")}
    incident_id, items = forms.action_items_form(_view(values, {"incident_id": "INC-7", "rows": 3}), TODAY)
    assert incident_id == "INC-7"
    assert [(i.number, i.description, i.owner, i.due, i.type) for i in items] == [
        (1, "add a canary gate", "U1", date(2026, 3, 20), ActionType.PREVENT),
        (2, "page on 5xx", "U2", TODAY, ActionType.DETECT),
    ]


def test_action_items_form_wants_owner_and_a_deadline_not_in_the_past():
    values = {**_row(1, "a", None, "2026-03-20"), **_row(2, "b", "U1", None), **_row(3, "c", "U1", "2026-03-09")}
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.action_items_form(_view(values, {"incident_id": "INC-7", "rows": 3}), TODAY)
    assert set(invalid.value.errors) == {"owner_1", "due_2", "due_3"}


def test_rows_beyond_the_form_are_ignored():
    values = _row(2, "not in the form", None, None)
    assert forms.action_items_form(_view(values, {"incident_id": "INC-7", "rows": 1}), TODAY) == ("INC-7", [])


def test_proposed_actions_fill_gaps_with_defaults():
    rows = proposed_actions(
        {"action_items": [{"title": "gate deploys", "due": "2026-04-01", "type": "mitigate"},
                          {"title": "x" * 400, "due": "soon", "type": "nonsense"}]},
        TODAY,
    )
    assert rows == [
        {"description": "gate deploys", "due": date(2026, 4, 1), "type": "mitigate"},
        {"description": "x" * 300, "due": TODAY + timedelta(days=14), "type": "prevent"},
    ]


def test_declare_form_reads_the_short_channel_name_and_refuses_one_with_no_letters():
    base = {blocks.BLOCK_TITLE: _text("結帳錯誤"), blocks.BLOCK_SEVERITY: _option("SEV1")}
    assert forms.declare_form(_view({**base, blocks.BLOCK_SLUG: _text(" checkout-500s ")})).channel_slug == "checkout-500s"
    assert forms.declare_form(_view(base)).channel_slug == ""
    with pytest.raises(forms.FormInvalid) as refused:
        forms.declare_form(_view({**base, blocks.BLOCK_SLUG: _text("🔥🔥")}))
    assert blocks.BLOCK_SLUG in refused.value.errors
