"""The parts of a postmortem people read as a story: names instead of Slack ids, the first
signal and time to detect, the trigger, the resolution, where we got lucky, an agent run as one
line, and queries moved out of prose into an appendix. Pure functions of the record."""

from __future__ import annotations

import re
from datetime import datetime

from agents import STEP_KEYS, get_step
from agents.changes import parse_change
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.ui.text import format_duration
from i18n import t
from i18n.times import clock_time, in_zone, zone_label

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
# A metric or log query inside prose: a PromQL/LogQL call or selector, up to the end of its parentheses.
_QUERY = re.compile(r"(?:\.?\s*Compute:\s*)?((?:sum|rate|increase|histogram_quantile|avg|max|count)\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)(?:\s*/\s*\S+)?)(?:\s+over the incident window)?")
ROLE_WORDS = {"incident_commander": "ui-doc-role-incident-commander", "tech_lead": "ui-doc-role-tech-lead",
              "comms_lead": "ui-doc-role-comms-lead", "sme": "ui-doc-role-sme"}  # catalogue keys


def _hm(at: datetime) -> str:
    """A time in the postmortem's prose, in INCIDENT_TIMEZONE."""
    return clock_time(at, pattern="%H:%M")


def _zone(at: datetime) -> str:
    return zone_label(in_zone(at))


def role_of(incident: Incident) -> dict[str, str]:
    """Each person's role in words, the most senior role winning."""
    roles = incident.roles
    found: dict[str, str] = {user: t(ROLE_WORDS["sme"]) for user in roles.smes}
    for user, label in ((roles.comms_lead, t(ROLE_WORDS["comms_lead"])), (roles.tech_lead, t(ROLE_WORDS["tech_lead"])),
                        (roles.incident_commander, t(ROLE_WORDS["incident_commander"]))):
        if user:
            found[user] = label
    return found


def people_in(incident: Incident, events: list[TimelineEvent], texts: list[str]) -> set[str]:
    """Every Slack user id the document would mention."""
    ids = {u for u in role_of(incident)} | {incident.declared_by}
    ids |= {e.actor for e in events if e.actor}
    for text in texts:
        ids |= set(MENTION.findall(text))
    return {i for i in ids if i}


def named(text: str, names: dict[str, str]) -> str:
    """Slack mentions as people's names; "incident commander <@U1>" reads "incident commander Alice"."""
    return MENTION.sub(lambda m: names.get(m.group(1), t("ui-doc-a-responder")), text)


def who(user: str | None, names: dict[str, str], roles: dict[str, str]) -> str:
    if not user:
        return t("ui-doc-the-bot")
    name = names.get(user, t("ui-doc-a-responder"))
    return t("ui-doc-person-role", name=name, role=roles[user]) if user in roles else name


def first_signal(incident: Incident, events: list[TimelineEvent]) -> tuple[datetime, str]:
    """The earliest sign of trouble: an alert, a deploy, or the report that declared it."""
    signals = [(e.at, t("ui-doc-signal-alert", text=e.text)) for e in events if e.kind is EventKind.ALERT_FIRING]
    signals += [(e.at, t("ui-doc-signal-deploy", text=e.text)) for e in events if e.kind is EventKind.DEPLOY]
    signals.append((incident.declared_at, t("ui-doc-signal-report")))
    return min(signals, key=lambda s: s[0])


def detection(incident: Incident, events: list[TimelineEvent], names: dict[str, str]) -> str:
    at, what = first_signal(incident, events)
    declared_by = names.get(incident.declared_by, t("ui-doc-a-responder"))
    alerts = [e for e in events if e.kind is EventKind.ALERT_FIRING]
    if at >= incident.declared_at and not alerts:
        return t("ui-doc-detected-by-report", who=declared_by, at=_hm(incident.declared_at), zone=_zone(incident.declared_at))
    took = format_duration(incident.declared_at - at) if incident.declared_at > at else "0s"
    how = t("ui-doc-through-alert") if alerts else t("ui-doc-through-report")
    return t("ui-doc-detected", first=_hm(at), what=what, declared=_hm(incident.declared_at), zone=_zone(at),
             who=declared_by, how=how, took=took)


