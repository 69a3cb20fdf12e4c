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
    if name in _HOME_KEYS:
        return t(_HOME_KEYS[name])
    if name in _TABLES:
        return {code: t(key) for code, key in _TABLES[name].items()}
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
# as the reason a person reads. The tables name catalogue keys (i18n/locales/*/text2-declare.ftl);
# `text.CREATE_REFUSALS` and the others read them in the current locale through `__getattr__`.
_CREATE_REFUSALS = {
    "restricted_action": "text2-create-restricted-action",
    "user_is_restricted": "text2-create-user-is-restricted",
    "no_permission": "text2-create-no-permission",
    "missing_scope": "text2-create-missing-scope",
    "invalid_name": "text2-create-invalid-name",
    "invalid_name_specials": "text2-create-invalid-name-specials",
    "invalid_name_punctuation": "text2-create-invalid-name-punctuation",
    "invalid_name_maxlength": "text2-create-invalid-name-maxlength",
    "invalid_name_required": "text2-create-invalid-name-required",
    "name_taken": "text2-create-name-taken",
    "team_not_found": "text2-create-team-not-found",
    "invalid_team": "text2-create-team-not-found",
    "is_bot": "text2-create-is-bot",
}
_INVITE_REFUSALS = {
    "user_is_restricted": "text2-invite-user-is-restricted",
    "user_is_ultra_restricted": "text2-invite-user-is-ultra-restricted",
    "ura_max_channels": "text2-invite-ura-max-channels",
    "no_permission": "text2-invite-no-permission",
    "restricted_action": "text2-invite-restricted-action",
    "not_allowed_by_team_policy": "text2-invite-not-allowed-by-team-policy",
    "org_user_not_in_team": "text2-invite-org-user-not-in-team",
    "no_external_invite_permission": "text2-invite-no-external-invite-permission",
    "user_team_not_in_channel": "text2-invite-user-team-not-in-channel",
    "cant_invite": "text2-invite-cant-invite",
    "cant_invite_app_user": "text2-invite-cant-invite-app-user",
    "user_not_found": "text2-invite-user-not-found",
    "user_is_bot": "text2-invite-user-is-bot",
    "too_many_users": "text2-invite-too-many-users",
    "failed_for_some_users": "text2-invite-failed-for-some-users",
}
_DECLARE_STEPS = {
    "channel": "text2-step-channel",
    "topic": "text2-step-topic",
    "purpose": "text2-step-purpose",
    "invite": "text2-step-invite",
    "card": "text2-step-card",
    "pin": "text2-step-pin",
}
_DECLARE_STEP_FAILED = {
    "topic": "text2-step-failed-topic",
    "purpose": "text2-step-failed-purpose",
    "invite": "text2-step-failed-invite",
    "card": "text2-step-failed-card",
    "pin": "text2-step-failed-pin",
    "announce": "text2-step-failed-announce",
}
_TABLES = {
    "CREATE_REFUSALS": _CREATE_REFUSALS,
    "INVITE_REFUSALS": _INVITE_REFUSALS,
    "DECLARE_STEPS": _DECLARE_STEPS,
    "DECLARE_STEP_FAILED": _DECLARE_STEP_FAILED,
}


def slack_refusal(method: str, error: str) -> str:
    """Why Slack said no, as a person reads it (a documented error we know, else the code)."""
    table = {"conversations.create": _CREATE_REFUSALS, "conversations.invite": _INVITE_REFUSALS}.get(method, {})
    code = error.split(" ")[0]
    if code in table:
        return t(table[code])
    if code in ("is_archived", "channel_not_found", "not_in_channel"):
        return t("text2-refusal-channel-gone")
    return t("text2-refusal-slack-answered", error=error)


def declare_not_started(incident_id: str, reason: str) -> str:
    return t("text2-declare-not-started", incident=incident_id, reason=reason)


def declare_incomplete(incident_id: str, channel_id: str, done: list, failed: list) -> str:
    """The war room exists but is not ready: what exists, what failed, and that it is finished
    on the same channel (a declare again would open a second one)."""
    made = t("text2-list-comma").join(t(_DECLARE_STEPS[key]) for key in done)
    went_wrong = t("text2-list-semicolon").join(
        t("text2-step-failed-because", step=_step_failed(key), reason=reason) for key, reason in failed)
    return t("text2-declare-incomplete", incident=incident_id, channel=channel_id, made=made, failed=went_wrong)


def _step_failed(key: str) -> str:
    return t(_DECLARE_STEP_FAILED[key]) if key in _DECLARE_STEP_FAILED else key


