"""Who may do what to an incident: the one access policy, pure (no Slack, no store).

Every surface (slash command, button, form submission) reaches a flow, and every flow asks
`decide` here before it acts (through `bot.flows.guard`). The README's access table is
`TABLE` below, word for word; a test walks it.

A private incident (a security incident) is seen and touched only by its war room's members
and the admins; everyone else learns only that it exists, with its number and severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.incident.model import Incident
from i18n import t


class Who(str, Enum):
    IC = "IC"
    ROLE_HOLDERS = "role holders"
    COMMS_LEAD = "comms lead"
    MEMBERS = "war-room members"
    OWNER = "item owner"
    ADMINS = "INCIDENT_ADMINS"
    ANYONE = "anyone"


class Action(str, Enum):
    DECLARE = "declare"
    VIEW = "list/status/timeline/actions of an incident"
    STATUS = "status (investigating, identified, monitoring)"
    SEVERITY = "severity"
    RESOLVE = "resolve"
    REOPEN = "reopen"
    HAND_OVER = "role hand-over: IC"
    TAKE_COMMAND = "take IC while nobody holds it"
    ASSIGN_ROLE = "role hand-over: tech lead, comms lead, SME"
    UPDATE = "update"
    NOTE = "note"
    DECISION = "decision"
    RUN_STEPS = "run steps"
    POSTMORTEM = "postmortem write/export"
    CONFIRM_ACTIONS = "action items confirm/edit"
    ACTION_DONE = "action item done"
    SUMMARY = "summary (see, share in the war room), step details, status page shown"
    STATS_PRIVATE = "stats: count private incidents"
    PAGE = "page the on-call"
    PUBLISH_STATUS = "status page publish/edit"
    SEND_PRIVATE = "private incident: status page publish, tickets"


# Who may do each action. Admins are listed everywhere on purpose: they stand in for an
# absent commander. For a private incident, "anyone" means its war-room members (see decide).
TABLE: dict[Action, frozenset[Who]] = {
    Action.DECLARE: frozenset({Who.ANYONE}),
    Action.VIEW: frozenset({Who.ANYONE}),
    Action.STATUS: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.ADMINS}),
    Action.SEVERITY: frozenset({Who.IC, Who.ADMINS}),
    Action.RESOLVE: frozenset({Who.IC, Who.ADMINS}),
    Action.REOPEN: frozenset({Who.IC, Who.ADMINS}),
    Action.HAND_OVER: frozenset({Who.IC, Who.ADMINS}),
    Action.TAKE_COMMAND: frozenset({Who.MEMBERS, Who.ADMINS}),
    Action.ASSIGN_ROLE: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.ADMINS}),
    Action.UPDATE: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.ADMINS}),
    Action.NOTE: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.MEMBERS, Who.ADMINS}),
    Action.DECISION: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.ADMINS}),
    Action.RUN_STEPS: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.MEMBERS, Who.ADMINS}),
    Action.POSTMORTEM: frozenset({Who.IC, Who.ADMINS}),
    Action.CONFIRM_ACTIONS: frozenset({Who.IC, Who.ADMINS}),
    Action.ACTION_DONE: frozenset({Who.IC, Who.OWNER, Who.ADMINS}),
    Action.SUMMARY: frozenset({Who.ANYONE}),
    Action.STATS_PRIVATE: frozenset({Who.ADMINS}),
    Action.PAGE: frozenset({Who.IC, Who.ROLE_HOLDERS, Who.MEMBERS, Who.ADMINS}),
    Action.PUBLISH_STATUS: frozenset({Who.IC, Who.COMMS_LEAD, Who.ADMINS}),
    Action.SEND_PRIVATE: frozenset({Who.IC, Who.ADMINS}),
}

_ORDER = [Who.IC, Who.ROLE_HOLDERS, Who.COMMS_LEAD, Who.MEMBERS, Who.OWNER, Who.ADMINS, Who.ANYONE]


@dataclass(frozen=True)
class Asker:
    """The person asking, as far as the policy needs to know them."""

    user_id: str
    admins: frozenset[str] = frozenset()
    is_member: bool = False  # of the incident's war room
    owns_item: bool = False  # the action item in question


def needs_membership(action: Action, incident: Incident) -> bool:
    """Whether deciding `action` needs the war room's member list (one Slack call)."""
    return incident.is_private or Who.MEMBERS in TABLE[action]