def trigger(events: list[TimelineEvent], names: dict[str, str], roles: dict[str, str]) -> str:
    """The change people named as the cause: a recorded deploy, or the reason given when the
    status moved to identified; otherwise says it is not known."""
    deploys = [e for e in events if e.kind is EventKind.DEPLOY]
    identified = [e for e in events if e.kind is EventKind.STATUS_CHANGED and e.data.get("to") == "identified" and e.reason]
    if identified:
        e = identified[0]
        return t("ui-doc-trigger-named", reason=named(e.reason, names), who=who(e.actor, names, roles), at=_hm(e.at), zone=_zone(e.at))
    if deploys:
        return t("ui-doc-trigger-deploy", deploy=deploys[-1].text, at=_hm(deploys[-1].at), zone=_zone(deploys[-1].at))
    return t("ui-doc-trigger-unknown")


def resolution(incident: Incident, events: list[TimelineEvent], names: dict[str, str]) -> str:
    if incident.resolution:
        return named(incident.resolution, names)
    updates = [e for e in events if e.kind is EventKind.STATUS_UPDATE and (not incident.resolved_at or e.at <= incident.resolved_at)]
    if updates:
        said = re.split(r": |：", updates[-1].text, maxsplit=1)[-1]  # "status update: …" / "狀態更新：…"
        return t("ui-doc-resolution-last-update", said=named(said, names))
    return t("ui-doc-resolution-unknown")


def got_lucky(incident: Incident, events: list[TimelineEvent]) -> list[str]:
    """What helped that nobody planned: only from what is recorded."""
    lucky: list[str] = []
    if not any(e.kind is EventKind.ALERT_FIRING for e in events):
        lucky.append(t("ui-doc-lucky-reported"))
    if any(e.kind is EventKind.STATUS_CHANGED and e.data.get("to") == "identified" and e.reason
           and parse_change(e.reason) for e in events):
        if not any(e.kind is EventKind.DEPLOY for e in events):
            # suspected, as the root cause says: without metrics nothing proves the change did it
            lucky.append(t("ui-doc-lucky-knew-change"))
    return lucky


def timeline(events: list[TimelineEvent], names: dict[str, str], roles: dict[str, str]) -> list[str]:
    """One line per event; a burst of agent answers is one line."""
    lines: list[str] = []
    run: list[TimelineEvent] = []

    def _step_title(event: TimelineEvent) -> str:
        """The step's title in the document's language (the stored text is in the war room's)."""
        step = event.data.get("step")
        if step in STEP_KEYS:
            return get_step(step).shown_title.lower()
        return event.text.split(":", 1)[0].lower()

    def flush() -> None:
        if run:
            steps = t("ui-doc-list-separator").join(_step_title(e) for e in run)
            lines.append(t("ui-doc-agents-answered", at=_hm(run[0].at), count=len(run), steps=steps, bot=t("ui-doc-the-bot")))
            run.clear()

    for event in events:
        if event.kind is EventKind.STEP_COMPLETED:
            if run and (event.at - run[-1].at).total_seconds() > 300:
                flush()
            run.append(event)
            continue
        flush()
        if event.kind is EventKind.ROLE_ASSIGNED:
            role_key = ROLE_WORDS.get(event.data.get("role", ""))
            what = t("ui-doc-role-line", role=t(role_key) if role_key else t("ui-doc-a-role"),
                     name=names.get(event.data.get("user", ""), t("ui-doc-a-responder")))
        else:
            what = named(event.text, names)
        why = t("ui-doc-why", why=named(event.reason, names)) if event.reason else ""
        lines.append(f"{_hm(event.at)} · {what}{why} · {who(event.actor, names, roles)}")
    flush()
    return lines


def without_queries(text: str) -> tuple[str, list[str]]:
    """Prose with each query replaced by a pointer to the appendix, and the queries."""
    queries: list[str] = []

    def move(match: re.Match[str]) -> str:
        queries.append(match.group(1).strip())
        if "Compute:" in match.group(0):
            return t("ui-doc-query-measures", number=str(len(queries)))
        return t("ui-doc-query-in-appendix", number=str(len(queries)))

    return _QUERY.sub(move, text), queries
