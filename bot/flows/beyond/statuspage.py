"""The status page: the comms step's draft gets Publish and Edit; a person's click publishes it
(creates the public incident, later updates it); `/incident statuspage` shows what is live."""

from __future__ import annotations

from bot.flows import guard
from bot.flows.changes import refresh_card
from bot.flows.beyond.common import integrations_of, succeeded, tell_failure
from bot.flows.context import FlowContext, Refused
from bot.incident import access
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.integrations.http import IntegrationFailed
from bot.integrations.statuspage.atlassian import SYSTEM
from bot.integrations.statuspage.base import ComponentStatus, Impact, PublicIncident, StatusPost
from bot.platform.integration_store import IntegrationStore, StatusDraft
from bot.ui import integration_blocks, text
from i18n import t
from bot.ui.reply import Reply

STATUS_PAGE = "Status page"
IMPACT: dict[Severity, Impact] = {Severity.SEV1: "critical", Severity.SEV2: "major", Severity.SEV3: "minor",
                                  Severity.SEV4: "none"}
COMPONENT: dict[Severity, ComponentStatus] = {Severity.SEV1: "major_outage", Severity.SEV2: "partial_outage",
                                              Severity.SEV3: "degraded_performance",
                                              Severity.SEV4: "degraded_performance"}


def _store(ctx: FlowContext) -> IntegrationStore:
    return IntegrationStore(ctx.store.redis)


def components_for(ctx: FlowContext, incident: Incident, status: str) -> dict[str, ComponentStatus]:
    """The configured components whose service the incident names (title or description)."""
    words = f"{incident.title} {incident.description}".lower()
    state: ComponentStatus = "operational" if status == "resolved" else COMPONENT[incident.severity]
    return {component: state for service, component in ctx.settings.statuspage_components.items()
            if service.lower() in words}


async def offer_draft(ctx: FlowContext, incident: Incident, draft: StatusDraft, thread_ts: str | None = None) -> None:
    """Keep the draft and post it with Publish / Edit (only when a status page is configured)."""
    if integrations_of(ctx).statuspage is None or not incident.channel_id:
        return
    await _store(ctx).save_draft(incident.id, draft)
    live = await _store(ctx).public_incident(incident.id)
    await ctx.slack.post(incident.channel_id, t("text-status-draft-fallback", title=draft.title),
                         integration_blocks.status_draft(incident.id, draft.title, draft.status, draft.body,
                                                         live.url if live else None),
                         thread_ts=thread_ts)


async def offer_comms_draft(ctx: FlowContext, incident_id: str, output: dict, thread_ts: str | None) -> None:
    """The comms step's `status_page` part as a draft."""
    page = output.get("status_page") if isinstance(output, dict) else None
    if not isinstance(page, dict):
        return
    try:
        draft = StatusDraft.model_validate(page)
    except ValueError:
        return
    await offer_draft(ctx, await ctx.store.require(incident_id), draft, thread_ts)


async def offer_resolve_draft(ctx: FlowContext, incident: Incident) -> None:
    """After resolve: if something is live, a draft that resolves it (published on a click)."""
    if integrations_of(ctx).statuspage is None:
        return
    live = await _store(ctx).public_incident(incident.id)
    if live is None or live.status == "resolved":
        return
    body = t("text-status-resolved-body") + (f" {incident.resolution}" if incident.resolution else "")
    await offer_draft(ctx, incident, StatusDraft(title=live.name, status="resolved", body=body))


async def draft_for_edit(ctx: FlowContext, incident_id: str, actor: str) -> tuple[Incident, StatusDraft]:
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, actor, access.publishing(incident))
    draft = await _store(ctx).draft(incident_id)
    if draft is None:
        raise Refused(text.no_status_draft())
    return incident, draft


async def publish(ctx: FlowContext, incident_id: str, actor: str, edited: StatusDraft | None = None) -> Reply:
    publisher = integrations_of(ctx).statuspage
    if publisher is None:
        raise Refused(text.not_configured("Statuspage", "STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID"))
    incident = await ctx.store.require(incident_id)
    # Only the comms lead, the IC or an admin; a private incident only on the IC's (or an admin's) click.
    await guard.require(ctx, incident, actor, access.publishing(incident))
    store = _store(ctx)
    draft = edited or await store.draft(incident_id)
    if draft is None:
        raise Refused(text.no_status_draft())
    if edited is not None:
        await store.save_draft(incident_id, edited)
    live = await store.public_incident(incident_id)
    post = StatusPost(incident_id=incident.id, name=draft.title, status=draft.status, impact=IMPACT[incident.severity],
                      body=draft.body, components=components_for(ctx, incident, draft.status),
                      public_id=live.public_id if live else None)
    try:
        public = await publisher.publish(post)
    except IntegrationFailed as failure:
        await tell_failure(ctx, incident, failure, t("text-doing-publishing-status"))
        raise Refused(t("text-not-published", failure=str(failure))) from None
    await succeeded(ctx, incident, SYSTEM)
    await _remember(ctx, incident, public, actor, draft)
    return Reply(text=t("text-published-reply", url=public.url))


async def _remember(ctx: FlowContext, incident: Incident, public: PublicIncident, actor: str,
                    draft: StatusDraft) -> None:
    await _store(ctx).save_public_incident(incident.id, public)

    def link(record: Incident) -> None:
        record.links[STATUS_PAGE] = public.url

    def event(record: Incident, _: None) -> list[TimelineEvent]:
        return [TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=actor,
                              text=f"status page {'published' if public.created else 'updated'}: "
                                   f"{draft.status} - {draft.title}",
                              data={"integration": "statuspage", "public_id": public.public_id, "url": public.url})]

    updated, _ = await ctx.store.update(incident.id, link, event)
    if updated.channel_id:
        await ctx.slack.post(updated.channel_id, text.status_published(actor, draft.status, public.url, public.created))
    await refresh_card(ctx, updated)


async def show_live(ctx: FlowContext, incident: Incident, actor: str) -> Reply:
    await guard.require(ctx, incident, actor, access.Action.SUMMARY)
    publisher = integrations_of(ctx).statuspage
    if publisher is None:
        return Reply(text=text.not_configured("Statuspage", "STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID"))
    store = _store(ctx)
    live = await store.public_incident(incident.id)
    if live is None:
        return Reply(text=text.status_not_live(await store.draft(incident.id) is not None))
    try:
        current = await publisher.read(live.public_id)
    except IntegrationFailed as failure:
        await tell_failure(ctx, incident, failure, t("text-doing-reading-status"))
        return Reply(text=text.status_live(live.name, live.status, live.impact, live.url)
                     + t("text-as-last-published", failure=str(failure)))
    current.url = current.url or live.url
    return Reply(text=text.status_live(current.name, current.status, current.impact, current.url))
