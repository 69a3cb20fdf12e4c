"""Offline phase 1: detect and classify, observability scan, initial mitigation."""

from __future__ import annotations

from typing import get_args

from agents.incident_types import IncidentTypeProfile
from agents.models import (
    AffectedService,
    Anomaly,
    CommandAssignment,
    Finding,
    MitigateOutput,
    MitigationAction,
    MitigationKind,
    ObserveOutput,
    RollbackDecision,
    ServiceHealth,
    SloStatus,
    SuggestedQuery,
    TriageOutput,
)
from agents.offline.facts import Facts, fmt_time
from agents.text import matching_terms

MITIGATION_KINDS = set(get_args(MitigationKind))
SCOPE = {
    "SEV1": "across the whole user base",
    "SEV2": "for a significant share of users",
    "SEV3": "for a limited set of users or requests",
    "SEV4": "with no functional impact",
}
REVENUE_TERMS = ["checkout", "payment", "payments", "billing", "cart", "order", "orders",
                 "stripe", "paypal", "adyen", "結帳", "付款", "支付", "訂單", "金流"]


def _business_risk(facts: Facts, severity: str, profile: IncidentTypeProfile) -> str:
    risks = []
    if matching_terms(facts.text, REVENUE_TERMS):
        risks.append("direct revenue loss while purchases or payments fail")
    cosmetic = profile.sev4_is_cosmetic and severity == "SEV4"
    if profile.triage.business_risk and not cosmetic:
        risks.append(profile.triage.business_risk)
    if severity in ("SEV1", "SEV2") and profile.user_facing:
        risks.append("SLA breach and error budget burn; customer churn if prolonged")
    if severity == "SEV4":
        risks.append("minor: perceived quality; fix in the normal schedule")
    if risks:
        text = "; ".join(risks)
        return text[0].upper() + text[1:] + "."
    return (
        "Limited: no revenue path or data risk named; confirm with the service owner."
    )


def triage(facts: Facts) -> TriageOutput:
    ctx = facts.context
    cls = facts.classification
    facts.cite_alerts()
    facts.cite_signals()

    affected: list[AffectedService] = []
    for mention in facts.mentions:
        affected.append(AffectedService(name=mention.name, role=mention.role,
                                        evidence=mention.evidence))
    known = {a.name for a in affected}
    for row in facts.signals.anomalies[:3]:
        if row.service not in known:
            known.add(row.service)
            score = f" score {row.score:.1f}" if row.score is not None else ""
            affected.append(AffectedService(
                name=row.service, role="suspected",
                evidence=f"metric anomaly: {row.metric} {row.direction}{score}"))
    dependencies = [m.name for m in facts.mentions if m.role == "dependency"]

    runbooks = facts.runbooks
    for match in runbooks:
        facts.cite_runbook(match)

    svc = ", ".join(a.name for a in affected if a.role == "primary")[:200] or "the affected service"
    deps = ", ".join(dependencies) or "an external provider"
    profile = facts.types[cls.incident_type]
    impact = profile.triage.impact.format(svc=svc, deps=deps)
    if cls.severity == "SEV4" and profile.sev4_is_cosmetic:
        impact = f"Cosmetic: content on {svc} is wrong or looks broken"
    if not profile.user_facing:
        impact += "."
    else:
        impact += f" ({SCOPE[cls.severity]}, by the severity)."
    if not facts.signals.has_metrics:
        impact += " Extent not measured: no metrics or real-user monitoring in the context."

    assignments = []
    needed = profile.triage.needed_roles.get(cls.severity, [])
    for role in ("incident_commander", "tech_lead", "comms_lead"):
        holder = facts.role_holder(role)
        status = "assigned" if holder else ("needed" if role in needed else "optional")
        note = "" if holder else ("assign now" if role in needed else "not required at "
                                  f"{cls.severity}")
        assignments.append(CommandAssignment(role=role, assignee=holder, status=status,
                                             note=note))
    sme = facts.role_holder("sme")
    assignments.append(CommandAssignment(
        role="sme", assignee=sme, status="assigned" if sme else "optional",
        note=f"suggested: {profile.triage.sme_hint}"))

    slo = ctx.evidence.slo
    if slo:
        slo_status = SloStatus(status=slo.status, detail=slo.detail, error_budget=slo.error_budget)
        facts.cite("evidence: slo")
    else:
        burn = (f" A {cls.severity} {cls.incident_type.replace('_', ' ')} usually burns error "
                "budget fast." if cls.severity in ("SEV1", "SEV2") else "")
        slo_status = SloStatus(
            status="unknown",
            detail=f"No SLO data in the context: check the availability and latency SLOs of "
                   f"{svc}.{burn}",
            error_budget="Unknown: no SLO or error-budget source connected.",
        )

    actions = []
    if any(a.status == "needed" for a in assignments):
        actions.append("Assign the open command roles: "
                       + ", ".join(a.role for a in assignments if a.status == "needed"))
    top = facts.top_runbook()
    if top:
        if top.runbook.checks:
            actions.append(f"{top.runbook.checks[0]} ({top.path})")
        if top.runbook.mitigations:
            actions.append(f"Prepare: {top.runbook.mitigations[0].action} ({top.path})")
    else:
        actions.append(f"Look at errors, latency and saturation of {svc} for the last hour")
    if facts.changes:
        actions.append("Check the recent change: " + facts.changes[0])

    missing = facts.missing_basics()
    if not slo:
        missing.append("No SLO or error-budget data")
    if not runbooks:
        missing.append("No runbook matched this incident")

    return TriageOutput(
        severity=cls.severity,
        incident_type=cls.incident_type,
        reason=cls.reason,
        severity_source=cls.severity_source,
        confidence=cls.confidence,
        affected_services=affected,
        dependencies=dependencies,
        user_impact=impact,
        business_risk=_business_risk(facts, cls.severity, profile),
        command_assignments=assignments,
        slo_status=slo_status,
        update_cadence_minutes=facts.cadence,
        next_actions=actions[:4],
        missing_information=missing,
    )


