"""What the agent steps read about an incident: its alerts and the evidence gathered for it
(metrics, alert history, recent deploys), from the bot's settings and the alert store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agents.context import AlertInfo
from agents.evidence.collect import EvidenceConfig, SloObjective, gather_evidence
from agents.evidence.models import Deploy, IncidentEvidence
from bot.flows.context import FlowContext
from bot.settings import Settings


def evidence_config(settings: Settings) -> EvidenceConfig:
    """The evidence configuration from the bot's settings."""
    return EvidenceConfig(
        prometheus_url=settings.prometheus_url,
        alertmanager_url=settings.alertmanager_url,
        timeout_seconds=settings.evidence_timeout_seconds,
        service_label=settings.evidence_service_label,
        rate_window=settings.evidence_rate_window,
        baseline_minutes=settings.evidence_baseline_minutes,
        sli_queries=settings.sli_queries,
        service_queries=settings.sli_service_queries,
        max_services=settings.evidence_max_services,
        discovery_query=settings.evidence_discovery_query,
        dependency_map=settings.evidence_dependency_map,
        graph_queries=settings.evidence_graph_metrics,
        infer_dependencies=settings.evidence_infer_dependencies,
        components=settings.evidence_components,
        slos={
            service: SloObjective(objective=objective, window_days=settings.slo_window_days)
            for service, objective in settings.slo_objectives.items()
        },
    )


async def incident_alerts(ctx: FlowContext, incident_id: str) -> list[AlertInfo]:
    """The incident's alerts (latest state of each) as the agent engine's `AlertInfo`."""
    alerts = await ctx.alerts.current_alerts(incident_id)
    return [
        AlertInfo(
            source=a.source,
            name=a.name,
            status=a.status,
            labels=a.labels,
            annotations=a.annotations,
            starts_at=a.starts_at,
        )
        for a in alerts
    ]


async def incident_evidence(
    ctx: FlowContext,
    incident_id: str,
    *,
    config: EvidenceConfig | None = None,
    now: datetime | None = None,
    lookback: timedelta = timedelta(minutes=5),
    deploy_history: timedelta = timedelta(hours=24),
) -> IncidentEvidence:
    """`gather_evidence` for one incident: its alerts' services, the window from `lookback`
    before its first alert (or its declaration) to `now`, and the deploys since
    `deploy_history` before that. Never raises for an unavailable source."""
    incident = await ctx.store.require(incident_id)
    alerts = await ctx.alerts.current_alerts(incident_id)
    services = list(dict.fromkeys(a.service for a in alerts if a.service))
    starts = [a.starts_at for a in alerts if a.starts_at] or [incident.declared_at]
    end = now or datetime.now(UTC)
    start = min(min(starts), end - timedelta(seconds=1)) - lookback
    deploys = await ctx.alerts.deploys(since=start - deploy_history, until=end)
    return await gather_evidence(
        services,
        (start, end),
        config or evidence_config(ctx.settings),
        deploys=[Deploy.model_validate(d.model_dump()) for d in deploys],
    )
