"""Paging the on-call: `/incident page`, the card's *Page on-call*, SEV1 auto-page; pages resolve
with the incident; an acknowledgement (PagerDuty webhook) lands on the timeline with one click to
make the person a role holder."""

from __future__ import annotations

from bot.flows import guard
from bot.flows.beyond.common import integrations_of, log, succeeded, tell_failure
from bot.flows.context import FlowContext, Refused
from bot.incident.access import Action
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.integrations.http import IntegrationFailed
from bot.integrations.paging.base import PageRequest, PageSeverity, Pager
from bot.platform.integration_store import IntegrationStore, PageRecord
from bot.slack.gateway import SlackFailure
from bot.ui import integration_blocks, text
from i18n import t
from bot.ui.reply import Reply

DEDUP_PREFIX = "incident-commander/"
PAGE_SEVERITY: dict[Severity, PageSeverity] = {Severity.SEV1: "critical", Severity.SEV2: "error",
                                               Severity.SEV3: "warning", Severity.SEV4: "info"}
_SYSTEMS = {"pagerduty": "PagerDuty", "opsgenie": "Opsgenie"}


def _store(ctx: FlowContext) -> IntegrationStore:
    return IntegrationStore(ctx.store.redis)


def _pager(ctx: FlowContext, target: str) -> Pager:
    pagers = integrations_of(ctx).pagers
    if not pagers:
        raise Refused(text.not_configured(t("text-paging"), "PAGERDUTY_ROUTING_KEY or OPSGENIE_API_KEY"))
    chosen = next((p for p in pagers if p.routes(target)), None)
    if chosen is None:
        raise Refused(t("text-no-pager-route", target=target))
    return chosen


def auto_pages(ctx: FlowContext, severity: Severity) -> bool:
    """INCIDENT_AUTO_PAGE=sev1 pages SEV1; sev2 pages SEV1 and SEV2; empty never."""
    if not ctx.settings.auto_page or not integrations_of(ctx).pagers:
        return False
    return int(severity.value[-1]) <= int(ctx.settings.auto_page[-1])


async def page(ctx: FlowContext, incident_id: str, actor: str | None, target: str = "", message: str = "") -> Reply:
    incident = await ctx.store.require(incident_id)
    if actor is not None:  # None: the bot's own auto-page on declare or escalation
        await guard.require(ctx, incident, actor, Action.PAGE)
    if not incident.is_open:
        raise Refused(t("text-page-after-resolve", incident=incident.id))
    pager = _pager(ctx, target)
    system = _SYSTEMS.get(pager.name, pager.name)
    existing = {(p.pager, p.target): p for p in await _store(ctx).pages(incident.id)}
    if (known := existing.get((pager.name, target))) and known.status != "resolved":
        raise Refused(text.already_paged(target))
    if incident.is_private:  # the pager is not the war room: no title, no message
        summary = text.private_page_summary(incident.id, incident.severity.value)
    else:
        summary = f"{incident.id} {incident.severity.value}: {incident.title}" + (f" - {message}" if message else "")
    request = PageRequest(incident_id=incident.id, target=target, summary=summary[:1024],
                          severity=PAGE_SEVERITY[incident.severity],
                          link=f"https://slack.com/app_redirect?channel={incident.channel_id}" if incident.channel_id else None,
                          details={"incident": incident.id, "severity": incident.severity.value,
                                   "status": incident.status.value})
    try:
        result = await pager.trigger(request)
    except IntegrationFailed as failure:
        await tell_failure(ctx, incident, failure, t("text-doing-paging", target=target or t("text-the-on-call")))
        raise Refused(t("text-not-paged", failure=str(failure))) from None
    await succeeded(ctx, incident, system)
    await _store(ctx).save_page(incident.id, PageRecord(pager=pager.name, target=target, dedup_key=result.dedup_key,
                                                        paged_by=actor, at=ctx.clock()))
    await ctx.store.append_event(incident.id, TimelineEvent(
        at=ctx.clock(), kind=EventKind.NOTE, actor=actor,
        text=f"paged {target or 'the on-call'} through {system}" + (f": {message}" if message else ""),
        data={"integration": pager.name, "dedup_key": result.dedup_key}))
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.paged(actor, target, system))
    return Reply(text=t("text-paged-reply", target=target or t("text-the-on-call"), system=system))


async def auto_page(ctx: FlowContext, incident: Incident) -> None:
    if not await ctx.store.claim(f"autopage:{incident.id}", ttl_seconds=30 * 86400):
        return
    try:
        await page(ctx, incident.id, None)
    except Refused as refused:  # already paged by a person, or no route: nothing to add
        log.info("auto-page skipped", extra={"incident_id": incident.id, "reason": str(refused)})


async def resolve_pages(ctx: FlowContext, incident: Incident) -> int:
    pagers = {p.name: p for p in integrations_of(ctx).pagers}
    resolved = 0
    store = _store(ctx)
    for record in await store.pages(incident.id):
        pager = pagers.get(record.pager)
        if record.status == "resolved" or pager is None:
            continue
        try:
            await pager.resolve(record.dedup_key, record.target)
        except IntegrationFailed as failure:
            await tell_failure(ctx, incident, failure, t("text-doing-resolving-page"))
            continue
        record.status = "resolved"
        await store.save_page(incident.id, record)
        resolved += 1
    if resolved and incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.page_resolved(resolved))
    return resolved


def incident_id_of(dedup_key: str | None) -> str | None:
    """Our incident id from a dedup key we made (`incident-commander/INC-42[/target]`)."""
    if not dedup_key or not dedup_key.startswith(DEDUP_PREFIX):
        return None
    return dedup_key[len(DEDUP_PREFIX):].split("/", 1)[0] or None


async def acknowledged(ctx: FlowContext, dedup_key: str | None, who: str, vendor_user: str,
                       system: str = "PagerDuty", slack_user: str | None = None) -> dict:
    """A page of ours was acknowledged: on the timeline, and in the war room with a button that
    makes the person a role holder (one click when their Slack account is known: `slack_user`, or
    PAGERDUTY_SLACK_USERS for PagerDuty)."""
    incident_id = incident_id_of(dedup_key)
    incident = await ctx.store.get(incident_id) if incident_id else None
    if incident is None:
        return {"action": "ignored", "reason": "not a page this bot sent"}
    store = _store(ctx)
    for record in await store.pages(incident.id):
        if record.dedup_key == dedup_key:
            record.status, record.acknowledged_by = "acknowledged", who
            await store.save_page(incident.id, record)
    slack_user = slack_user or ctx.settings.pagerduty_slack_users.get(vendor_user)
    await ctx.store.append_event(incident.id, TimelineEvent(
        at=ctx.clock(), kind=EventKind.NOTE, actor=slack_user,
        text=f"{who} acknowledged the page in {system}",
        data={"integration": system.lower(), "acknowledged_by": who, "vendor_user": vendor_user}))
    if incident.channel_id:
        try:
            await ctx.slack.post(incident.channel_id, t("text-page-acknowledged", who=who),
                                 integration_blocks.acknowledged(incident.id, who, system, slack_user))
        except SlackFailure as failure:
            log.warning("could not post the acknowledgement", extra={"incident_id": incident.id,
                                                                    "error": failure.error})
    return {"action": "acknowledged", "incident_id": incident.id}
