"""Alerts in: declare, attach, triage or ignore; deploys recorded.

`receive_alerts` is the one entry for a batch of alerts of one group (an Alertmanager
notification, a PagerDuty event):

1. the group (Alertmanager groupKey, alert fingerprints, PagerDuty incident id) already belongs to
   an open incident: new alert states are recorded on it, noted on its timeline and posted in its
   war room; states already seen (a retried delivery, a repeat notification) change nothing;
2. otherwise the routing rules decide: declare (claiming the group first, so a concurrent
   delivery of the same group waits and attaches instead of declaring again), post to the
   triage channel with a *Declare incident* button, or ignore;
3. a group that only resolves is noted under its triage message, if it had one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from agents.context import MAX_TITLE
from bot.flows import limits
from bot.flows.context import FlowContext
from bot.flows.declare import DeclareStopped, declare_incident
from bot.incident.kinds import IncidentType
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.intake.models import Alert, DeployEvent
from bot.intake.routing import Decision, decide_group, parse_routes
from bot.platform.alert_store import (
    CLAIM_SECONDS,
    PENDING,
    AlertStore,
    StoredDeploy,
    TriageRecord,
    deploy_json,
    group_keys,
    stored_deploy,
)
from bot.settings import Settings
from bot.slack.gateway import SlackFailure
from bot.ui import blocks, text
from i18n import t
from bot.ui.reply import Reply

log = logging.getLogger(__name__)

# How long a delivery waits for a concurrent one that is declaring the same group.
PENDING_WAIT_SECONDS = 10.0
PENDING_POLL_SECONDS = 0.05
MAX_DESCRIPTION = 2000
DEPLOY_CLAIM_SECONDS = 7 * 24 * 3600

_bot_users: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


@dataclass
class IntakeOutcome:
    """What a delivery led to. `action`: declared | attached | nothing_new | triaged |
    already_triaged | triage_skipped | ignored | resolved_noted | no_incident | pending."""

    action: str
    incident_id: str | None = None
    channel_id: str | None = None
    triage_id: str | None = None
    new_alerts: int = 0
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def _keys_of(alerts: list[Alert]) -> list[str]:
    keys: list[str] = []
    for alert in alerts:
        for key in group_keys(alert):
            if key not in keys:
                keys.append(key)
    return keys


async def _open_incident_for(
    ctx: FlowContext, store: AlertStore, keys: list[str]
) -> Incident | None:
    """The open incident any of `keys` points at; stale pointers (closed incidents) are cleared."""
    for key, value in zip(keys, await store.lookup(keys), strict=True):
        if not value or value.startswith(PENDING):
            continue
        incident = await ctx.store.get(value)
        if incident is not None and incident.is_open:
            return incident
        await store.release(key, value)  # the incident is over: the group may declare anew
    return None


async def _wait_for_incident(ctx: FlowContext, store: AlertStore, key: str) -> Incident | None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PENDING_WAIT_SECONDS
    while loop.time() < deadline:
        (value,) = await store.lookup([key])
        if value is None:
            return None  # the claimant gave up (its declare failed): nobody holds the group
        if not value.startswith(PENDING):
            incident = await ctx.store.get(value)
            return incident if incident is not None and incident.is_open else None
        await asyncio.sleep(PENDING_POLL_SECONDS)
    return None


def routes_of(settings: Settings):
    return parse_routes(settings.alert_routes)


async def receive_alerts(ctx: FlowContext, alerts: list[Alert], omitted: int = 0) -> IntakeOutcome:
    """Handle one delivery of alerts of one group. See the module docstring. `omitted`: alerts of
    the group not in `alerts` (beyond ALERT_MAX_ALERTS, or truncated by Alertmanager): noted."""
    store = ctx.alerts
    keys = _keys_of(alerts)
    incident = await _open_incident_for(ctx, store, keys)
    if incident is not None:
        return await _attach(ctx, store, incident, alerts, keys, omitted)
    firing = [a for a in alerts if a.status == "firing"]
    if not firing:
        return await _resolved_without_incident(ctx, store, alerts, keys)
    decision = decide_group([a.labels for a in firing], routes_of(ctx.settings))
    if decision.action == "ignore":
        log.info(
            "alert ignored by routing", extra={"alert": firing[0].name, "reason": decision.reason}
        )
        return IntakeOutcome("ignored", reason=decision.reason)
    if decision.action == "declare" and _nobody_could_enter(ctx, firing):
        # A private war room declared by the bot alone has no member but the bot: a person
        # declares it from the triage message instead (and is its first member).
        log.warning("private alert incident sent to triage: ALERT_DECLARED_BY is not set",
                    extra={"alert": firing[0].name})
        decision = Decision("triage", decision.severity, text.private_alert_needs_a_person(decision.reason))
    if decision.action == "triage":
        return await _triage(ctx, store, firing, keys, decision, omitted)
    assert decision.severity is not None
    return await _declare_group(ctx, store, alerts, keys, decision.severity, decision.reason, None, omitted, capped=decision)


async def _take_rule_slot(ctx: FlowContext, store: AlertStore, rule: str, cap: int) -> str | None:
    """A slot under the rule's cap on open alert-declared incidents; closed incidents (and
    pending slots of a declare that died) give theirs back first."""
    now = ctx.clock().timestamp()
    stale = []
    for member in await store.rule_slots(rule):
        if member.startswith(PENDING):
            if now - int(member.split(":")[1]) > CLAIM_SECONDS:
                stale.append(member)
            continue
        incident = await ctx.store.get(member)
        if incident is None or not incident.is_open:
            stale.append(member)
    await store.free_rule_slots(rule, *stale)
    return await store.take_rule_slot(rule, cap, now)


def _nobody_could_enter(ctx: FlowContext, firing: list[Alert]) -> bool:
    """True when declaring would make a private war room whose only member is the bot."""
    return _incident_type(firing) is IncidentType.SECURITY_INCIDENT and not ctx.settings.alert_declared_by


async def _bot_user(ctx: FlowContext) -> str:
    if ctx.settings.alert_declared_by:
        return ctx.settings.alert_declared_by
    user = _bot_users.get(ctx.slack)
    if user is None:
        user = await ctx.slack.bot_user_id()
        _bot_users[ctx.slack] = user
    return user


def _title(firing: list[Alert]) -> str:
    first = firing[0]
    title = text.alert_title(first.name, first.summary, len(firing) - 1)
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def _description(firing: list[Alert]) -> str:
    first = firing[0]
    parts = []
    description = first.annotations.get("description")
    if description:
        parts.append(description)
    elif first.summary != first.name:
        parts.append(first.summary)
    labels = " ".join(f"{k}={v}" for k, v in sorted(first.labels.items()))
    parts.append(t("text-alert-description", name=first.name, source=first.source, labels=labels))
    if first.url:
        parts.append(first.url)
    joined = "\n".join(parts)
    return joined if len(joined) <= MAX_DESCRIPTION else joined[: MAX_DESCRIPTION - 1] + "…"


def _incident_type(firing: list[Alert]) -> IncidentType | None:
    for alert in firing:
        value = alert.labels.get("incident_type")
        if value in IncidentType._value2member_map_:
            return IncidentType(value)
    return None


def _event(ctx: FlowContext, alert: Alert) -> TimelineEvent:
    kind = EventKind.ALERT_FIRING if alert.status == "firing" else EventKind.ALERT_RESOLVED
    verb = "firing" if alert.status == "firing" else "resolved"
    return TimelineEvent(
        at=ctx.clock(),
        kind=kind,
        actor=None,
        text=f"alert {alert.name} {verb}: {alert.summary}"[:500],
        data={
            "source": alert.source,
            "fingerprint": alert.fingerprint,
            "labels": alert.labels,
            "starts_at": alert.starts_at.isoformat() if alert.starts_at else None,
            "url": alert.url,
        },
    )


async def _declare_group(
    ctx: FlowContext,
    store: AlertStore,
    alerts: list[Alert],
    keys: list[str],
    severity: Severity,
    reason: str,
    declared_by: str | None,
    omitted: int = 0,
    capped: Decision | None = None,
) -> IntakeOutcome:
    """`capped`: the routing decision whose rule's cap on open incidents applies (alerts, not
    a person's click); over the cap the group goes to triage instead."""
    primary = keys[0]
    token = await store.claim(primary)
    if token is None:  # another delivery (or click) is declaring this group: wait and attach
        incident = await _wait_for_incident(ctx, store, primary)
        if incident is None:
            return IntakeOutcome("pending", reason="another delivery is declaring this alert group")
        return await _attach(ctx, store, incident, alerts, keys, omitted)
    firing = [a for a in alerts if a.status == "firing"] or alerts
    cap = ctx.settings.alert_max_open_per_rule if capped else 0
    rule = capped.reason.partition(":")[0] if capped else ""  # "rule 2", as routing names it
    slot = await _take_rule_slot(ctx, store, rule, cap) if cap else None
    if cap and slot is None:
        await store.release(primary, token)
        assert capped is not None
        return await _triage(ctx, store, firing, keys, Decision("triage", severity, text.alert_cap_reached(capped.reason, cap)), omitted)
    try:
        incident = await declare_incident(
            ctx,
            title=_title(firing),
            severity=severity,
            declared_by=declared_by or await _bot_user(ctx),
            incident_type=_incident_type(firing),
            description=_description(firing),
        )
    except DeclareStopped as stopped:
        if not stopped.channel_exists:
            await store.release(primary, token)
            if slot:
                await store.free_rule_slots(rule, slot)
            raise
        # The war room exists and the recovery sweep finishes it on that channel: the group
        # belongs to it, so a retried delivery attaches instead of opening a second channel.
        incident = stopped.incident
    except BaseException:
        await store.release(primary, token)
        if slot:
            await store.free_rule_slots(rule, slot)
        raise
    if slot:
        await store.settle_rule_slot(rule, slot, incident.id)
    await store.bind(keys, incident.id, alerts)
    for alert in alerts:
        await ctx.store.append_event(incident.id, _event(ctx, alert))
    log.info(
        "incident declared from alerts", extra={"incident_id": incident.id, "alerts": len(alerts)}
    )
    if incident.channel_id:
        intro = text.alert_declared(len(firing), firing[0].source, reason, declared_by)
        try:
            await ctx.slack.post(incident.channel_id, intro, blocks.alert_blocks(firing, intro, omitted))
        except SlackFailure as failure:  # the incident stands; the alert list is in its record
            log.warning(
                "alert summary not posted",
                extra={"incident_id": incident.id, "error": failure.error},
            )
    return IntakeOutcome(
        "declared", incident.id, incident.channel_id, new_alerts=len(alerts), reason=reason
    )


