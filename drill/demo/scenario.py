"""The metrics scenario: a real Prometheus scrapes demo services, one degrades, an alert rule
fires through a real Alertmanager into the bot's webhook, an incident is declared, and the
anomaly scan over Prometheus range queries names the degraded service.

    result = await run_metrics_scenario(runtime, slack)      # a started BotRuntime + stand-in
    if not result.ran:
        print(result.reason)                                  # says how to install Prometheus
    else:
        print(result.incident_id, result.top_anomaly_service)
        context.evidence = result.evidence                    # for the observe step

Waiting is always on a condition with a deadline: Prometheus holding enough baseline samples,
the war room's pinned card in the stand-in, the resolve note.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from agents.evidence.collect import EvidenceConfig, SloObjective
from agents.evidence.metric_kinds import MetricKind
from agents.evidence.models import IncidentEvidence
from agents.evidence.prometheus import PrometheusClient, SourceUnavailable
from drill.demo.configs import alert_rules, alertmanager_config, prometheus_config
from drill.demo.service import DemoService, LoadGenerator
from drill.demo.stack import MissingBinaries, PrometheusStack, StackFailed, find_binaries
from bot.flows.agent_evidence import incident_evidence
from bot.intake.routes import ALERTMANAGER_PATH

DEFAULT_SERVICES = ("checkout", "payments", "catalog")
RATE_WINDOW = "5s"
INFLIGHT = "inflight_saturation"  # requests in flight: a count, so its spread floor is 1


@dataclass
class MetricsScenarioResult:
    """What happened. `ran` False means it could not run; `reason` says why and what to do."""

    ran: bool
    reason: str = ""
    faulty_service: str = ""
    incident_id: str | None = None
    channel_id: str | None = None
    incident_title: str | None = None
    top_anomaly_service: str | None = None
    ranking: list[str] = field(default_factory=list)
    fault_to_webhook_seconds: float | None = None
    webhook_to_war_room_seconds: float | None = None
    fault_to_war_room_seconds: float | None = None
    second_alert_attached: bool = False
    war_rooms_declared: int = 0
    resolved_noted: bool = False
    evidence: IncidentEvidence = field(default_factory=IncidentEvidence)
    narration: list[str] = field(default_factory=list)


def scenario_evidence_config(
    prometheus_url: str, alertmanager_url: str, baseline_seconds: float
) -> EvidenceConfig:
    """Evidence settings for the demo: 1 s steps, 5 s rate windows, a 99.9 % SLO, and in-flight
    requests as the saturation signal (the demo services share one process, so CPU says little)."""
    return EvidenceConfig(
        prometheus_url=prometheus_url,
        alertmanager_url=alertmanager_url,
        rate_window=RATE_WINDOW,
        baseline_minutes=baseline_seconds / 60,
        step_seconds=1.0,
        discover_services=True,
        sli_queries={
            "cpu_saturation": "",
            INFLIGHT: "max_over_time(http_requests_in_flight{$selector}[$rate])",
        },
        kinds={INFLIGHT: MetricKind(family="saturation", bad_direction="up", min_scale=1.0)},
        slos={"*": SloObjective(objective=0.999, window_days=30)},
    )


async def wait_for_baseline(
    prometheus_url: str, services: Sequence[str], seconds: float, deadline: float
) -> None:
    """Until Prometheus holds `seconds` of request-rate samples for every service."""
    points = int(seconds)
    query = (
        f"count_over_time((sum by (job) (rate(http_requests_total[{RATE_WINDOW}])))[{points}s:1s])"
    )
    loop = asyncio.get_running_loop()
    async with PrometheusClient(prometheus_url, timeout=2.0) as client:
        while True:
            try:
                found = {s.labels.get("job"): s.points[0][1] for s in await client.instant(query)}
            except SourceUnavailable:
                found = {}
            if all(found.get(name, 0) >= points - 1 for name in services):
                return
            if loop.time() > deadline:
                raise TimeoutError(
                    f"Prometheus did not collect {seconds:g}s of baseline in time (have {found})"
                )
            await asyncio.sleep(0.25)


async def run_metrics_scenario(
    runtime,
    slack,
    *,
    faulty: str = "payments",
    spread_to: str | None = "checkout",
    services: Sequence[str] = DEFAULT_SERVICES,
    baseline_seconds: float = 10.0,
    rps: float = 20.0,
    resolve: bool = True,
    timeout: float = 60.0,
    say: Callable[[str], None] | None = None,
) -> MetricsScenarioResult:
    """Play the scenario against a started `BotRuntime` whose Slack is the stand-in `slack`:
    `faulty` degrades, its HighErrorRate alert declares an incident, the anomaly scan ranks the
    services; then `spread_to` (if given) starts failing too, and since Alertmanager groups by
    alert name its alert joins the same group and attaches to the open incident instead of
    declaring another; finally (`resolve`) both heal and the resolves are noted.

    Never raises for a missing Prometheus: the result says `ran=False` and how to install it.
    """
    result = MetricsScenarioResult(ran=False, faulty_service=faulty)

    began = time.monotonic()

    def narrate(line: str) -> None:
        line = f"[+{time.monotonic() - began:4.1f}s] {line}"
        result.narration.append(line)
        if say:
            say(line)

    try:
        find_binaries()
    except MissingBinaries as exc:
        result.reason = str(exc)
        narrate(f"metrics scenario skipped: {exc}")
        return result
    for name in (faulty, spread_to):
        if name is not None and name not in services:
            raise ValueError(f"{name!r} is not one of the demo services {list(services)}")

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    demo = [await DemoService(name).start() for name in services]
    load = await LoadGenerator([s.url for s in demo], rps=rps).start()
    token = runtime.settings.webhook_token
    stack = None
    try:
        stack = PrometheusStack(
            prometheus_yml=lambda am: prometheus_config({s.name: s.target for s in demo}, am),
            rules_yml=alert_rules(rate_window=RATE_WINDOW, hold="1s"),
            alertmanager_yml=alertmanager_config(
                runtime.url + ALERTMANAGER_PATH,
                token=token.get_secret_value() if token else None,
                group_by=("alertname",),
            ),
        )
        await stack.start()
        narrate(
            f"Prometheus {stack.prometheus_url} scrapes {', '.join(services)} every 1s; "
            f"Alertmanager {stack.alertmanager_url} sends to the bot's webhook"
        )
        lookback = 3.0
        await wait_for_baseline(
            stack.prometheus_url, services, baseline_seconds + lookback, deadline
        )
        channels_before = {c.id for c in slack.channels()}
        target = next(s for s in demo if s.name == faulty)
        fault_wall = datetime.now(UTC)
        fault_at = time.monotonic()
        target.inject(error_rate=0.5, latency_ms=250)
        narrate(f"fault injected: {faulty} fails half its requests and answers 250 ms slower")

        def war_room():
            for channel in slack.channels():
                new = channel.id not in channels_before
                if (
                    new
                    and slack.pins(channel.id)
                    and slack.find_message(channel.id, "Declared automatically")
                ):
                    return channel
            return None

        channel = await slack.wait_for(
            war_room,
            timeout=max(1.0, deadline - loop.time()),
            description="a war room declared from the alert",
        )
        ready_at = time.monotonic()
        incident = await runtime.ctx.store.by_channel(channel.id)
        alerts = await runtime.ctx.alerts.alerts(incident.id)
        received = min(a.received_at for a in alerts)
        result.incident_id, result.channel_id, result.incident_title = (
            incident.id,
            channel.id,
            incident.title,
        )
        result.fault_to_war_room_seconds = round(ready_at - fault_at, 2)
        result.fault_to_webhook_seconds = round((received - fault_wall).total_seconds(), 2)
        result.webhook_to_war_room_seconds = round(
            result.fault_to_war_room_seconds - result.fault_to_webhook_seconds, 2
        )
        narrate(
            f"{incident.id} declared from alert {alerts[0].name} ({incident.severity.value}) in #{channel.name}: "
            f"fault to webhook {result.fault_to_webhook_seconds}s, webhook to war room "
            f"{result.webhook_to_war_room_seconds}s"
        )

        config = scenario_evidence_config(
            stack.prometheus_url, stack.alertmanager_url, baseline_seconds
        )
        evidence = await incident_evidence(
            runtime.ctx, incident.id, config=config, lookback=timedelta(seconds=lookback)
        )
        result.evidence = evidence
        ranked = list(dict.fromkeys(row.service for row in evidence.anomalies))
        result.ranking = ranked
        result.top_anomaly_service = ranked[0] if ranked else None
        top = evidence.anomalies[0] if evidence.anomalies else None
        narrate(
            "anomaly scan over Prometheus range queries ranks "
            + (", ".join(ranked) if ranked else "nothing")
            + (f" first: {top.summary}" if top else "")
        )

        if spread_to is not None:
            second = next(s for s in demo if s.name == spread_to)
            second.inject(error_rate=0.5, latency_ms=0)
            narrate(f"{spread_to} starts failing too")
            await slack.wait_for(
                lambda: slack.find_message(channel.id, "is also firing"),
                timeout=max(1.0, deadline - loop.time()),
                description=f"{spread_to}'s alert attached to {incident.id}",
            )
            result.second_alert_attached = True
            narrate(
                f"{spread_to}'s HighErrorRate joined the same alert group: attached to {incident.id}, not declared again"
            )

        if resolve:
            for service in demo:
                service.heal()
            narrate("every service healed")
            await slack.wait_for(
                lambda: slack.find_message(channel.id, "behind *" + incident.id),
                timeout=max(1.0, deadline - loop.time()),
                description="every alert's resolve noted in the war room",
            )
            result.resolved_noted = True
            narrate("the alerts resolved and the war room heard it")
        result.war_rooms_declared = len(
            [c for c in slack.channels() if c.id not in channels_before]
        )
        result.ran = True
        return result
    except (StackFailed, TimeoutError) as exc:
        result.reason = f"metrics scenario failed: {exc}"
        narrate(result.reason)
        return result
    finally:
        if stack is not None:
            await stack.stop()
        await load.stop()
        for service in demo:
            await service.stop()
