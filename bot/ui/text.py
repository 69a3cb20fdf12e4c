"""Every sentence the bot says, in one place so it reads consistently and can be translated."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.incident.cadence import format_duration  # re-exported: Slack text reads `text.format_duration`
from i18n import times

# The help and the grammar's answers are in the catalogue: i18n/locales/*/help.ftl, grammar.ftl.


STORE_UNAVAILABLE = (
    ":warning: The state store is unavailable right now, so nothing was changed. "
    "I retry on my own; please try again in a moment."
)
NOT_IN_WAR_ROOM = (
    "This only works inside an incident's war-room channel. "
    "`/incident list` shows the open incidents and their channels."
)
INTERNAL_ERROR = (
    ":warning: Something went wrong on my side (reference `{ref}`), and that step did not "
    "finish. Nothing recorded so far is lost; please try again."
)


def slack_error(method: str, error: str) -> str:
    return f":warning: Slack refused `{method}` ({error}). Nothing else was changed; try again."


def declaring(title: str) -> str:
    return f":rotating_light: Declaring *{title}*… I'll tell you when the war room is ready."


def war_room_ready(incident_id: str, channel_id: str) -> str:
    return f":white_check_mark: *{incident_id}* declared. War room: <#{channel_id}>"


def declare_failed(incident_id: str, reason: str) -> str:
    return (
        f":x: I could not finish declaring {incident_id}: {reason}. "
        "Nothing was announced. Please declare again."
    )


def broadcast_declared(incident_id: str, severity: str, title: str, channel_id: str) -> str:
    return f":rotating_light: *{incident_id}* ({severity}) declared: {title}. War room: <#{channel_id}>"


def broadcast_declared_private(incident_id: str, severity: str) -> str:
    return (
        f":lock: *{incident_id}* ({severity}), a security incident, was declared. "
        "Its war room is private; ask the incident commander if you need to join."
    )


def broadcast_resolved(incident_id: str, title: str, took: str) -> str:
    return f":white_check_mark: *{incident_id}* resolved after {took}: {title}"


def role_assigned(actor: str, user: str, role_label: str, previous: str | None) -> str:
    if previous and previous != user:
        return f":busts_in_silhouette: <@{actor}> handed *{role_label}* from <@{previous}> to <@{user}>."
    return f":busts_in_silhouette: <@{actor}> made <@{user}> *{role_label}*."


def status_changed(actor: str, old: str, new: str, reason: str) -> str:
    why = f" Reason: {reason}" if reason else ""
    return f":arrows_counterclockwise: <@{actor}> moved the status from *{old}* to *{new}*.{why}"


def severity_changed(actor: str, old: str, new: str, reason: str) -> str:
    why = f" Reason: {reason}" if reason else ""
    return f":rotating_light: <@{actor}> changed the severity from *{old}* to *{new}*.{why}"


def resolved(actor: str, took: str, summary: str) -> str:
    tail = f"\n>{summary}" if summary else ""
    return f":white_check_mark: <@{actor}> resolved the incident after *{took}*.{tail}"


def reopened(actor: str, status: str) -> str:
    return f":leftwards_arrow_with_hook: <@{actor}> reopened the incident (status *{status}*)."


def already(what: str) -> str:
    return f":information_source: Nothing to change: it is already {what}."


def already_holds(user_id: str, role_label: str) -> str:
    return f":information_source: Nothing to change: <@{user_id}> is already {role_label}."


def user_not_found(user_id: str) -> str:
    return f":information_source: I could not find <@{user_id}> in this workspace; nobody was assigned."


def no_open_incidents() -> str:
    return ":sunny: No open incidents."


def slack_time(at: datetime) -> str:
    """A Slack date token: each reader sees their own time zone; the fallback is INCIDENT_TIMEZONE."""
    return times.slack_time(at)


def clock_time(at: datetime) -> str:
    return times.clock_time(at, pattern="%H:%M:%S")


def update_on_resolved(incident_id: str) -> str:
    return f":information_source: {incident_id} is resolved; reopen it to post status updates."


def status_update_fallback(incident_id: str, what: str) -> str:
    return f"Status update on {incident_id}: {what}"


def nudge_fallback(incident_id: str, stage: int) -> str:
    if stage > 1:
        return f"{incident_id}: the status update is overdue"
    return f"{incident_id}: a status update is due"


def nudge(incident_id: str, who: str, cadence: str) -> str:
    return (
        f":bell: A status update on *{incident_id}* is due (every {cadence} at this severity). "
        f"{who}, please post one: what happened, current impact, next steps."
    )


def escalation(incident_id: str, who: str, overdue: str, due_at: str) -> str:
    return (
        f":rotating_light: The status update on *{incident_id}* is *{overdue} overdue* (it was due "
        f"{due_at}). {who}: stakeholders are waiting; post an update or hand comms to someone who can."
    )


def steps_busy(steps: list[str]) -> str:
    return (
        f":hourglass_flowing_sand: Already queued or running: {', '.join(steps)}. "
        "Its result will land in its thread; nothing new was started."
    )


def steps_queued(label: str, count: int) -> str:
    noun = "step" if count == 1 else "steps"
    return f":robot_face: Running {label} ({count} {noun}); each result lands in its own thread here."


def step_running(title: str) -> str:
    return f"{title}: running"


def step_post_failed(title: str, error: str) -> str:
    return f":warning: The result of *{title}* is stored, but Slack refused to show it ({error})."


def step_failed(step: str) -> str:
    return (
        f":x: The *{step}* step failed on my side; the steps after it were cancelled. "
        f"Results so far are kept. Try `/incident run {step}` again."
    )


# --- alert intake (issue 4) ----------------------------------------------------------------


def alert_title(name: str, summary: str, more: int) -> str:
    title = name if not summary or summary == name else f"{name}: {summary}"
    return title + (f" (+{more} more)" if more else "")


def alert_declared(count: int, source: str, reason: str, declared_by: str | None) -> str:
    noun = "alert" if count == 1 else "alerts"
    who = f" by <@{declared_by}>" if declared_by else " automatically"
    return f":rotating_light: Declared{who} from {count} {source} {noun} ({reason})."


def alert_firing(name: str, summary: str, again: bool) -> str:
    verb = "is firing again" if again else "is also firing"
    return f":bell: Alert *{name}* {verb}: {summary}"


def alert_resolved(name: str, service: str | None, took: str | None) -> str:
    where = f" ({service})" if service else ""
    return f":white_check_mark: Alert *{name}*{where} resolved" + (f" after {took}." if took else ".")


def all_alerts_resolved(incident_id: str, count: int) -> str:
    noun = "alert" if count == 1 else f"{count} alerts"
    every = "The" if count == 1 else "All"
    return (
        f":information_source: {every} {noun} behind *{incident_id}* resolved. When you are satisfied, "
        "`/incident resolve` closes the incident."
    )


def triage_fallback(name: str, summary: str) -> str:
    return f"Alert needs triage: {alert_title(name, summary, 0)}"


def triage_reason(reason: str, severity: str) -> str:
    return f"Not declared automatically ({reason}). *Declare incident* declares it at {severity}."


def triage_declared(incident_id: str, channel_id: str | None, user_id: str) -> str:
    room = f" War room: <#{channel_id}>" if channel_id else ""
    return f":white_check_mark: <@{user_id}> declared *{incident_id}* from this alert.{room}"


def triage_already(incident_id: str, channel_id: str | None) -> str:
    room = f": <#{channel_id}>" if channel_id else ""
    return f":information_source: This alert is already incident *{incident_id}*{room}"


def triage_busy() -> str:
    return ":hourglass_flowing_sand: This alert is being declared right now; the war room follows in a moment."


TRIAGE_EXPIRED = (
    ":information_source: This triage alert is too old to declare from (kept 7 days). "
    "Declare it with `/incident declare`."
)


def triage_resolved(name: str) -> str:
    return f":white_check_mark: *{name}* resolved on its own."


def deploy_noted(service: str, version: str, who: str, link: str) -> str:
    by = f" by {who}" if who else ""
    where = f" (<{link}|details>)" if link else ""
    return f":package: Deploy during this incident: *{service}* {version}{by}{where}"


def decision_recorded(actor: str, what: str, why: str) -> str:
    because = f"\n>_why:_ {why}" if why else ""
    return f":memo: <@{actor}> recorded a decision: *{what}*{because}"


def note_recorded(actor: str, note: str) -> str:
    return f":spiral_note_pad: Note from <@{actor}> added to the timeline: {note}"


def capture_failed(error: str) -> str:
    return f":information_source: I could not read that message ({error}), so nothing was added to the timeline."


def postmortem_ready(incident_id: str, first: bool, exported: list[str]) -> str:
    verb = "written" if first else "updated"
    where = f" Also published: {', '.join(exported)}." if exported else ""
    return f":books: The postmortem for *{incident_id}* is {verb}: summary in the war room, the document in its thread.{where}"


def actions_confirmed(count: int) -> str:
    return f":white_check_mark: {count} action items confirmed, each with an owner and a deadline. Owners get reminders."


def no_such_action(incident_id: str, number: int) -> str:
    return f":information_source: {incident_id} has no action item #{number}."


def action_done(actor: str, incident_id: str, number: int) -> str:
    return f":white_check_mark: <@{actor}> closed action item {incident_id} #{number}."


def action_reminder(incident_id: str, item, stage: str) -> str:
    when = "today" if stage == "due" else "tomorrow"
    return f"Action item {incident_id} #{item.number} is due {when}: {item.description}"


def postmortem_reminder(incident_id: str, channel_id: str | None) -> str:
    where = f" in <#{channel_id}>" if channel_id else ""
    return (
        f":alarm_clock: *{incident_id}* was resolved 36 hours ago and has no postmortem yet; the goal is 48 hours. "
        f"Type `/incident postmortem`{where}."
    )


def no_open_actions() -> str:
    return ":sunny: No open action items."


def action_form_errors_owner() -> str:
    return "Every action item needs an owner."


def action_form_errors_due() -> str:
    return "Every action item needs a deadline."


def action_form_errors_past() -> str:
    return "The deadline is in the past."


def only_the_commander(what: str, incident_id: str, commander: str) -> str:
    return (
        f":no_entry: Only the incident commander (<@{commander}>) or an admin can {what} {incident_id}. "
        f"Ask <@{commander}>, or ask them to hand over incident command."
    )


def declare_resumed(incident_id: str, channel_id: str) -> str:
    return (
        f":arrows_counterclockwise: Declaring *{incident_id}* was interrupted by a restart; I finished it. "
        f"War room: <#{channel_id}>"
    )