# --- observe ---------------------------------------------------------------------------------

_QUERY_SYSTEMS = (
    ("promql:", "Prometheus"), ("select ", "SQL"), ("openssl", "shell"), ("kubectl", "kubectl"),
    ("df ", "shell"), ("du ", "shell"), ("aws ", "AWS CLI"),
)


_DATASTORES = {"db", "database", "postgres", "mysql", "redis", "kafka", "cache", "queue"}


def _as_query(check: str) -> SuggestedQuery | None:
    lowered = check.lower()
    for marker, system in _QUERY_SYSTEMS:
        if lowered.startswith(marker) or (marker.strip() in lowered and system != "Prometheus"):
            query = check.split(":", 1)[1].strip() if lowered.startswith("promql:") else check
            return SuggestedQuery(system=system, query=query, purpose="runbook check")
    return None


def observe(facts: Facts) -> ObserveOutput:
    ctx = facts.context
    facts.cite_alerts()
    facts.cite_signals()
    findings: list[Finding] = []
    for alert in ctx.alerts:
        service = next((alert.labels[k] for k in ("service", "app", "job") if alert.labels.get(k)),
                       None)
        since = f" since {fmt_time(alert.starts_at)}" if alert.starts_at else ""
        summary = alert.annotations.get("summary") or alert.annotations.get("description") or ""
        findings.append(Finding(
            summary=f"Alert {alert.name} is {alert.status}{since}"
                    + (f": {summary}" if summary else ""),
            source=f"alert: {alert.source}/{alert.name}", service=service, confidence="high"))
    cause = facts.signals.root_cause
    if cause is not None:
        top = cause.candidates[0]
        findings.append(Finding(
            summary=f"Root-cause walk points at {top.service}: {top.path_text} "
                    f"({cause.confidence} confidence: {cause.confidence_reason})",
            source=f"evidence: root-cause walk over the call graph ({cause.graph_source})",
            service=top.service, confidence=cause.confidence))
    for gap in facts.signals.gaps:
        findings.append(Finding(summary=gap, source="evidence: scan coverage", confidence="high"))
    for row in facts.signals.anomalies[:5]:
        text = row.summary or (
            f"{row.metric} of {row.service} went {row.direction}"
            + (f" (score {row.score:.1f})" if row.score is not None else "")
            + (f", change started {row.change_start}" if row.change_start else ""))
        findings.append(Finding(summary=text,
                                source=f"PromQL: {row.promql}" if row.promql
                                else "evidence: metric anomaly scan",
                                service=row.service,
                                confidence="high" if (row.score or 0) >= 6 else "medium"))
    for change in facts.changes[:3]:
        findings.append(Finding(summary=f"Recent change: {change}", source="change history",
                                confidence="medium"))
    for entry in facts.timeline_with(kinds=("message",)):
        findings.append(Finding(summary=entry.text, source=f"timeline ({entry.actor or 'team'})",
                                confidence="medium"))

    anomalies = [
        Anomaly(service=r.service, metric=r.metric, score=r.score,
                direction=r.direction if r.direction in ("up", "down") else "unknown",
                change_start=r.change_start, source="evidence: metric anomaly scan")
        for r in facts.signals.anomalies[:10]
    ]

    health: list[ServiceHealth] = []
    seen: set[str] = set()
    for row in facts.signals.health:
        seen.add(row.service)
        health.append(ServiceHealth(service=row.service, status=row.status, signals=row.signals))
    for row in facts.signals.anomalies:
        if row.service not in seen:
            seen.add(row.service)
            health.append(ServiceHealth(service=row.service, status="degraded",
                                        signals=f"anomalous {row.metric} ({row.direction})"))
    declared_down = matching_terms(facts.text, ["down", "outage", "unavailable", "中斷",
                                                "無法使用", "停機"])
    for name in facts.primary_services + facts.dependencies:
        if name in seen:
            continue
        seen.add(name)
        firing = [a.name for a in ctx.alerts if name in " ".join(a.labels.values()).lower()
                  and a.status == "firing"]
        if firing:
            health.append(ServiceHealth(service=name, status="degraded",
                                        signals="firing: " + ", ".join(firing)))
        elif declared_down and name in facts.primary_services:
            health.append(ServiceHealth(service=name, status="down",
                                        signals="declared down; not confirmed by metrics"))
        else:
            health.append(ServiceHealth(service=name, status="unknown",
                                        signals="no metrics for this service in the context"))

    traces = ctx.evidence.traces
    if traces:
        trace_analysis = f"Trace evidence provided: {traces[:400]}"
        facts.cite("evidence: traces")
    else:
        svc = facts.services_phrase()
        first = facts.signals.anomalies[0].service if facts.signals.anomalies else None
        trace_analysis = (
            "No trace data in the context (no tracing backend connected). "
            + (f"Metrics point first at {first}. " if first else "")
            + f"Search traces of {svc} with errors in the incident window and compare the "
            "duration of each downstream span with the hour before to find where errors or "
            "latency start."
        )

    patterns = []
    for alert in ctx.alerts:
        for key in ("summary", "description", "message"):
            if alert.annotations.get(key):
                patterns.append(alert.annotations[key])
                break
    patterns += ctx.evidence.error_patterns
    symptom_terms = matching_terms(facts.text, [
        "500", "502", "503", "504", "5xx", "timeout", "timeouts", "no space left",
        "too many connections", "certificate has expired", "oomkilled", "connection refused",
        "逾時", "錯誤"])
    if symptom_terms:
        patterns.append("Declared symptoms: " + ", ".join(symptom_terms))

    degradation = [f"{r.service}: {r.metric} {r.direction}" for r in facts.signals.anomalies[:3]]
    degradation += [f"dependency {d}" for d in facts.dependencies[:2]]

    queries: list[SuggestedQuery] = []
    for name in facts.primary_services[:2]:
        if "." in name or name.split("-")[-1] in _DATASTORES:
            continue  # a host or a datastore: the runbook checks below fit better
        queries += [
            SuggestedQuery(system="Prometheus",
                           query=f'sum(rate(http_requests_total{{service="{name}",code=~"5.."}}[5m]))'
                                 f' / sum(rate(http_requests_total{{service="{name}"}}[5m]))',
                           purpose=f"error ratio of {name}"),
            SuggestedQuery(system="Prometheus",
                           query="histogram_quantile(0.99, sum by (le) (rate("
                                 f'http_request_duration_seconds_bucket{{service="{name}"}}[5m])))',
                           purpose=f"p99 latency of {name}"),
            SuggestedQuery(system="Loki",
                           query=f'{{service="{name}"}} |~ "(?i)(error|exception|timeout)"',
                           purpose=f"error logs of {name}"),
        ]
    for match in facts.runbooks[:2]:
        for check in match.runbook.checks:
            query = _as_query(check)
            if query:
                query.purpose = f"runbook check ({match.path})"
                queries.append(query)
                facts.cite_runbook(match)

    missing = []
    if not facts.signals.has_metrics:
        missing.append("No metrics source configured: no anomaly scan in evidence.anomalies")
    if facts.signals.has_metrics and cause is None and facts.signals.anomalies:
        missing.append("No call graph: the ranking is each service's own shift, not the path")
    missing += facts.signals.gaps
    if not traces:
        missing.append("No distributed traces (OpenTelemetry/Jaeger) in the context")
    if not ctx.evidence.error_patterns:
        missing.append("No log search results (ELK/Splunk/Loki) in the context")
    if not ctx.evidence.rum:
        missing.append("No real-user monitoring data")
    if not facts.triage:
        missing.append("Triage has not run: severity and services were inferred here")

    return ObserveOutput(
        findings=findings,
        anomalies=anomalies,
        service_health=health,
        trace_analysis=trace_analysis,
        error_patterns=patterns,
        degradation_points=degradation,
        suggested_queries=queries[:8],
        missing_data=missing,
    )