def standing(incident: Incident, asker: Asker) -> set[Who]:
    """Every column of the table the asker falls in, for this incident."""
    roles = incident.roles
    held = {roles.tech_lead, roles.comms_lead, *roles.smes} - {None}
    mine: set[Who] = {Who.ANYONE}
    if roles.incident_commander is not None and asker.user_id == roles.incident_commander:
        mine.add(Who.IC)
    if asker.user_id in held:
        mine.add(Who.ROLE_HOLDERS)
    if roles.comms_lead is not None and asker.user_id == roles.comms_lead:
        mine.add(Who.COMMS_LEAD)
    if asker.is_member or asker.user_id in roles.people():
        mine.add(Who.MEMBERS)
    if asker.owns_item:
        mine.add(Who.OWNER)
    if asker.user_id in asker.admins:
        mine.add(Who.ADMINS)
    return mine


def may_see(incident: Incident, asker: Asker) -> bool:
    """A private incident is seen by its war room and the admins; a public one by anyone."""
    if not incident.is_private:
        return True
    return bool(standing(incident, asker) & {Who.MEMBERS, Who.ADMINS, Who.IC})


def decide(action: Action, incident: Incident, asker: Asker) -> bool:
    if not may_see(incident, asker):
        return False
    if action is Action.TAKE_COMMAND and incident.roles.incident_commander is not None:
        return False
    return bool(standing(incident, asker) & TABLE[action])


def who_may(action: Action, incident: Incident) -> str:
    """The refusal's "who may": the table's row in words, naming the commander when known."""
    names = []
    for who in _ORDER:
        if who not in TABLE[action]:
            continue
        if who is Who.IC:
            commander = incident.roles.incident_commander
            names.append(t("text-who-commander-named", commander=commander) if commander else t("text-who-commander"))
        elif who is Who.ANYONE:
            names.append(t("text-who-members-private") if incident.is_private else t("text-who-anyone"))
        else:
            names.append({Who.ROLE_HOLDERS: t("text-who-role-holder"), Who.COMMS_LEAD: t("text-who-comms-lead"),
                          Who.MEMBERS: t("text-who-member"), Who.OWNER: t("text-who-owner"),
                          Who.ADMINS: t("text-who-admin")}[who])
    return t("text-list-separator").join(names[:-1]) + (t("text-who-or") if len(names) > 1 else "") + names[-1]


def publishing(incident: Incident) -> Action:
    """The row that governs sending the incident's text to a status page or a ticket tracker:
    for a private incident only the IC's (or an admin's) explicit click sends it."""
    return Action.SEND_PRIVATE if incident.is_private else Action.PUBLISH_STATUS


def counts_in_stats(is_private: bool, asker: Asker) -> bool:
    """A private incident's figures reach `/incident stats` only for the admins (its war room
    may be long archived; the measures never name it, but a filtered figure would betray it)."""
    if not is_private:
        return True
    mine = {Who.ANYONE} | ({Who.ADMINS} if asker.user_id in asker.admins else set())
    return bool(mine & TABLE[Action.STATS_PRIVATE])


def may_leave_the_war_room(incident: Incident) -> bool:
    """Whether the incident's documents may go where non-members read them (a shared wiki)."""
    return not incident.is_private


def may_be_commander(user_id: str, bot_user: str | None) -> bool:
    """IC is a person: never the bot itself."""
    return bool(user_id) and user_id != bot_user