async def _attach(
    ctx: FlowContext, store: AlertStore, incident: Incident, alerts: list[Alert], keys: list[str],
    omitted: int = 0,
) -> IntakeOutcome:
    fresh = await store.record_new(incident.id, alerts)
    await store.add_keys(keys, incident.id)
    if not fresh:
        return IntakeOutcome("nothing_new", incident.id, incident.channel_id)
    prior = (await store.alerts(incident.id))[: -len(fresh)]
    lines = []
    for alert in fresh:
        await ctx.store.append_event(incident.id, _event(ctx, alert))
        if alert.status == "firing":
            again = any(a.fingerprint == alert.fingerprint for a in prior)
            lines.append(text.alert_firing(alert.name, alert.summary, again=again))
        else:
            took = (
                text.format_duration(alert.ends_at - alert.starts_at)
                if alert.ends_at and alert.starts_at
                else None
            )
            lines.append(text.alert_resolved(alert.name, alert.service, took))
    current = await store.current_alerts(incident.id)
    if any(a.status == "resolved" for a in fresh) and all(a.status == "resolved" for a in current):
        lines.append(text.all_alerts_resolved(incident.id, len(current)))
    if omitted:
        lines.append(text.alerts_not_listed(omitted))
    if incident.channel_id:
        message = "\n".join(lines)
        try:
            await ctx.slack.post(incident.channel_id, message)
        except SlackFailure as failure:
            log.warning(
                "alert note not posted", extra={"incident_id": incident.id, "error": failure.error}
            )
    return IntakeOutcome("attached", incident.id, incident.channel_id, new_alerts=len(fresh))


