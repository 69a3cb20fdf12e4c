"""Every sentence the bot says, in one place so it reads consistently and can be translated."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.incident.cadence import format_duration  # re-exported: Slack text reads `text.format_duration`
from bot.ui.kit import Mrkdwn, escape, link

HELP = """*`/incident` commands*
• `/incident declare sev1 <title>`: declare an incident (`sev1`..`sev4` or `p0`..`p3`); `/incident declare` alone opens the form
• `/incident status`: show the incident (in its war room); `/incident status identified|monitoring [why]`: move it on
• `/incident severity sev2 [why]`: change the severity
• `/incident role ic|tech|comms|sme @person`: assign or hand over a role (also buttons on the card)
• `/incident update <what happened>`: post a status update (the *Post update* button has the full form)
• `/incident run all|phase <1-5>|<step>`: run AI agent steps (triage, observe, mitigate, debug, security, performance, fix, deploy, comms, impact, postmortem, monitoring, hardening); results land in threads
• `/incident resolve [summary]`: resolve it
• `/incident decision <what> because <why>`: record a decision and its rationale; `/incident note <text>`: a note
• React with :pushpin: to a war-room message (or pin it) to put it on the timeline
• `/incident timeline`: every event so far, with who and when
• `/incident summary`: catch me up in 8 lines (only you see it; *Share in channel* to post it)
• `/incident postmortem`: write (or refresh) the blameless postmortem; `/incident actions`: open action items
• `/incident page [service|team] [message]`: page the on-call (PagerDuty/Opsgenie, when configured); `/incident statuspage`: what is live on the status page
• `/incident list`: open incidents
• `/incident help`: this message"""

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


def usage_error(message: str) -> str:
    return f":information_source: {message}\nType `/incident help` for every command."


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
    """A Slack date token: each reader sees their own time zone; the fallback is UTC."""
    fallback = at.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def clock_time(at: datetime) -> str:
    return at.strftime("%H:%M:%S")


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
        "Its answer will appear in its run's message here; nothing new was started."
    )


def steps_queued(label: str, count: int) -> str:
    noun = "step" if count == 1 else "steps"
    return f":robot_face: Running {label} ({count} {noun}); one message here shows each answer as it lands (*Details* for the whole answer)."


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


def deploy_noted(service: str, version: str, who: str, url: str) -> str:
    by = f" by {who}" if who else ""
    where = f" ({link(url, 'details')})" if url else ""
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
    return f"Action item {incident_id} #{item.number} is due {when}: {escape(item.description)}"


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


def postmortem_upload_failed(error: str) -> str:
    return f":warning: The postmortem file could not be attached in Slack ({error})."


def private_alert_needs_a_person(reason: str) -> str:
    return (f"{reason}; a security incident gets a private war room, and with ALERT_DECLARED_BY unset "
            "nobody would be in it: declare it here to be its first member")


# --- who may do what (bot/incident/access.py) ---
ACCESS_VERBS = {
    "declare": "declare",
    "list/status/timeline/actions of an incident": "see",
    "status (investigating, identified, monitoring)": "change the status of",
    "severity": "change the severity of",
    "resolve": "resolve",
    "reopen": "reopen",
    "role hand-over: IC": "hand over incident command of",
    "take IC while nobody holds it": "take command of",
    "role hand-over: tech lead, comms lead, SME": "assign roles in",
    "update": "post status updates for",
    "note": "add notes to",
    "decision": "record decisions for",
    "run steps": "run agent steps for",
    "postmortem write/export": "write or export the postmortem of",
    "action items confirm/edit": "confirm or edit the action items of",
    "action item done": "mark action items done in",
    "summary (see, share in the war room), step details, status page shown": "see",
    "stats: count private incidents": "count in stats",
    "page the on-call": "page the on-call for",
    "status page publish/edit": "publish to the status page for",
    "private incident: status page publish, tickets": "send outside the war room the text of",
}


def not_allowed(who: str, action: str, incident_id: str) -> str:
    return f":no_entry: Only {who} can {ACCESS_VERBS.get(action, action)} {incident_id}."


def private_incident(incident_id: str) -> str:
    return (
        f":lock: {incident_id} is private: only its war-room members and admins can see or change it. "
        "Ask its incident commander to invite you."
    )


def bot_cannot_command() -> str:
    return ":no_entry: Incident command goes to a person, not to me. Pick the person who will run the incident."


def private_incident_line(incident_id: str, severity: str) -> str:
    return f":lock: *{incident_id}* {severity} · private incident"


def hidden_private_actions(count: int) -> str:
    return f":lock: {count} action items of private incidents are not shown."


def changed_meanwhile(incident_id: str) -> str:
    return f":information_source: {incident_id} was resolved or reopened a moment ago; look at its card and try again."


# --- limits (bot/flows/limits.py) ---
def declare_rate_limited(limit: int) -> str:
    return (
        f":no_entry: You have declared {limit} incidents in the last minute, the most one person may. "
        "Nothing new was declared; try again in a minute, or use an open incident (`/incident list`)."
    )


def steps_cooling_down(label: str, incident_id: str, seconds_left: int) -> str:
    minutes = max(1, -(-seconds_left // 60))
    return (
        f":hourglass: `{label}` was asked for on {incident_id} a moment ago; "
        f"it can run again in {minutes} minute{'s' if minutes != 1 else ''}. Its results are in the war room."
    )


def alert_cap_reached(reason: str, cap: int) -> str:
    return (
        f"{reason}; not declared: this rule already has {cap} open incidents from alerts, the most it may open. "
        "Declare from here if this is a separate incident."
    )


def export_withheld(exporter: str, incident_id: str) -> str:
    return f"not to {exporter.capitalize()}: {incident_id} is private"


def reminder_undelivered(incident_id: str, number: int, owner: str, error: str, attempts: int) -> str:
    return (
        f":warning: I could not deliver the reminder for action item {incident_id} #{number} to <@{owner}> "
        f"({attempts} tries; Slack said `{error}`). I keep trying; please tell them."
    )


def postmortem_reminder_undelivered(incident_id: str, commander: str, error: str) -> str:
    return (
        f":alarm_clock: <@{commander}>: *{incident_id}* was resolved 36 hours ago and has no postmortem yet; "
        f"the goal is 48 hours. Type `/incident postmortem` here. (I could not send this by DM: `{error}`.)"
    )


def war_room_lost(incident_id: str, error: str) -> str:
    why = {
        "is_archived": "was archived",
        "channel_not_found": "was deleted (or I cannot see it)",
        "not_in_channel": "no longer has me in it",
    }.get(error, f"refuses my messages ({error})")
    return (
        f":warning: The war room of *{incident_id}* {why}, so I stopped the status-update nudges there. "
        "Unarchive it or invite me back (`/invite @incident-commander`), then any `/incident` change in it resumes them."
    )


def more_alerts(count: int) -> str:
    noun = "alert" if count == 1 else "alerts"
    return f"and {count:,} more {noun}"


def alerts_not_listed(count: int) -> str:
    return f":information_source: {more_alerts(count)} in this group are not listed (too many to show)."


# --- agent answers in short (issue 10 §2, §4) -------------------------------------------------

RUN_TITLE = "AI agent steps"
TRIAGE_SUGGESTION_REASON = "accepted triage's suggestion"


def run_progress(done: int, total: int) -> str:
    return f"AI agent steps: {done} of {total} done"


def no_step_result(title: str) -> str:
    return f":information_source: *{title}* has no stored answer yet; run it first."


def severity_suggested(commander: str | None, suggested: str, declared: str) -> str:
    who = f"<@{commander}>" if commander else "Incident commander"
    return (f":bulb: Triage reads this incident as *{suggested}*; it is declared *{declared}*. "
            f"{who}, accept the change or keep {declared}?")


def severity_kept(actor: str, kept: str, suggested: str) -> str:
    return f":pushpin: <@{actor}> kept *{kept}* (triage suggested {suggested})."


def severity_accepted(actor: str, suggested: str) -> str:
    return f":white_check_mark: <@{actor}> accepted triage's *{suggested}*."


def summary_shared(actor: str) -> str:
    return f"Catch-up shared by <@{actor}>"


# --- beyond the war room (issue 12): status page, paging, tickets, bridge ---


def vendor_failed(system: str, doing: str, reason: str) -> str:
    return (f":warning: {system} failed ({doing}): {reason}. The incident goes on; "
            f"I will not repeat this for {system} for an hour.")


def not_configured(what: str, settings: str) -> str:
    return f"{what} is not configured (set {settings})."


def only_comms_or_ic(incident_id: str) -> str:
    return f"Only the comms lead or the incident commander of {incident_id} may publish to the status page."


def status_published(actor: str, status: str, url: str, created: bool) -> str:
    verb = "published" if created else "updated"
    return f":mega: <@{actor}> {verb} the status page: _{status}_ · {link(url, 'public incident')}"


def status_live(name: str, status: str, impact: str, url: str) -> str:
    return f"Live on the status page: *{name}* · _{status}_ · impact {impact} · {link(url, 'open')}"


def status_not_live(has_draft: bool) -> str:
    more = " A draft is waiting for *Publish*." if has_draft else " The comms step (`/incident run comms`) drafts one."
    return "Nothing is live on the status page for this incident." + more


def no_status_draft() -> str:
    return "There is no status-page draft for this incident yet; run `/incident run comms` first."


def paged(actor: str | None, target: str, system: str) -> str:
    who = f"<@{actor}>" if actor else "I"
    return f":rotating_light: {who} paged {target or 'the on-call'} through {system}."


def page_resolved(count: int) -> str:
    return f":white_check_mark: Resolved {count} page{'s' if count != 1 else ''} with the incident."


def already_paged(target: str) -> str:
    return f"{target or 'The on-call'} is already paged for this incident."


def tickets_opened(lines: list[str]) -> str:
    return ":ticket: Tickets for the action items:\n" + "\n".join(lines)


def ticket_closed_elsewhere(number: int, key: str, system: str) -> str:
    return f":white_check_mark: Action item {number} is done: {key} was closed in {system}."


def tickets_held_private(incident_id: str, system: str) -> str:
    return (f":lock: No {system} tickets were opened: {incident_id} is private, and its action items "
            f"leave the war room only when the incident commander clicks *Open tickets*.")


def private_page_summary(incident_id: str, severity: str) -> str:
    """What a pager hears of a private incident: no title, no description."""
    return f"{incident_id} {severity}: private incident (details in its Slack war room)"


def stats_private_left_out(count: int) -> str:
    return f"_{count} private incidents are left out (admins see them)._"


# --- the escaping choke point (issue 8 §4) ------------------------------------------------------
# Every sentence above is Slack mrkdwn, and every argument it is given may be someone's text (a
# title, a reason, an alert summary, a deploy note). Rather than trust each f-string to remember,
# each function here escapes all its string arguments on the way in (kit.escape; markup the bot
# means, such as a mention built by kit.person or a date from slack_time, is a kit.Mrkdwn and
# passes as it is) and marks what it returns as Mrkdwn. `alert_title` builds a title (stored
# raw) and `clock_time` a time, not sentences, so they are left out; a parameter named `url` is
# validated by kit.link instead.

_NOT_SENTENCES = frozenset({"alert_title", "clock_time"})
_URL_PARAMETERS = frozenset({"url"})  # validated by kit.link, never escaped


def _escaping(function):
    import functools
    import inspect

    signature = inspect.signature(function)

    @functools.wraps(function)
    def sentence(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        for name, value in bound.arguments.items():
            if isinstance(value, str) and name not in _URL_PARAMETERS:
                bound.arguments[name] = escape(value)
        return Mrkdwn(function(*bound.args, **bound.kwargs))

    return sentence


def _escape_every_sentence() -> None:
    import inspect

    module = globals()
    for name, value in list(module.items()):
        if inspect.isfunction(value) and value.__module__ == __name__ and not name.startswith("_") \
                and name not in _NOT_SENTENCES:
            module[name] = _escaping(value)


_escape_every_sentence()