# --- mitigate --------------------------------------------------------------------------------

_DONE_MARKERS = {
    "rollback": ("rolled back", "rollback complete", "rollback done", "已回滾"),
    "feature_flag": ("flag off", "flag disabled", "disabled the flag", "turned off the flag"),
    "scale": ("scaled", "scaled out", "scaled up", "added replicas"),
    "credential_rotation": ("revoked", "rotated", "deactivated"),
    "failover": ("failed over",),
    "circuit_breaker": ("circuit open", "breaker opened"),
    "cleanup": ("freed", "cleaned up", "deleted old"),
}


def _status(facts: Facts, kind: str) -> str:
    markers = _DONE_MARKERS.get(kind, ())
    for entry in facts.timeline:
        if any(m in entry.text.lower() for m in markers):
            return "done"
    return "recommended"


def mitigate(facts: Facts) -> MitigateOutput:
    itype = facts.incident_type
    profile = facts.profile
    svc = facts.services_phrase()
    deps = ", ".join(facts.dependencies) or "the provider"
    actions: list[MitigationAction] = []
    seen: set[str] = set()
    for match in facts.runbooks[:2]:
        for item in match.runbook.mitigations:
            if item.action in seen:
                continue
            seen.add(item.action)
            kind = item.kind if item.kind in MITIGATION_KINDS else "other"
            actions.append(MitigationAction(
                action=item.action, kind=kind, status=_status(facts, kind), risk=item.risk,
                expected_effect=_effect(kind, svc), source=facts.cite_runbook(match)))
    if not actions and facts.is_cosmetic:
        actions.append(MitigationAction(
            action=f"Correct the text or style of {svc} directly (CMS or template) if it can "
                   "mislead users (a wrong price or term); otherwise schedule the fix",
            kind="other", status=_status(facts, "other"), risk="Low",
            expected_effect="Users see correct content", source="cosmetic issue (SEV4)"))
    if not actions:
        for item in profile.mitigate.fallbacks:
            actions.append(MitigationAction(
                action=item.action.format(svc=svc, deps=deps), kind=item.kind,
                status=_status(facts, item.kind), risk=item.risk,
                expected_effect=_effect(item.kind, svc),
                source="generic playbook (no runbook matched)"))

    changed = bool(facts.changes)
    policy = profile.mitigate.rollback
    if changed and policy == "after_change":
        decision = RollbackDecision(
            decision="rollback",
            reason=f"A change is recorded ({facts.changes[0]}) and the symptoms are errors or "
                   "slowness: roll back first, debug after users are safe.")
    elif facts.is_cosmetic:
        decision = RollbackDecision(
            decision="no_rollback",
            reason="Cosmetic SEV4 issue: a forward content fix is cheaper and safer than a "
                   "rollback.")
    elif policy == "never" or (policy == "undecided_after_change" and not changed):
        decision = RollbackDecision(
            decision="no_rollback",
            reason=f"A {itype.replace('_', ' ')} is not caused by our last release"
                   + ("" if not changed else " as far as the context shows")
                   + "; a rollback would not remove the cause.")
    else:
        decision = RollbackDecision(
            decision="undecided",
            reason="No deploy or change is recorded in the context: confirm recent changes to "
                   f"{svc} (deploy history, config, feature flags) before deciding.")
    order = list(profile.mitigate.order)
    if decision.decision != "rollback":
        order = [k for k in order if k != "rollback"] + ["rollback"]
    actions.sort(key=lambda a: order.index(a.kind) if a.kind in order else len(order))

    temporary = [f"{a.action} (temporary until the fix ships)" for a in actions
                 if a.kind in ("throttle", "feature_flag", "circuit_breaker", "scale", "reroute")]

    verify = [f"{r.metric} of {r.service} back to its baseline (it went {r.direction})"
              for r in facts.signals.anomalies[:3]]
    verify += [check.format(svc=svc, deps=deps) for check in profile.mitigate.verify]
    if not facts.signals.has_metrics:
        verify.append("No metrics source configured: verification needs a dashboard or query "
                      "(see observe's suggested queries)")
    return MitigateOutput(actions=actions, temporary_fixes=temporary,
                          rollback_decision=decision, verify_with=verify)


def _effect(kind: str, svc: str) -> str:
    return {
        "rollback": f"Removes the recent change from {svc}; errors caused by it stop",
        "feature_flag": "Turns the failing code path off for users",
        "throttle": "Reduces load so the critical traffic succeeds",
        "reroute": "Moves traffic away from the failing instances or version",
        "circuit_breaker": "Callers fail fast instead of tying up threads and connections",
        "scale": "Adds capacity where the service is saturated",
        "failover": "Serves from healthy infrastructure while the primary is repaired",
        "credential_rotation": "The exposed credential stops working; attackers lose access",
        "cleanup": "Frees the exhausted resource so normal operation resumes",
    }.get(kind, "Reduces user impact while the cause is investigated")