async def _triage(
    ctx: FlowContext, store: AlertStore, firing: list[Alert], keys: list[str], decision: Decision,
    omitted: int = 0,
) -> IntakeOutcome:
    existing = await store.triage_for_group(keys[0])
    if existing is not None:
        return IntakeOutcome("already_triaged", triage_id=existing.id, channel_id=existing.channel)
    channel = ctx.settings.triage_channel
    if not channel:
        log.warning(
            "alert needs triage but INCIDENT_TRIAGE_CHANNEL is not set",
            extra={"alert": firing[0].name, "reason": decision.reason},
        )
        return IntakeOutcome("triage_skipped", reason="INCIDENT_TRIAGE_CHANNEL is not set")
    triage_id = await store.claim_triage(keys[0])
    if triage_id is None:
        return IntakeOutcome("already_triaged")
    severity = decision.severity or Severity.SEV3
    record = TriageRecord(
        id=triage_id,
        group_keys=keys,
        alerts=firing,
        severity=severity.value,
        reason=decision.reason,
        channel=channel,
    )
    try:
        await store.save_triage(record)
        record.ts = await _post_triage(ctx, channel, triage_id, firing, decision, severity, omitted)
    except SlackFailure as failure:
        # Slack will not take it (the bot is not in the channel, it is archived...): a 5xx would
        # make Alertmanager retry this group forever. The alerts stay in the triage record; the
        # log says what to do; the webhook answers 200 with the outcome.
        from bot.flows.triage_channel import what_to_do

        advice = what_to_do(channel, failure.error)
        log.error("triage message not posted: %s", advice, extra={"alert": firing[0].name, "error": failure.error})
        return IntakeOutcome("triage_failed", channel_id=channel, triage_id=triage_id, reason=advice)
    except BaseException:
        await store.release_triage(keys[0], triage_id)
        raise
    await store.save_triage(record)
    return IntakeOutcome("triaged", channel_id=channel, triage_id=triage_id, reason=decision.reason)


