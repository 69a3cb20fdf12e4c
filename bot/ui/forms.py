"""Reading submitted modals: Slack's `view.state.values` in, typed values out, or the errors to
show beside the fields (`response_action: errors`). Pure: no Slack calls, no store."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.commands.grammar import MAX_TITLE
from bot.flows.updates import StatusUpdate
from bot.incident.cadence import parse_cadence
from bot.incident.channel_name import slugify
from bot.incident.kinds import IncidentType, Role
from bot.incident.model import ActionItem, ActionType
from bot.incident.severity import Severity
from bot.ui import blocks, text
from i18n import reading_in, t


class FormInvalid(ValueError):
    """Fields to correct: block id -> the sentence shown under it. Nothing was done."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


def field(state: dict, block_id: str) -> dict:
    """The state of the one element (action id `value`) in input block `block_id`."""
    return state.get(block_id, {}).get("value", {}) or {}


def typed(state: dict, block_id: str) -> str:
    """A text input's value, stripped ("" when empty or absent)."""
    return (field(state, block_id).get("value") or "").strip()


def selected(state: dict, block_id: str) -> str | None:
    option = field(state, block_id).get("selected_option")
    return option.get("value") if option else None


def metadata(view: dict) -> dict:
    """The view's private_metadata (JSON we wrote when opening it)."""
    return json.loads(view.get("private_metadata") or "{}")


def _in_form_language(read: Callable) -> Callable:
    """Errors beside the fields in the language the form was written in (the builder put its
    locale in private_metadata): the person who filled it in reads them."""

    @functools.wraps(read)
    def reading(view: dict, *args, **kwargs):
        raw = view.get("private_metadata") or ""
        locale = json.loads(raw).get("locale") if raw.startswith("{") else None
        with reading_in(locale):
            return read(view, *args, **kwargs)

    return reading


@dataclass(frozen=True)
class DeclareForm:
    title: str
    severity: Severity
    incident_type: IncidentType | None
    description: str
    origin_channel: str | None
    response_url: str | None = None  # of the command that opened the form: answers land even where the bot is not
    channel_slug: str = ""


@_in_form_language
def declare_form(view: dict) -> DeclareForm:
    state = view["state"]["values"]
    title = " ".join((field(state, blocks.BLOCK_TITLE).get("value") or "").split())
    severity = selected(state, blocks.BLOCK_SEVERITY)
    errors = {}
    if not title:
        errors[blocks.BLOCK_TITLE] = t("ui-form-title-missing")
    elif len(title) > MAX_TITLE:
        errors[blocks.BLOCK_TITLE] = t("ui-form-title-too-long", limit=str(MAX_TITLE))
    if severity not in {s.value for s in Severity}:
        errors[blocks.BLOCK_SEVERITY] = t("ui-form-pick-severity")
    kind = selected(state, blocks.BLOCK_TYPE)
    if kind and kind not in {k.value for k in IncidentType}:
        errors[blocks.BLOCK_TYPE] = t("ui-form-pick-type")
    channel_slug = typed(state, blocks.BLOCK_SLUG)
    if channel_slug and not slugify(channel_slug):
        errors[blocks.BLOCK_SLUG] = t("ui-form-bad-slug")
    if errors:
        raise FormInvalid(errors)
    return DeclareForm(
        channel_slug=channel_slug,
        title=title,
        severity=Severity(severity),
        incident_type=IncidentType(kind) if kind else None,
        description=typed(state, blocks.BLOCK_DESCRIPTION),
        origin_channel=metadata(view).get("origin_channel"),
        response_url=metadata(view).get("response_url"),
    )


@dataclass(frozen=True)
class RoleForm:
    incident_id: str
    role: Role
    assignee: str
    note: str


@_in_form_language
def role_form(view: dict) -> RoleForm:
    state = view["state"]["values"]
    user = field(state, blocks.BLOCK_ASSIGNEE).get("selected_user")
    if not user:
        raise FormInvalid({blocks.BLOCK_ASSIGNEE: t("ui-form-pick-person")})
    meta = metadata(view)
    return RoleForm(meta["incident_id"], Role(meta["role"]), user, typed(state, blocks.BLOCK_NOTE))


@_in_form_language
def update_form(view: dict) -> tuple[str, StatusUpdate]:
    """The incident id and the status update written in the form."""
    state = view["state"]["values"]
    what = typed(state, blocks.BLOCK_WHAT)
    if not what:
        raise FormInvalid({blocks.BLOCK_WHAT: t("ui-form-update-what-missing")})
    eta = selected(state, blocks.BLOCK_ETA)
    update = StatusUpdate(
        what_happened=what,
        impact=typed(state, blocks.BLOCK_IMPACT),
        next_steps=typed(state, blocks.BLOCK_NEXT),
        eta=parse_cadence(eta) if eta else None,
    )
    return metadata(view)["incident_id"], update


@_in_form_language
def action_items_form(view: dict, today: date) -> tuple[str, list[ActionItem]]:
    """The incident id and its confirmed action items, numbered from 1. A row without a
    description is dropped; a described row needs an owner and a deadline not in the past."""
    state = view["state"]["values"]
    meta = metadata(view)
    items, errors = [], {}
    for n in range(1, int(meta.get("rows", 0)) + 1):
        description = typed(state, f"what_{n}")
        if not description:
            continue
        owner = field(state, f"owner_{n}").get("selected_user")
        due = field(state, f"due_{n}").get("selected_date")
        kind = selected(state, f"type_{n}") or "prevent"
        if not owner:
            errors[f"owner_{n}"] = text.action_form_errors_owner()
        if not due:
            errors[f"due_{n}"] = text.action_form_errors_due()
        elif date.fromisoformat(due) < today:
            errors[f"due_{n}"] = text.action_form_errors_past()
        if owner and due:
            items.append(ActionItem(number=len(items) + 1, description=description, owner=owner,
                                    due=date.fromisoformat(due), type=ActionType(kind)))
    if errors:
        raise FormInvalid(errors)
    return meta["incident_id"], items


@_in_form_language
def resolve_form(view: dict) -> tuple[str, str]:
    """The incident to resolve and what resolved it (required: the postmortem's Resolution)."""
    from bot.ui.resolve_blocks import BLOCK_RESOLUTION

    summary = typed(view["state"]["values"], BLOCK_RESOLUTION)
    if not summary:
        raise FormInvalid({BLOCK_RESOLUTION: t("ui-form-resolution-missing")})
    return metadata(view)["incident_id"], summary


@_in_form_language
def status_draft_form(view: dict) -> tuple[str, str, str, str]:
    """The edited status-page draft: (incident id, public title, status, message)."""
    from bot.ui import integration_blocks as ib

    state = view.get("state", {}).get("values", {})
    title, body = typed(state, ib.BLOCK_SP_TITLE), typed(state, ib.BLOCK_SP_BODY)
    status = selected(state, ib.BLOCK_SP_STATUS) or ""
    errors = {}
    if not title:
        errors[ib.BLOCK_SP_TITLE] = t("ui-form-statuspage-title-missing")
    if not body:
        errors[ib.BLOCK_SP_BODY] = t("ui-form-statuspage-body-missing")
    if status not in ib.PUBLIC_STATUSES:
        errors[ib.BLOCK_SP_STATUS] = t("ui-form-statuspage-pick-status")
    if errors:
        raise FormInvalid(errors)
    raw = view.get("private_metadata", "")
    return (metadata(view)["incident_id"] if raw.startswith("{") else raw), title, status, body