def declare_caveats(failed: list, channel_id: str) -> str:
    """What did not happen in a war room that is otherwise ready."""
    lines = [t("text2-caveat-line", step=_step_failed(key), reason=reason) for key, reason in failed]
    if any(key == "invite" for key, _ in failed):
        lines.append(t("text2-caveat-join", channel=channel_id))
    return ":warning: " + t("text2-caveat-joiner").join(line[0].upper() + line[1:] for line in lines)


def declare_paced(seconds: float) -> str:
    return t("text2-declare-paced", seconds=_n(max(1, round(seconds))))


def channel_gone_error(method: str, error: str) -> str:
    """A flow's write refused because the channel is archived, deleted or without the bot: the
    record was already written, so "nothing was changed" would be false."""
    return t("text2-channel-gone-error", method=method, error=error)


# --- App Home, follow, weekly report (issue 16) ---
# HOME_TITLE and the other HOME_* words read the catalogue at each use (`__getattr__`).
_HOME_KEYS = {
    "HOME_TITLE": "text2-home-title",
    "HOME_YOURS": "text2-home-yours",
    "HOME_MEASURES": "text2-home-measures",
    "HOME_NO_ROLES": "text2-home-no-roles",
    "HOME_NO_MY_ROLES": "text2-home-no-my-roles",
    "HOME_NO_ACTIONS": "text2-home-no-actions",
    "HOME_NO_OPEN": "text2-home-no-open",
}


def home_incident_line(emoji: str, incident_id: str, severity: str, status: str, age: str,
                       channel_id: str | None, title: str) -> str:
    room = f"<#{channel_id}>" if channel_id else t("text2-home-room-pending")
    return t("text2-home-incident-line", emoji=emoji, incident=incident_id, severity=severity, status=status,
             age=age, room=room) + f"\n{title}"


def home_role_holder(role: str, user_id: str) -> str:
    return t("text2-home-role-holder", role=role, user=user_id)


def home_my_roles(incident_id: str, roles: str, channel_id: str | None) -> str:
    room = t("text2-home-in-room", channel=channel_id) if channel_id else ""
    return t("text2-home-my-roles", incident=incident_id, roles=roles, room=room)


def home_action_line(incident_id: str, number: int, description: str, due: str, overdue: bool) -> str:
    late = t("text2-home-overdue") if overdue else ""
    return t("text2-home-action-line", incident=incident_id, number=str(number), description=description,
             due=due, late=late)


def home_more_actions(count: int) -> str:
    return t("text2-home-more-actions", count=_n(count))


def home_open_header(count: int) -> str:
    return t("text2-home-open-header", count=_n(count))


def home_more_incidents(count: int, by_severity: str) -> str:
    return t("text2-home-more-incidents", count=_n(count), by_severity=by_severity)


def home_hidden_private(count: int) -> str:
    return t("text2-home-hidden-private", count=_n(count))


def home_action_closed(incident_id: str, number: int) -> str:
    return t("text2-home-action-closed", incident=incident_id, number=str(number))


def home_stats_line(days: int, resolved: int, mtta: str, mtti: str, mttr: str, on_time: str) -> str:
    return t("text2-home-stats-line", resolved=_n(resolved), days=_n(days), mtta=mtta, mtti=mtti, mttr=mttr,
             on_time=on_time)


def following(incident_id: str) -> str:
    return t("text2-following", incident=incident_id)


def unfollowed(incident_id: str) -> str:
    return t("text2-unfollowed", incident=incident_id)


def follower_severity(incident_id: str, title: str, old: str, new: str) -> str:
    return t("text2-follower-severity", incident=incident_id, title=title, old=old, new=new)


def follower_status(incident_id: str, title: str, old: str, new: str) -> str:
    return t("text2-follower-status", incident=incident_id, title=title, old=old, new=new)


def follower_update(incident_id: str, title: str, what: str) -> str:
    return t("text2-follower-update", incident=incident_id, title=title) + f" {what}"


def follower_resolved(incident_id: str, title: str, took: str) -> str:
    return t("text2-follower-resolved", incident=incident_id, title=title, took=took)


def weekly_report_text(since: str, until: str, summary: str) -> str:
    return t("text2-weekly-report-text", since=since, until=until) + f"\n{summary}"


def tickets_held_private(incident_id: str, system: str) -> str:
    return t("text2-tickets-held-private", incident=incident_id, system=system)


def private_page_summary(incident_id: str, severity: str) -> str:
    """What a pager hears of a private incident: no title, no description."""
    return t("text2-private-page-summary", incident=incident_id, severity=severity)


def stats_private_left_out(count: int) -> str:
    return t("text2-stats-private-left-out", count=_n(count))


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
