"""The parts of a postmortem people read as a story: names instead of Slack ids, the first
signal and time to detect, the trigger, the resolution, where we got lucky, an agent run as one
line, and queries moved out of prose into an appendix. Pure functions of the record."""

from __future__ import annotations

import re
from datetime import datetime

from agents.changes import parse_change
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.ui.text import format_duration

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
# A metric or log query inside prose: a PromQL/LogQL call or selector, up to the end of its parentheses.
_QUERY = re.compile(r"(?:\.?\s*Compute:\s*)?((?:sum|rate|increase|histogram_quantile|avg|max|count)\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)(?:\s*/\s*\S+)?)(?:\s+over the incident window)?")
ROLE_WORDS = {"incident_commander": "incident commander", "tech_lead": "tech lead",
              "comms_lead": "communications lead", "sme": "subject-matter expert"}


def role_of(incident: Incident) -> dict[str, str]:
    """Each person's role in words, the most senior role winning."""
    roles = incident.roles
    found: dict[str, str] = {user: "subject-matter expert" for user in roles.smes}
    for user, label in ((roles.comms_lead, "communications lead"), (roles.tech_lead, "tech lead"),
                        (roles.incident_commander, "incident commander")):
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
    return MENTION.sub(lambda m: names.get(m.group(1), "a responder"), text)


def who(user: str | None, names: dict[str, str], roles: dict[str, str]) -> str:
    if not user:
        return "the bot"
    name = names.get(user, "a responder")
    return f"{name} ({roles[user]})" if user in roles else name


def first_signal(incident: Incident, events: list[TimelineEvent]) -> tuple[datetime, str]:
    """The earliest sign of trouble: an alert, a deploy, or the report that declared it."""
    signals = [(e.at, f"alert: {e.text}") for e in events if e.kind is EventKind.ALERT_FIRING]
    signals += [(e.at, f"deploy: {e.text}") for e in events if e.kind is EventKind.DEPLOY]
    signals.append((incident.declared_at, "a person's report (the declaration)"))
    return min(signals, key=lambda s: s[0])


def detection(incident: Incident, events: list[TimelineEvent], names: dict[str, str]) -> str:
    at, what = first_signal(incident, events)
    declared_by = names.get(incident.declared_by, "a responder")
    alerts = [e for e in events if e.kind is EventKind.ALERT_FIRING]
    if at >= incident.declared_at and not alerts:
        return (f"Declared by {declared_by} at {incident.declared_at:%H:%M} UTC from a report; no alert fired "
                "and no deploy was recorded, so the time from the first failure to detection is not known.")
    took = format_duration(incident.declared_at - at) if incident.declared_at > at else "0s"
    how = "an alert" if alerts else "a person's report"
    return (f"First signal {at:%H:%M} UTC ({what}); declared at {incident.declared_at:%H:%M} UTC by {declared_by}, "
            f"through {how}. Time to detect: {took}.")


def trigger(events: list[TimelineEvent], names: dict[str, str], roles: dict[str, str]) -> str:
    """The change people named as the cause: a recorded deploy, or the reason given when the
    status moved to identified; otherwise says it is not known."""
    deploys = [e for e in events if e.kind is EventKind.DEPLOY]
    identified = [e for e in events if e.kind is EventKind.STATUS_CHANGED and e.data.get("to") == "identified" and e.reason]
    if identified:
        e = identified[0]
        return f"{named(e.reason, names)} (named by {who(e.actor, names, roles)}, {e.at:%H:%M} UTC)."
    if deploys:
        return f"{deploys[-1].text} ({deploys[-1].at:%H:%M} UTC), the last change recorded before the incident; not confirmed as the cause."
    return "Not known: nobody named the change that started it (`/incident status identified <what changed>`)."


def resolution(incident: Incident, events: list[TimelineEvent], names: dict[str, str]) -> str:
    if incident.resolution:
        return named(incident.resolution, names)
    updates = [e for e in events if e.kind is EventKind.STATUS_UPDATE and (not incident.resolved_at or e.at <= incident.resolved_at)]
    if updates:
        said = updates[-1].text.split(": ", 1)[-1]
        return f"No summary was given on resolve; the last update before it said: {named(said, names)}"
    return "No summary was given on resolve, and no update described the fix."


def got_lucky(incident: Incident, events: list[TimelineEvent]) -> list[str]:
    """What helped that nobody planned: only from what is recorded."""
    lucky: list[str] = []
    if not any(e.kind is EventKind.ALERT_FIRING for e in events):
        lucky.append("A person noticed and reported it: no alert would have paged anyone.")
    if any(e.kind is EventKind.STATUS_CHANGED and e.data.get("to") == "identified" and e.reason
           and parse_change(e.reason) for e in events):
        if not any(e.kind is EventKind.DEPLOY for e in events):
            # suspected, as the root cause says: without metrics nothing proves the change did it
            lucky.append("Someone knew of the change suspected of causing it; no deploy was recorded for the bot to find.")
    return lucky


def timeline(events: list[TimelineEvent], names: dict[str, str], roles: dict[str, str]) -> list[str]:
    """One line per event; a burst of agent answers is one line."""
    lines: list[str] = []
    run: list[TimelineEvent] = []

    def flush() -> None:
        if run:
            steps = ", ".join(e.text.split(":", 1)[0].lower() for e in run)
            noun = "step" if len(run) == 1 else "steps"
            lines.append(f"{run[0].at:%H:%M} · AI agents answered {len(run)} {noun} ({steps}) · the bot")
            run.clear()

    for event in events:
        if event.kind is EventKind.STEP_COMPLETED:
            if run and (event.at - run[-1].at).total_seconds() > 300:
                flush()
            run.append(event)
            continue
        flush()
        if event.kind is EventKind.ROLE_ASSIGNED:
            what = f"{ROLE_WORDS.get(event.data.get('role', ''), 'a role')}: {names.get(event.data.get('user', ''), 'a responder')}"
        else:
            what = named(event.text, names)
        why = f" (why: {named(event.reason, names)})" if event.reason else ""
        lines.append(f"{event.at:%H:%M} · {what}{why} · {who(event.actor, names, roles)}")
    flush()
    return lines


def without_queries(text: str) -> tuple[str, list[str]]:
    """Prose with each query replaced by a pointer to the appendix, and the queries."""
    queries: list[str] = []

    def move(match: re.Match[str]) -> str:
        queries.append(match.group(1).strip())
        if "Compute:" in match.group(0):
            return f"; query {len(queries)} in the appendix measures it"
        return f"(query {len(queries)} in the appendix)"

    return _QUERY.sub(move, text), queries