async def _post_triage(
    ctx: FlowContext, channel: str, triage_id: str, firing: list[Alert], decision: Decision,
    severity: Severity, omitted: int,
) -> str:
    """Post the triage message; on not_in_channel join the (public) channel once and post again."""

    async def post() -> str:
        return await ctx.slack.post(
            channel,
            text.triage_fallback(firing[0].name, firing[0].summary),
            blocks.triage_message(triage_id, firing, decision.reason, severity, omitted),
        )

    try:
        return await post()
    except SlackFailure as failure:
        if failure.error != "not_in_channel":
            raise
        await ctx.slack.join(channel)
        return await post()


async def _resolved_without_incident(
    ctx: FlowContext, store: AlertStore, alerts: list[Alert], keys: list[str]
) -> IntakeOutcome:
    record = await store.triage_for_group(keys[0])
    if (
        record is None
        or record.resolved
        or record.incident_id
        or not record.channel
        or not record.ts
    ):
        return IntakeOutcome(
            "no_incident", reason="no open incident or triage message for this alert group"
        )
    record.resolved = True
    await store.save_triage(record)
    try:
        await ctx.slack.post(
            record.channel, text.triage_resolved(alerts[0].name), thread_ts=record.ts
        )
    except SlackFailure as failure:
        log.warning("triage resolve note not posted", extra={"error": failure.error})
    return IntakeOutcome("resolved_noted", channel_id=record.channel, triage_id=record.id)


