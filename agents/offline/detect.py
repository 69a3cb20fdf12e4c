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
from agents.words import enum_word
from i18n import current_locale, t

MITIGATION_KINDS = set(get_args(MitigationKind))
SCOPE = {  # catalogue keys (agents2-detect.ftl)
    "SEV1": "agents2-detect-scope-sev1",
    "SEV2": "agents2-detect-scope-sev2",
    "SEV3": "agents2-detect-scope-sev3",
    "SEV4": "agents2-detect-scope-sev4",
}
REVENUE_TERMS = ["checkout", "payment", "payments", "billing", "cart", "order", "orders",
                 "stripe", "paypal", "adyen", "結帳", "付款", "支付", "訂單", "金流"]


def _type_words(itype: str) -> str:
    """An incident type or role in words: English keeps its own spelling (roles: their
    identifier, as before); other locales read the catalogue's word for it."""
    if current_locale().startswith("en"):
        return itype if itype in ("incident_commander", "tech_lead", "comms_lead", "sme") \
            else itype.replace("_", " ")
    return enum_word(itype) or itype.replace("_", " ")


def _business_risk(facts: Facts, severity: str, profile: IncidentTypeProfile) -> str:
    risks = []
    if matching_terms(facts.text, REVENUE_TERMS):
        risks.append(t("agents2-detect-risk-revenue"))
    cosmetic = profile.sev4_is_cosmetic and severity == "SEV4"
    if profile.triage.business_risk and not cosmetic:
        risks.append(profile.triage.business_risk)
    if severity in ("SEV1", "SEV2") and profile.user_facing:
        risks.append(t("agents2-detect-risk-sla"))
    if severity == "SEV4":
        risks.append(t("agents2-detect-risk-minor"))
    if risks:
        text = t("agents2-detect-risk-separator").join(risks)
        return text[0].upper() + text[1:] + t("agents2-detect-sentence-end")
    return (
        t("agents2-detect-risk-limited")
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
            score = t("agents2-detect-anomaly-evidence-score", score=f"{row.score:.1f}") \
                if row.score is not None else ""
            affected.append(AffectedService(
                name=row.service, role="suspected",
                evidence=t("agents2-detect-anomaly-evidence", metric=row.metric,
                           direction=row.direction, score=score)))
    dependencies = [m.name for m in facts.mentions if m.role == "dependency"]

    runbooks = facts.runbooks
    for match in runbooks:
        facts.cite_runbook(match)

    svc = ", ".join(a.name for a in affected if a.role == "primary")[:200] or t("agents-facts-affected-service")
    deps = ", ".join(dependencies) or t("agents2-detect-an-external-provider")
    profile = facts.types[cls.incident_type]
    impact = profile.triage.impact.format(svc=svc, deps=deps)
    if cls.severity == "SEV4" and profile.sev4_is_cosmetic:
        impact = t("agents2-detect-cosmetic-impact", svc=svc)
    if not profile.user_facing:
        impact += t("agents2-detect-sentence-end")
    else:
        impact += t("agents2-detect-impact-scope", scope=t(SCOPE[cls.severity]))
    if not facts.signals.has_metrics:
        impact += t("agents2-detect-impact-not-measured")

    assignments = []
    needed = profile.triage.needed_roles.get(cls.severity, [])
    for role in ("incident_commander", "tech_lead", "comms_lead"):
        holder = facts.role_holder(role)
        status = "assigned" if holder else ("needed" if role in needed else "optional")
        note = "" if holder else (t("agents2-detect-assign-now") if role in needed else
                                  t("agents2-detect-not-required", severity=cls.severity))
        assignments.append(CommandAssignment(role=role, assignee=holder, status=status,
                                             note=note))
    sme = facts.role_holder("sme")
    assignments.append(CommandAssignment(
        role="sme", assignee=sme, status="assigned" if sme else "optional",
        note=t("agents2-detect-sme-suggested", hint=profile.triage.sme_hint)))

    slo = ctx.evidence.slo
    if slo:
        slo_status = SloStatus(status=slo.status, detail=slo.detail, error_budget=slo.error_budget)
        facts.cite(t("agents4-evidence-field", field="slo"))
    else:
        burn = (t("agents2-detect-slo-burn", severity=cls.severity,
                  type=_type_words(cls.incident_type)) if cls.severity in ("SEV1", "SEV2") else "")
        slo_status = SloStatus(
            status="unknown",
            detail=t("agents2-detect-slo-missing", svc=svc, burn=burn),
            error_budget=t("agents2-detect-error-budget-unknown"),
        )

    actions = []
    if any(a.status == "needed" for a in assignments):
        actions.append(t("agents2-detect-action-assign-roles",
                         roles=", ".join(_type_words(a.role) for a in assignments
                                         if a.status == "needed")))
    top = facts.top_runbook()
    if top:
        if top.runbook.checks:
            actions.append(f"{top.runbook.checks[0]} ({top.path})")
        if top.runbook.mitigations:
            actions.append(t("agents2-detect-action-prepare",
                             action=top.runbook.mitigations[0].action, path=top.path))
    else:
        actions.append(t("agents2-detect-action-look", svc=svc))
    if facts.changes:
        actions.append(t("agents2-detect-action-check-change", change=facts.changes[0]))

    missing = facts.missing_basics()
    if not slo:
        missing.append(t("agents2-detect-missing-slo"))
    if not runbooks:
        missing.append(t("agents2-detect-missing-runbook"))

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
            return SuggestedQuery(system=system, query=query,
                                  purpose=t("agents2-detect-purpose-runbook"))
    return None


def observe(facts: Facts) -> ObserveOutput:
    ctx = facts.context
    facts.cite_alerts()
    facts.cite_signals()
    findings: list[Finding] = []
    for alert in ctx.alerts:
        service = next((alert.labels[k] for k in ("service", "app", "job") if alert.labels.get(k)),
                       None)
        since = t("agents2-detect-alert-since", time=fmt_time(alert.starts_at)) \
            if alert.starts_at else ""
        summary = alert.annotations.get("summary") or alert.annotations.get("description") or ""
        findings.append(Finding(
            summary=t("agents2-detect-alert-finding", name=alert.name, status=alert.status,
                      since=since,
                      summary=t("agents2-detect-alert-summary", summary=summary) if summary else ""),
            source=f"alert: {alert.source}/{alert.name}", service=service, confidence="high"))
    cause = facts.signals.root_cause
    if cause is not None:
        top = cause.candidates[0]
        findings.append(Finding(
            summary=t("agents2-detect-root-cause-finding", service=top.service, path=top.path_text,
                      confidence=cause.confidence, reason=cause.confidence_reason),
            source=t("agents2-detect-root-cause-source", graph=cause.graph_source),
            service=top.service, confidence=cause.confidence))
    for gap in facts.signals.gaps:
        findings.append(Finding(summary=gap, source=t("agents2-detect-scan-coverage"),
                                confidence="high"))
    for row in facts.signals.anomalies[:5]:
        text = row.summary or t(
            "agents2-detect-anomaly-finding", metric=row.metric, service=row.service,
            direction=row.direction,
            score=t("agents2-detect-anomaly-finding-score", score=f"{row.score:.1f}")
            if row.score is not None else "",
            start=t("agents2-detect-anomaly-finding-start", start=row.change_start)
            if row.change_start else "")
        findings.append(Finding(summary=text,
                                source=f"PromQL: {row.promql}" if row.promql
                                else t("agents2-detect-anomaly-scan"),
                                service=row.service,
                                confidence="high" if (row.score or 0) >= 6 else "medium"))
    for change in facts.changes[:3]:
        findings.append(Finding(summary=t("agents2-detect-recent-change", change=change),
                                source=t("agents2-detect-change-history"), confidence="medium"))
    for entry in facts.timeline_with(kinds=("message",)):
        findings.append(Finding(summary=entry.text,
                                source=t("agents2-detect-timeline-source",
                                         actor=entry.actor or t("agents2-detect-team")),
                                confidence="medium"))

    anomalies = [
        Anomaly(service=r.service, metric=r.metric, score=r.score,
                direction=r.direction if r.direction in ("up", "down") else "unknown",
                change_start=r.change_start, source=t("agents2-detect-anomaly-scan"))
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
                                        signals=t("agents2-detect-health-anomalous",
                                                  metric=row.metric, direction=row.direction)))
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
                                        signals=t("agents2-detect-health-firing",
                                                  alerts=", ".join(firing))))
        elif declared_down and name in facts.primary_services:
            health.append(ServiceHealth(service=name, status="down",
                                        signals=t("agents2-detect-health-declared-down")))
        else:
            health.append(ServiceHealth(service=name, status="unknown",
                                        signals=t("agents2-detect-health-no-metrics")))

    traces = ctx.evidence.traces
    if traces:
        trace_analysis = t("agents2-detect-traces-provided", traces=traces[:400])
        facts.cite(t("agents4-evidence-field", field="traces"))
    else:
        svc = facts.services_phrase()
        first = facts.signals.anomalies[0].service if facts.signals.anomalies else None
        trace_analysis = (
            t("agents2-detect-traces-missing-first", first=first, svc=svc) if first
            else t("agents2-detect-traces-missing", svc=svc)
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
        patterns.append(t("agents2-detect-declared-symptoms", terms=", ".join(symptom_terms)))

    degradation = [t("agents2-detect-degradation-anomaly", service=r.service, metric=r.metric,
                     direction=r.direction) for r in facts.signals.anomalies[:3]]
    degradation += [t("agents2-detect-degradation-dependency", name=d)
                    for d in facts.dependencies[:2]]

    queries: list[SuggestedQuery] = []
    for name in facts.primary_services[:2]:
        if "." in name or name.split("-")[-1] in _DATASTORES:
            continue  # a host or a datastore: the runbook checks below fit better
        queries += [
            SuggestedQuery(system="Prometheus",
                           query=f'sum(rate(http_requests_total{{service="{name}",code=~"5.."}}[5m]))'
                                 f' / sum(rate(http_requests_total{{service="{name}"}}[5m]))',
                           purpose=t("agents2-detect-purpose-error-ratio", name=name)),
            SuggestedQuery(system="Prometheus",
                           query="histogram_quantile(0.99, sum by (le) (rate("
                                 f'http_request_duration_seconds_bucket{{service="{name}"}}[5m])))',
                           purpose=t("agents2-detect-purpose-p99", name=name)),
            SuggestedQuery(system="Loki",
                           query=f'{{service="{name}"}} |~ "(?i)(error|exception|timeout)"',
                           purpose=t("agents2-detect-purpose-error-logs", name=name)),
        ]
    for match in facts.runbooks[:2]:
        for check in match.runbook.checks:
            query = _as_query(check)
            if query:
                query.purpose = t("agents2-detect-purpose-runbook-path", path=match.path)
                queries.append(query)
                facts.cite_runbook(match)

    missing = []
    if not facts.signals.has_metrics:
        missing.append(t("agents2-detect-missing-metrics"))
    if facts.signals.has_metrics and cause is None and facts.signals.anomalies:
        missing.append(t("agents2-detect-missing-call-graph"))
    missing += facts.signals.gaps
    if not traces:
        missing.append(t("agents2-detect-missing-traces"))
    if not ctx.evidence.error_patterns:
        missing.append(t("agents2-detect-missing-logs"))
    if not ctx.evidence.rum:
        missing.append(t("agents2-detect-missing-rum"))
    if not facts.triage:
        missing.append(t("agents2-detect-missing-triage"))

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
    deps = ", ".join(facts.dependencies) or t("agents2-detect-the-provider")
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
            action=t("agents2-detect-cosmetic-action", svc=svc),
            kind="other", status=_status(facts, "other"), risk=t("agents2-detect-risk-low"),
            expected_effect=t("agents2-detect-cosmetic-effect"),
            source=t("agents2-detect-cosmetic-source")))
    if not actions:
        for item in profile.mitigate.fallbacks:
            actions.append(MitigationAction(
                action=item.action.format(svc=svc, deps=deps), kind=item.kind,
                status=_status(facts, item.kind), risk=item.risk,
                expected_effect=_effect(item.kind, svc),
                source=t("agents2-detect-generic-source")))

    changed = bool(facts.changes)
    policy = profile.mitigate.rollback
    if changed and policy == "after_change":
        decision = RollbackDecision(
            decision="rollback",
            reason=t("agents2-detect-reason-rollback", change=facts.changes[0]))
    elif facts.is_cosmetic:
        decision = RollbackDecision(
            decision="no_rollback",
            reason=t("agents2-detect-reason-cosmetic"))
    elif policy == "never" or (policy == "undecided_after_change" and not changed):
        decision = RollbackDecision(
            decision="no_rollback",
            reason=t("agents2-detect-reason-not-release-changed" if changed
                     else "agents2-detect-reason-not-release", type=_type_words(itype)))
    else:
        decision = RollbackDecision(
            decision="undecided",
            reason=t("agents2-detect-reason-undecided", svc=svc))
    order = list(profile.mitigate.order)
    if decision.decision != "rollback":
        order = [k for k in order if k != "rollback"] + ["rollback"]
    actions.sort(key=lambda a: order.index(a.kind) if a.kind in order else len(order))

    temporary = [t("agents2-detect-temporary", action=a.action) for a in actions
                 if a.kind in ("throttle", "feature_flag", "circuit_breaker", "scale", "reroute")]

    verify = [t("agents2-detect-verify-baseline", metric=r.metric, service=r.service,
                direction=r.direction)
              for r in facts.signals.anomalies[:3]]
    verify += [check.format(svc=svc, deps=deps) for check in profile.mitigate.verify]
    if not facts.signals.has_metrics:
        verify.append(t("agents2-detect-verify-no-metrics"))
    return MitigateOutput(actions=actions, temporary_fixes=temporary,
                          rollback_decision=decision, verify_with=verify)


def _effect(kind: str, svc: str) -> str:
    return t({
        "rollback": "agents2-detect-effect-rollback",
        "feature_flag": "agents2-detect-effect-feature-flag",
        "throttle": "agents2-detect-effect-throttle",
        "reroute": "agents2-detect-effect-reroute",
        "circuit_breaker": "agents2-detect-effect-circuit-breaker",
        "scale": "agents2-detect-effect-scale",
        "failover": "agents2-detect-effect-failover",
        "credential_rotation": "agents2-detect-effect-credential-rotation",
        "cleanup": "agents2-detect-effect-cleanup",
    }.get(kind, "agents2-detect-effect-other"), svc=svc)
