"""Every sentence the bot says, in one place so it reads consistently and can be translated."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.incident.cadence import format_duration  # re-exported: Slack text reads `text.format_duration`
from bot.ui.kit import Mrkdwn, escape, link
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


def declare_failed(incident_id: str, reason: str, channel_id: str) -> str:
    return (
        f":x: I could not finish the war room of {incident_id}, <#{channel_id}>: {reason}. "
        "The channel stays as it is and nothing was announced; the incident is recorded as failed."
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
        f":arrows_counterclockwise: Declaring *{incident_id}* was interrupted by a restart or by Slack; I finished it. "
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


# --- declaring when Slack refuses part of it (issue 8 §3, §2) ---
# Each documented error of conversations.create and conversations.invite
# (https://api.slack.com/methods/conversations.create, .../conversations.invite, "Errors")
# as the reason a person reads.
CREATE_REFUSALS = {
    "restricted_action": "this workspace lets only some members create channels and the app is not allowed to "
                         "(a workspace admin can change it: Workspace settings → Permissions → Channel management)",
    "user_is_restricted": "the app's account is restricted and may not create channels",
    "no_permission": "the app has no permission to create channels (reinstall it from manifest.yml so it has "
                     "`channels:manage` and `groups:write`)",
    "missing_scope": "the app was installed without `channels:manage`/`groups:write` (reinstall it from manifest.yml)",
    "invalid_name": "Slack refused every channel name I tried",
    "invalid_name_specials": "Slack refused the channel name's characters",
    "invalid_name_punctuation": "Slack refused the channel name's punctuation",
    "invalid_name_maxlength": "the channel name was too long for Slack",
    "invalid_name_required": "Slack got no channel name",
    "name_taken": "every channel name I tried is taken",
    "team_not_found": "Slack could not find this workspace",
    "invalid_team": "Slack could not find this workspace",
    "is_bot": "Slack does not let this app create channels",
}
INVITE_REFUSALS = {
    "user_is_restricted": "that account is a guest, and guests can only be added to channels by an admin",
    "user_is_ultra_restricted": "that account is a single-channel guest, who can only be in the one channel an admin chose",
    "ura_max_channels": "that account is a single-channel guest already in its one channel",
    "no_permission": "the app is not allowed to invite people here (a workspace setting)",
    "restricted_action": "this workspace's settings stop the app from inviting people",
    "not_allowed_by_team_policy": "this workspace's policy stops the app from inviting people",
    "org_user_not_in_team": "that account belongs to the organisation but not to this workspace",
    "no_external_invite_permission": "that account is from another organisation, and the app may not invite external people",
    "user_team_not_in_channel": "that account's workspace is not part of this channel",
    "cant_invite": "Slack does not allow that account to be invited",
    "cant_invite_app_user": "that account is an app, which cannot be invited",
    "user_not_found": "Slack does not know that account",
    "user_is_bot": "that account is a bot",
    "too_many_users": "the channel is full",
    "failed_for_some_users": "Slack refused the invitation",
}
DECLARE_STEPS = {
    "channel": "channel created",
    "topic": "topic set",
    "purpose": "purpose set",
    "invite": "you invited",
    "card": "card posted",
    "pin": "card pinned",
}
DECLARE_STEP_FAILED = {
    "topic": "the topic could not be set",
    "purpose": "the purpose could not be set",
    "invite": "I could not invite you",
    "card": "the incident card could not be posted",
    "pin": "the card could not be pinned",
    "announce": "the broadcast channel could not be told",
}


def slack_refusal(method: str, error: str) -> str:
    """Why Slack said no, as a person reads it (a documented error we know, else the code)."""
    table = {"conversations.create": CREATE_REFUSALS, "conversations.invite": INVITE_REFUSALS}.get(method, {})
    code = error.split(" ")[0]
    if code in table:
        return table[code]
    if code in ("is_archived", "channel_not_found", "not_in_channel"):
        return "the channel is gone or I am no longer in it"
    return f"Slack answered `{error}`"


def declare_not_started(incident_id: str, reason: str) -> str:
    return (
        f":x: I could not open a war room for *{incident_id}*: {reason}. No channel was created "
        "and nothing was announced; declare again once that is fixed."
    )


def declare_incomplete(incident_id: str, channel_id: str, done: list, failed: list) -> str:
    """The war room exists but is not ready: what exists, what failed, and that it is finished
    on the same channel (a declare again would open a second one)."""
    made = ", ".join(DECLARE_STEPS[key] for key in done)
    went_wrong = "; ".join(f"{DECLARE_STEP_FAILED.get(key, key)} ({reason})" for key, reason in failed)
    return (
        f":warning: *{incident_id}* has a war room, <#{channel_id}> ({made}), but {went_wrong}. "
        "I will finish it on that same channel by myself within a few minutes; no need to declare again."
    )


def declare_caveats(failed: list, channel_id: str) -> str:
    """What did not happen in a war room that is otherwise ready."""
    lines = [f"{DECLARE_STEP_FAILED.get(key, key)}: {reason}." for key, reason in failed]
    if any(key == "invite" for key, _ in failed):
        lines.append(f"Open <#{channel_id}> from the channel list to join it, or ask someone there to add you.")
    return ":warning: " + " ".join(line[0].upper() + line[1:] for line in lines)


def declare_paced(seconds: float) -> str:
    return (
        ":hourglass_flowing_sand: Slack is pacing channel creation; your war room will be ready in about "
        f"{max(1, round(seconds))} s."
    )


def channel_gone_error(method: str, error: str) -> str:
    """A flow's write refused because the channel is archived, deleted or without the bot: the
    record was already written, so "nothing was changed" would be false."""
    return (
        f":warning: Slack refused `{method}` ({error}): this channel is archived, deleted or no longer has me. "
        "What I recorded is kept; unarchive it or `/invite @incident-commander` and I post there again."
    )


# --- App Home, follow, weekly report (issue 16) ---

HOME_TITLE = "Incidents at a glance"
HOME_YOURS = "Your roles and action items"
HOME_MEASURES = "Last 90 days"
HOME_NO_ROLES = "_no roles assigned yet_"
HOME_NO_MY_ROLES = "You hold no role in an open incident."
HOME_NO_ACTIONS = "No open action items of yours."
HOME_NO_OPEN = ":white_check_mark: No open incidents."


def home_incident_line(emoji: str, incident_id: str, severity: str, status: str, age: str,
                       channel_id: str | None, title: str) -> str:
    room = f"<#{channel_id}>" if channel_id else "_war room pending_"
    return f"{emoji} *{incident_id}* {severity} · {status} · open {age} · {room}\n{title}"


def home_role_holder(role: str, user_id: str) -> str:
    return f"{role}: <@{user_id}>"


def home_my_roles(incident_id: str, roles: str, channel_id: str | None) -> str:
    room = f" in <#{channel_id}>" if channel_id else ""
    return f"*{incident_id}*: {roles}{room}"


def home_action_line(incident_id: str, number: int, description: str, due: str, overdue: bool) -> str:
    late = " :warning: overdue" if overdue else ""
    return f"*{incident_id} #{number}* {description}\ndue {due}{late}"


def home_more_actions(count: int) -> str:
    return f"and {count} more: `/incident actions` lists them all."


def home_open_header(count: int) -> str:
    return f"Open incidents ({count})"


def home_more_incidents(count: int, by_severity: str) -> str:
    return f"and {count} more ({by_severity}): `/incident list` lists them all."


def home_hidden_private(count: int) -> str:
    return f":lock: {count} private incidents you are not in are not shown."


def home_action_closed(incident_id: str, number: int) -> str:
    return f":white_check_mark: Action item {incident_id} #{number} is done."


def home_stats_line(days: int, resolved: int, mtta: str, mtti: str, mttr: str, on_time: str) -> str:
    return (f"{resolved} resolved in {days} days · MTTA {mtta} · time to identify {mtti} · "
            f"MTTR {mttr} · updates on time {on_time}")


def following(incident_id: str) -> str:
    return f":bell: You follow {incident_id}: I will message you when its severity or status changes, at each status update and when it is resolved. *Follow* again to stop."


def unfollowed(incident_id: str) -> str:
    return f":no_bell: You no longer follow {incident_id}."


def follower_severity(incident_id: str, title: str, old: str, new: str) -> str:
    return f":bell: {incident_id} ({title}): severity {old} → {new}."


def follower_status(incident_id: str, title: str, old: str, new: str) -> str:
    return f":bell: {incident_id} ({title}): status {old} → {new}."


def follower_update(incident_id: str, title: str, what: str) -> str:
    return f":bell: {incident_id} ({title}) status update: {what}"


def follower_resolved(incident_id: str, title: str, took: str) -> str:
    return f":bell: {incident_id} ({title}) is resolved after {took}."


def weekly_report_text(since: str, until: str, summary: str) -> str:
    return f":bar_chart: *Incident report {since} – {until}*\n{summary}"
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