async def declare_from_triage(ctx: FlowContext, triage_id: str, user_id: str) -> Reply:
    """The *Declare incident* button of a triage message."""
    await limits.check_declare_rate(ctx, user_id)
    store = ctx.alerts
    record = await store.triage(triage_id)
    if record is None:
        return Reply(text=text.TRIAGE_EXPIRED)
    incident = await _open_incident_for(ctx, store, record.group_keys)
    if incident is not None:
        return Reply(text=text.triage_already(incident.id, incident.channel_id))
    outcome = await _declare_group(
        ctx,
        store,
        record.alerts,
        record.group_keys,
        Severity(record.severity),
        "declared from triage",
        user_id,
    )
    if outcome.action == "pending":
        return Reply(text=text.triage_busy())
    if outcome.action != "declared":
        return Reply(text=text.triage_already(outcome.incident_id or "?", outcome.channel_id))
    record.incident_id = outcome.incident_id
    await store.save_triage(record)
    if record.channel and record.ts and outcome.incident_id:
        try:
            await ctx.slack.update(
                record.channel,
                record.ts,
                text.triage_declared(outcome.incident_id, outcome.channel_id, user_id),
                blocks.triage_declared_message(
                    record.alerts, outcome.incident_id, outcome.channel_id, user_id
                ),
            )
        except SlackFailure as failure:
            log.warning("triage message not updated", extra={"error": failure.error})
    return Reply(text=text.triage_declared(outcome.incident_id or "?", outcome.channel_id, user_id))


# --- deploys ----------------------------------------------------------------------------------


@dataclass
class DeployOutcome:
    recorded: bool
    key: str
    noted_on: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "recorded": self.recorded,
            "duplicate": not self.recorded,
            "key": self.key,
            "noted_on": self.noted_on,
        }


def _mentions(incident: Incident, service: str) -> bool:
    return (
        re.search(rf"(?<![\w-]){re.escape(service.lower())}(?![\w-])", incident.title.lower())
        is not None
    )


async def record_deploy(ctx: FlowContext, event: DeployEvent) -> DeployOutcome:
    """Store a deploy (once per key) and note it on open incidents about that service."""
    key = event.key()
    if not await ctx.store.claim(f"deploy:{key}", DEPLOY_CLAIM_SECONDS):
        return DeployOutcome(False, key, [])
    store = ctx.alerts
    deploy = stored_deploy(event, datetime.now(UTC))
    try:
        await store.record_deploy(deploy)
    except BaseException:
        await ctx.store.release(f"deploy:{key}")
        raise
    noted = []
    for incident in await ctx.store.open_incidents():
        services = {a.service for a in await store.current_alerts(incident.id)}
        if deploy.service not in services and not _mentions(incident, deploy.service):
            continue
        await ctx.store.append_event(incident.id, _deploy_event(ctx, deploy))
        noted.append(incident.id)
        if incident.channel_id:
            try:
                await ctx.slack.post(
                    incident.channel_id,
                    text.deploy_noted(deploy.service, deploy.version, deploy.who, deploy.link),
                )
            except SlackFailure as failure:
                log.warning(
                    "deploy note not posted",
                    extra={"incident_id": incident.id, "error": failure.error},
                )
    return DeployOutcome(True, key, noted)


def _deploy_event(ctx: FlowContext, deploy: StoredDeploy) -> TimelineEvent:
    by = f" by {deploy.who}" if deploy.who else ""
    return TimelineEvent(
        at=ctx.clock(),
        kind=EventKind.DEPLOY,
        actor=None,
        text=f"deployed {deploy.service} {deploy.version}{by}"[:500],
        data=deploy_json(deploy),
    )
