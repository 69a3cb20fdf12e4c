"""Every sentence the bot says, in one place so it reads consistently and can be translated."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.incident.cadence import format_duration  # re-exported: Slack text reads `text.format_duration`
from bot.ui.kit import Mrkdwn, escape, link
from fluent.runtime.types import fluent_number

from i18n import t, times

# The words are in the catalogue: i18n/locales/*/text-*.ftl (help.ftl, grammar.ftl for the help and
# the grammar's answers). `t(key)` writes in the current locale: the reader's inside `reading_in`,
# else INCIDENT_LOCALE.


# Words that were module constants are computed at each use (the locale is chosen at run time,
# per reader inside `reading_in`): `text.STORE_UNAVAILABLE` reads the catalogue through
# `__getattr__` below.
_CONSTANT_KEYS = {
    "STORE_UNAVAILABLE": "text-store-unavailable",
    "NOT_IN_WAR_ROOM": "text-not-in-war-room",
    "TRIAGE_EXPIRED": "text-triage-expired",
    "RUN_TITLE": "text-run-title",
    "TRIAGE_SUGGESTION_REASON": "text-triage-suggestion-reason",
}


def __getattr__(name: str) -> str:
    if name in _CONSTANT_KEYS:
        return t(_CONSTANT_KEYS[name])
    if name == "INTERNAL_ERROR":  # a template: callers fill `{ref}` with str.format
        return t("text-internal-error", ref="{ref}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _n(number: int, grouping: bool = False):
    """A count as the English text wrote it (2900, or 2,900 with `grouping`) that still picks the
    plural form. Beyond what Babel's decimal arithmetic formats, the digits as text (plural
    `other`): a hostile webhook may claim any number of alerts."""
    if abs(number) >= 10**15:
        return f"{number:,}" if grouping else str(number)
    return fluent_number(number, useGrouping=grouping)


def internal_error(ref: str) -> str:
    return t("text-internal-error", ref=ref)


def slack_error(method: str, error: str) -> str:
    return t("text-slack-error", method=method, error=error)


def declaring(title: str) -> str:
    return t("text-declaring", title=title)


def war_room_ready(incident_id: str, channel_id: str) -> str:
    return t("text-war-room-ready", incident=incident_id, channel=channel_id)


def declare_failed(incident_id: str, reason: str, channel_id: str) -> str:
    return t("text-declare-failed", incident=incident_id, reason=reason, channel=channel_id)


def broadcast_declared(incident_id: str, severity: str, title: str, channel_id: str) -> str:
    return t("text-broadcast-declared", incident=incident_id, severity=severity, title=title, channel=channel_id)


def broadcast_declared_private(incident_id: str, severity: str) -> str:
    return t("text-broadcast-declared-private", incident=incident_id, severity=severity)


def broadcast_resolved(incident_id: str, title: str, took: str) -> str:
    return t("text-broadcast-resolved", incident=incident_id, title=title, took=took)


def role_assigned(actor: str, user: str, role_label: str, previous: str | None) -> str:
    if previous and previous != user:
        return t("text-role-handed", actor=actor, role=role_label, previous=previous, user=user)
    return t("text-role-assigned", actor=actor, user=user, role=role_label)


def _reason(reason: str) -> str:
    return t("text-reason-tail", reason=reason) if reason else ""


def status_changed(actor: str, old: str, new: str, reason: str) -> str:
    return t("text-status-changed", actor=actor, old=old, new=new, why=_reason(reason))


def severity_changed(actor: str, old: str, new: str, reason: str) -> str:
    return t("text-severity-changed", actor=actor, old=old, new=new, why=_reason(reason))


def resolved(actor: str, took: str, summary: str) -> str:
    tail = f"\n>{summary}" if summary else ""
    return t("text-resolved", actor=actor, took=took) + tail


def reopened(actor: str, status: str) -> str:
    return t("text-reopened", actor=actor, status=status)


def already(what: str) -> str:
    return t("text-already", what=what)


def already_resolved() -> str:
    return t("text-already", what=t("text-state-resolved"))


def already_done() -> str:
    return t("text-already", what=t("text-state-done"))


def already_holds(user_id: str, role_label: str) -> str:
    return t("text-already-holds", user=user_id, role=role_label)


def user_not_found(user_id: str) -> str:
    return t("text-user-not-found", user=user_id)


def no_open_incidents() -> str:
    return t("text-no-open-incidents")


def slack_time(at: datetime) -> str:
    """A Slack date token: each reader sees their own time zone; the fallback is INCIDENT_TIMEZONE."""
    return times.slack_time(at)


def clock_time(at: datetime) -> str:
    return times.clock_time(at, pattern="%H:%M:%S")


def update_on_resolved(incident_id: str) -> str:
    return t("text-update-on-resolved", incident=incident_id)


def status_update_fallback(incident_id: str, what: str) -> str:
    return t("text-status-update-fallback", incident=incident_id, what=what)


def nudge_fallback(incident_id: str, stage: int) -> str:
    if stage > 1:
        return t("text-nudge-fallback-overdue", incident=incident_id)
    return t("text-nudge-fallback-due", incident=incident_id)


def nudge(incident_id: str, who: str, cadence: str) -> str:
    return t("text-nudge", incident=incident_id, who=who, cadence=cadence)


def escalation(incident_id: str, who: str, overdue: str, due_at: str) -> str:
    return t("text-escalation", incident=incident_id, who=who, overdue=overdue, due_at=due_at)


def steps_busy(steps: list[str]) -> str:
    return t("text-steps-busy", steps=t("text-list-separator").join(steps))


def steps_queued(label: str, count: int) -> str:
    return t("text-steps-queued", label=label, count=_n(count))


def step_running(title: str) -> str:
    return t("text-step-running", title=title)


def step_post_failed(title: str, error: str) -> str:
    return t("text-step-post-failed", title=title, error=error)


def step_failed(step: str) -> str:
    return t("text-step-failed", step=step)


# --- alert intake (issue 4) ----------------------------------------------------------------


def alert_title(name: str, summary: str, more: int) -> str:
    title = name if not summary or summary == name else f"{name}: {summary}"
    return title + (t("text-alert-title-more", more=_n(more)) if more else "")


def alert_declared(count: int, source: str, reason: str, declared_by: str | None) -> str:
    if declared_by:
        return t("text-alert-declared-by", user=declared_by, count=_n(count), source=source, reason=reason)
    return t("text-alert-declared-automatically", count=_n(count), source=source, reason=reason)


def alert_firing(name: str, summary: str, again: bool) -> str:
    if again:
        return t("text-alert-firing-again", name=name, summary=summary)
    return t("text-alert-firing-also", name=name, summary=summary)


def alert_resolved(name: str, service: str | None, took: str | None) -> str:
    where = t("text-alert-resolved-service", service=service) if service else ""
    if took:
        return t("text-alert-resolved-after", name=name, where=where, took=took)
    return t("text-alert-resolved", name=name, where=where)


def all_alerts_resolved(incident_id: str, count: int) -> str:
    return t("text-all-alerts-resolved", incident=incident_id, count=_n(count))


def triage_fallback(name: str, summary: str) -> str:
    return t("text-triage-fallback", title=alert_title(name, summary, 0))


def triage_reason(reason: str, severity: str) -> str:
    return t("text-triage-reason", reason=reason, severity=severity)


def triage_declared(incident_id: str, channel_id: str | None, user_id: str) -> str:
    room = t("text-triage-declared-room", channel=channel_id) if channel_id else ""
    return t("text-triage-declared", user=user_id, incident=incident_id, room=room)


def triage_already(incident_id: str, channel_id: str | None) -> str:
    if channel_id:
        return t("text-triage-already-room", incident=incident_id, channel=channel_id)
    return t("text-triage-already", incident=incident_id)


def triage_busy() -> str:
    return t("text-triage-busy")


def triage_resolved(name: str) -> str:
    return t("text-triage-resolved", name=name)


def deploy_noted(service: str, version: str, who: str, url: str) -> str:
    by = t("text-deploy-by", who=who) if who else ""
    where = t("text-deploy-where", link=link(url, t("text-deploy-details"))) if url else ""
    return t("text-deploy-noted", service=service, version=version, by=by, where=where)


def decision_recorded(actor: str, what: str, why: str) -> str:
    because = "\n>" + t("text-decision-why", why=why) if why else ""
    return t("text-decision-recorded", actor=actor, what=what) + because


def note_recorded(actor: str, note: str) -> str:
    return t("text-note-recorded", actor=actor, note=note)


def capture_failed(error: str) -> str:
    return t("text-capture-failed", error=error)


def postmortem_ready(incident_id: str, first: bool, exported: list[str]) -> str:
    where = t("text-postmortem-also-published", where=t("text-list-separator").join(exported)) if exported else ""
    if first:
        return t("text-postmortem-written", incident=incident_id, where=where)
    return t("text-postmortem-updated", incident=incident_id, where=where)


def actions_confirmed(count: int) -> str:
    return t("text-actions-confirmed", count=_n(count))


def no_such_action(incident_id: str, number: int) -> str:
    return t("text-no-such-action", incident=incident_id, number=str(number))


def action_done(actor: str, incident_id: str, number: int) -> str:
    return t("text-action-done", actor=actor, incident=incident_id, number=str(number))


def action_reminder(incident_id: str, item, stage: str) -> str:
    key = "text-action-reminder-today" if stage == "due" else "text-action-reminder-tomorrow"
    return t(key, incident=incident_id, number=str(item.number), description=escape(item.description))


def postmortem_reminder(incident_id: str, channel_id: str | None) -> str:
    if channel_id:
        return t("text-postmortem-reminder-in", incident=incident_id, channel=channel_id)
    return t("text-postmortem-reminder", incident=incident_id)


def no_open_actions() -> str:
    return t("text-no-open-actions")


def action_form_errors_owner() -> str:
    return t("text-action-form-owner")


def action_form_errors_due() -> str:
    return t("text-action-form-due")


def action_form_errors_past() -> str:
    return t("text-action-form-past")


def only_the_commander(what: str, incident_id: str, commander: str) -> str:
    return t("text-only-the-commander", what=what, incident=incident_id, commander=commander)


def declare_resumed(incident_id: str, channel_id: str) -> str:
    return t("text-declare-resumed", incident=incident_id, channel=channel_id)


def postmortem_upload_failed(error: str) -> str:
    return t("text-postmortem-upload-failed", error=error)


def private_alert_needs_a_person(reason: str) -> str:
    return t("text-private-alert-needs-a-person", reason=reason)


# --- who may do what (bot/incident/access.py) ---
# One whole sentence per action: word order differs between languages.
ACCESS_SENTENCES = {
    "declare": "text-not-allowed-declare",
    "list/status/timeline/actions of an incident": "text-not-allowed-see",
    "status (investigating, identified, monitoring)": "text-not-allowed-status",
    "severity": "text-not-allowed-severity",
    "resolve": "text-not-allowed-resolve",
    "reopen": "text-not-allowed-reopen",
    "role hand-over: IC": "text-not-allowed-hand-over-ic",
    "take IC while nobody holds it": "text-not-allowed-take-ic",
    "role hand-over: tech lead, comms lead, SME": "text-not-allowed-assign-roles",
    "update": "text-not-allowed-update",
    "note": "text-not-allowed-note",
    "decision": "text-not-allowed-decision",
    "run steps": "text-not-allowed-run-steps",
    "postmortem write/export": "text-not-allowed-postmortem",
    "action items confirm/edit": "text-not-allowed-actions-edit",
    "action item done": "text-not-allowed-action-done",
    "summary (see, share in the war room), step details, status page shown": "text-not-allowed-see",
    "stats: count private incidents": "text-not-allowed-count-private",
    "page the on-call": "text-not-allowed-page",
    "status page publish/edit": "text-not-allowed-status-page",
    "private incident: status page publish, tickets": "text-not-allowed-send-private",
}


def not_allowed(who: str, action: str, incident_id: str) -> str:
    key = ACCESS_SENTENCES.get(action)
    if key is None:
        return t("text-not-allowed-other", who=who, action=action, incident=incident_id)
    return t(key, who=who, incident=incident_id)


def private_incident(incident_id: str) -> str:
    return t("text-private-incident", incident=incident_id)


def bot_cannot_command() -> str:
    return t("text-bot-cannot-command")


def private_incident_line(incident_id: str, severity: str) -> str:
    return t("text-private-incident-line", incident=incident_id, severity=severity)


def hidden_private_actions(count: int) -> str:
    return t("text-hidden-private-actions", count=_n(count))


def changed_meanwhile(incident_id: str) -> str:
    return t("text-changed-meanwhile", incident=incident_id)


# --- limits (bot/flows/limits.py) ---
def declare_rate_limited(limit: int) -> str:
    return t("text-declare-rate-limited", limit=_n(limit))


def steps_cooling_down(label: str, incident_id: str, seconds_left: int) -> str:
    minutes = max(1, -(-seconds_left // 60))
    return t("text-steps-cooling-down", label=label, incident=incident_id, minutes=_n(minutes))


def alert_cap_reached(reason: str, cap: int) -> str:
    return t("text-alert-cap-reached", reason=reason, cap=_n(cap))


def export_withheld(exporter: str, incident_id: str) -> str:
    return t("text-export-withheld", exporter=exporter.capitalize(), incident=incident_id)


def reminder_undelivered(incident_id: str, number: int, owner: str, error: str, attempts: int) -> str:
    return t("text-reminder-undelivered", incident=incident_id, number=str(number), owner=owner, error=error,
             attempts=_n(attempts))


def postmortem_reminder_undelivered(incident_id: str, commander: str, error: str) -> str:
    return t("text-postmortem-reminder-undelivered", incident=incident_id, commander=commander, error=error)


_WAR_ROOM_LOST = {
    "is_archived": "text-war-room-lost-archived",
    "channel_not_found": "text-war-room-lost-deleted",
    "not_in_channel": "text-war-room-lost-removed",
}


def war_room_lost(incident_id: str, error: str) -> str:
    key = _WAR_ROOM_LOST.get(error)
    why = t(key) if key else t("text-war-room-lost-refuses", error=error)
    return t("text-war-room-lost", incident=incident_id, why=why)


def more_alerts(count: int) -> str:
    return t("text-more-alerts", count=_n(count, grouping=True))


def alerts_not_listed(count: int) -> str:
    return t("text-alerts-not-listed", more=more_alerts(count))


# --- agent answers in short (issue 10 §2, §4) -------------------------------------------------


def run_progress(done: int, total: int) -> str:
    return t("text-run-progress", done=_n(done), total=_n(total))


def no_step_result(title: str) -> str:
    return t("text-no-step-result", title=title)


def severity_suggested(commander: str | None, suggested: str, declared: str) -> str:
    who = f"<@{commander}>" if commander else t("text-incident-commander")
    return t("text-severity-suggested", who=who, suggested=suggested, declared=declared)


def severity_kept(actor: str, kept: str, suggested: str) -> str:
    return t("text-severity-kept", actor=actor, kept=kept, suggested=suggested)


def severity_accepted(actor: str, suggested: str) -> str:
    return t("text-severity-accepted", actor=actor, suggested=suggested)


def summary_shared(actor: str) -> str:
    return t("text-summary-shared", actor=actor)


# --- beyond the war room (issue 12): status page, paging, tickets, bridge ---


def vendor_failed(system: str, doing: str, reason: str) -> str:
    return t("text-vendor-failed", system=system, doing=doing, reason=reason)


def not_configured(what: str, settings: str) -> str:
    return t("text-not-configured", what=what, settings=settings)


def only_comms_or_ic(incident_id: str) -> str:
    return t("text-only-comms-or-ic", incident=incident_id)


def status_published(actor: str, status: str, url: str, created: bool) -> str:
    key = "text-status-published" if created else "text-status-page-updated"
    return t(key, actor=actor, status=status, link=link(url, t("text-public-incident")))


def status_live(name: str, status: str, impact: str, url: str) -> str:
    return t("text-status-live", name=name, status=status, impact=impact, link=link(url, t("text-open-link")))


def status_not_live(has_draft: bool) -> str:
    return t("text-status-not-live-draft") if has_draft else t("text-status-not-live")


def no_status_draft() -> str:
    return t("text-no-status-draft")


def paged(actor: str | None, target: str, system: str) -> str:
    target = target or t("text-the-on-call")
    if actor:
        return t("text-paged-by", actor=actor, target=target, system=system)
    return t("text-paged", target=target, system=system)


def page_resolved(count: int) -> str:
    return t("text-page-resolved", count=_n(count))


def already_paged(target: str) -> str:
    return t("text-already-paged", target=target or t("text-the-on-call-subject"))


def tickets_opened(lines: list[str]) -> str:
    return t("text-tickets-opened") + "\n" + "\n".join(lines)


def ticket_closed_elsewhere(number: int, key: str, system: str) -> str:
    return t("text-ticket-closed-elsewhere", number=str(number), ticket=key, system=system)


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


class Sentence(Mrkdwn):
    """A sentence that can be said again in another locale: a refusal built in the war room's
    language is re-written in the asker's where it is answered (bot/commands/dispatch.py)."""

    def again(self) -> Mrkdwn:
        """The same sentence, same arguments, in the current locale."""
        remake = getattr(self, "_remake", None)
        return Mrkdwn(remake()) if remake else self


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
        said = Sentence(function(*bound.args, **bound.kwargs))
        said._remake = functools.partial(function, *bound.args, **bound.kwargs)
        return said

    return sentence


def _escape_every_sentence() -> None:
    import inspect

    module = globals()
    for name, value in list(module.items()):
        if inspect.isfunction(value) and value.__module__ == __name__ and not name.startswith("_") \
                and name not in _NOT_SENTENCES:
            module[name] = _escaping(value)


_escape_every_sentence()
