"""Offline phase 2: deep debugging (five whys), security assessment, performance analysis."""

from __future__ import annotations

from agents.models import (
    Bottleneck,
    DebugOutput,
    DependencyImpact,
    MitigateOutput,
    ObserveOutput,
    Optimization,
    PerformanceOutput,
    SecurityIndicator,
    SecurityOutput,
    Vulnerability,
    Why,
)
from agents.offline.facts import Facts
from agents.text import matching_terms
from agents.words import enum_word
from i18n import current_locale, t


def _dir(value: str) -> str:
    """An enum value in words outside English; English keeps the raw value it always showed."""
    return value if current_locale().startswith("en") else enum_word(value) or value


def _observe_citations(observe: ObserveOutput | None) -> list[str]:
    if observe is None:
        return []
    cites = [t("agents2-investigate-cite-anomaly", metric=a.metric, service=a.service,
               direction=_dir(a.direction))
             + (t("agents2-investigate-cite-score", score=f"{a.score:.1f}")
                if a.score is not None else "")
             + (t("agents2-investigate-cite-change", start=a.change_start)
                if a.change_start else "")
             for a in observe.anomalies[:3]]
    cites += [t("agents2-investigate-cite-finding", summary=f.summary) for f in observe.findings
              if f.source != "step: triage"][:4]
    return cites


def debug(facts: Facts) -> DebugOutput:
    observe = facts.prior("observe", ObserveOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    profile = facts.profile
    svc = facts.services_phrase()
    deps = ", ".join(facts.dependencies) or t("agents2-investigate-a-provider")
    top = facts.top_runbook()
    causes = list(top.runbook.causes) if top else []
    if top:
        facts.cite_runbook(top)
    facts.cite_signals()

    evidence = _observe_citations(observe)
    if observe is None and facts.signals.anomalies:
        row = facts.signals.anomalies[0]
        evidence.append(t("agents2-investigate-evidence-anomaly", metric=row.metric,
                          service=row.service, direction=_dir(row.direction)))
    if mitigation:
        evidence.append(t("agents2-investigate-evidence-mitigate",
                          decision=_dir(mitigation.rollback_decision.decision),
                          reason=mitigation.rollback_decision.reason))

    symptom = profile.debug.symptom.format(svc=svc, deps=deps)
    whys: list[Why] = [Why(
        question=t("agents2-investigate-why-users"),
        answer=t("agents2-investigate-because", symptom=symptom, severity=facts.severity),
        evidence=t("agents2-investigate-declaration-alerts")
        + (t("agents2-investigate-then", text=evidence[0]) if evidence else ""),
        status="known")]
    unused = list(causes)  # runbook causes not yet used as an answer
    anomaly = observe.anomalies[0] if observe and observe.anomalies else None
    findings = [f for f in observe.findings if f.source != "step: triage"] if observe else []
    question = (profile.debug.question or t("agents2-investigate-why-misbehave", svc="{svc}")
                ).format(svc=svc, deps=deps)
    if anomaly:
        whys.append(Why(
            question=question,
            answer=t("agents2-investigate-anomaly-went", metric=anomaly.metric,
                     service=anomaly.service, direction=_dir(anomaly.direction))
                   + (t("agents2-investigate-from", start=anomaly.change_start)
                      if anomaly.change_start else "")
                   + t("agents2-investigate-strongest"),
            evidence=t("agents2-investigate-ranked-first", score=str(anomaly.score)),
            status="known"))
    elif findings:
        whys.append(Why(question=question, answer=findings[0].summary,
                        evidence=t("agents2-investigate-finding-source", source=findings[0].source),
                        status="known"))
    elif profile.security and unused:
        whys.append(Why(question=question,
                        answer=t("agents2-investigate-most-common", cause=unused.pop(0)),
                        evidence=top.path if top else "",
                        status="hypothesis"))
    else:
        whys.append(Why(question=question,
                        answer=t("agents2-investigate-no-findings"),
                        evidence=t("agents2-investigate-missing"), status="unknown"))
    cause = facts.signals.root_cause
    if cause is not None:
        top_cause = cause.candidates[0]
        whys.append(Why(
            question=t("agents2-investigate-why-blame", service=top_cause.service),
            answer=t("agents2-investigate-call-graph", path=top_cause.path_text)
                   + (t("agents2-investigate-explains", services=', '.join(top_cause.explains))
                      if top_cause.explains else ""),
            evidence=t("agents2-investigate-walk", source=cause.graph_source,
                       confidence=_dir(cause.confidence),
                       reason=cause.confidence_reason),
            status="known" if cause.confidence == "high" else "hypothesis"))
        evidence.append(t("agents2-investigate-walk-path", path=top_cause.path_text))
    if facts.changes:
        whys.append(Why(question=t("agents2-investigate-why-now"),
                        answer=t("agents2-investigate-follows-change", change=facts.changes[0]),
                        evidence=t("agents2-investigate-change-history"), status="known"))
    else:
        whys.append(Why(question=t("agents2-investigate-why-now"),
                        answer=(unused.pop(0) if unused else
                                t("agents2-investigate-unknown-trigger"))
                        + t("agents2-investigate-runbook-candidate"),
                        evidence=top.path if top else t("agents2-investigate-missing"),
                        status="hypothesis"))
    whys.append(Why(
        question=t("agents2-investigate-why-not-caught"),
        answer=t("agents2-investigate-not-stopped")
               + (t("agents2-investigate-from-report")
                  if not facts.context.alerts else t("agents2-investigate-alerts-late")),
        evidence=t("agents2-investigate-alerts-timeline"), status="hypothesis"))
    safeguard = top.runbook.hardening[0] if top and top.runbook.hardening else None
    whys.append(Why(
        question=t("agents2-investigate-why-vulnerable"),
        answer=(t("agents2-investigate-safeguard-missing", safeguard=safeguard) if safeguard
                else t("agents2-investigate-needs-review")),
        evidence=top.path if safeguard and top else t("agents2-investigate-missing"),
        status="hypothesis" if safeguard else "unknown"))

    established, tentative = True, False
    if facts.is_cosmetic:
        root = t("agents2-investigate-root-cosmetic", svc=svc)
        confidence = "low"
    elif facts.changes and profile.mitigate.rollback == "after_change":
        if anomaly or facts.context.alerts:
            root = t("agents2-investigate-root-change", change=facts.changes[0], svc=svc)
            confidence = "medium"
        else:  # a change is a fact; that it caused the errors is not, without metrics or alerts
            root = t("agents2-investigate-root-suspected", change=facts.changes[0])
            confidence = "low"
            tentative = True
    elif cause is not None:
        top_cause = cause.candidates[0]
        root = t("agents2-investigate-root-walk", service=top_cause.service,
                 path=top_cause.path_text)
        confidence = cause.confidence
    elif causes and (anomaly or facts.context.alerts):
        root = causes[0]
        confidence = "medium" if anomaly else "low"
    elif causes:
        # a runbook matched on the words alone is a candidate list, not a root cause
        root = t("agents2-investigate-root-untested")
        confidence = "low"
        established = tentative = False
    else:
        root = t("agents2-investigate-root-unknown", symptom=symptom)
        confidence = "low"
        established = tentative = False
    if confidence != "high" and established and not tentative:
        root += t("agents2-investigate-root-hypothesis")

    first = 0 if not established else 1
    factors = [t("agents2-investigate-candidate", cause=c) for c in causes[first:3]]
    if not facts.context.alerts:
        factors.append(t("agents2-investigate-human-report"))
    if not facts.signals.has_metrics:
        factors.append(t("agents2-investigate-no-metrics"))
    # what mitigation is in place is not a cause: it is in the evidence used (mitigate's decision)

    impact_map = [DependencyImpact(service=name, direction="self", impact=symptom)
                  for name in facts.primary_services[:3]]
    reach = profile.debug.dependency_impact
    if reach:
        impact_map += [DependencyImpact(service=name, direction="downstream",
                                        impact=reach.replace("{name}", name))
                       for name in facts.dependencies[:3]]
    elif facts.primary_services:
        impact_map += [DependencyImpact(service=name, direction="upstream",
                                        impact=t("agents2-investigate-propagates", name=name, svc=svc))
                       for name in facts.dependencies[:3]]
    primaries = set(facts.primary_services) | set(facts.dependencies)
    if observe:
        impact_map += [DependencyImpact(service=a.service, direction="downstream",
                                        impact=t("agents2-investigate-also-anomalous", metric=a.metric,
                                                 direction=_dir(a.direction)))
                       for a in observe.anomalies[:5] if a.service not in primaries]

    investigations = list(profile.debug.investigations)
    if top:
        investigations += [f"{c} ({top.path})" for c in top.runbook.checks[:3]]
    questions = []
    if not facts.changes:
        questions.append(t("agents2-investigate-what-changed"))
    if observe is None:
        questions.append(t("agents2-investigate-what-signals"))
    questions += [m for m in facts.missing_basics() if m == t("agents-facts-missing-metrics")]
    return DebugOutput(
        five_whys=whys, root_cause=root, root_cause_confidence=confidence,
        contributing_factors=factors, dependency_impact=impact_map, evidence_used=evidence,
        next_investigations=investigations, open_questions=questions)


# --- security --------------------------------------------------------------------------------

INDICATORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("credentials", "high", ("leak", "leaked", "exposed", "secret", "credential", "api key",
                             "access key", "token", "password", "private key", "洩漏", "外洩",
                             "金鑰", "密碼")),
    ("ddos", "high", ("ddos", "bot attack", "traffic spike", "flood", "攻擊")),
    ("authn_authz", "medium", ("401", "403", "unauthorized", "unauthorised", "forbidden",
                               "login failures", "auth failures", "brute force",
                               "credential stuffing")),
    ("data_exposure", "high", ("pii", "personal data", "customer data", "data exposure",
                               "public bucket", "exfiltration", "個資")),
    ("suspicious_access", "medium", ("suspicious", "unusual", "unknown ip", "unknown ips",
                                     "anomalous access", "new iam user", "可疑")),
)


def security(facts: Facts) -> SecurityOutput:
    dbg = facts.prior("debug", DebugOutput)
    is_security = facts.profile.security
    text = facts.text + " " + (dbg.root_cause.lower() if dbg else "")
    indicators = []
    for category, level, terms in INDICATORS:
        hits = matching_terms(text, list(terms))
        if hits:
            indicators.append(SecurityIndicator(
                category=category,
                observation=t("agents2-investigate-mentioned", terms=", ".join(hits[:4])),
                severity=level))
    # A leak term in a performance incident ("memory leak") is not a credential signal.
    if not is_security:
        indicators = [i for i in indicators
                      if not (i.category == "credentials" and "leak" in i.observation
                              and "secret" not in i.observation and "key" not in i.observation)]
    if is_security:
        related = "yes"
    elif indicators:
        related = "possible"
    else:
        related = "no"

    security_types = {t for t, p in facts.types.items() if p.security}
    sec_books = [m for m in facts.runbooks if security_types & set(m.runbook.incident_types)]
    vulns: list[Vulnerability] = []
    actions: list[str] = []
    checks: list[str] = []
    for match in sec_books[:1]:
        path = facts.cite_runbook(match)
        fixes = match.runbook.hardening + [""] * len(match.runbook.causes)
        for cause, fix in zip(match.runbook.causes, fixes, strict=False):
            vulns.append(Vulnerability(
                title=cause.split(" - ")[0].split(",")[0][:80], description=cause,
                severity="high", remediation=fix or t("agents2-investigate-see", path=path)))
        actions += [f"{m.action} ({path})" for m in match.runbook.mitigations]
        checks += [f"{c} ({path})" for c in match.runbook.checks]
    checks += [
        t("agents2-investigate-check-waf"),
        t("agents2-investigate-check-firewall"),
        t("agents2-investigate-check-audit"),
        t("agents2-investigate-check-auth"),
    ]
    if related == "no":
        actions.append(t("agents2-investigate-no-security-action"))
    elif related == "possible":
        actions.append(t("agents2-investigate-possibly-security"))

    root = t("agents2-investigate-debug-root", root_cause=dbg.root_cause) if dbg else (
        t("agents2-investigate-debug-not-run"))
    if related == "yes":
        assessment = t("agents2-investigate-assess-yes", severity=facts.severity, root=root)
        exposure = t("agents2-investigate-exposure-yes")
    elif related == "possible":
        assessment = t("agents2-investigate-assess-possible",
                       categories=', '.join(i.category for i in indicators), root=root)
        exposure = t("agents2-investigate-exposure-possible")
    else:
        assessment = t("agents2-investigate-assess-no", root=root)
        exposure = t("agents2-investigate-exposure-no")
    if not facts.context.evidence.audit_log and related != "no":
        exposure += t("agents2-investigate-no-audit-log")
    return SecurityOutput(
        security_related=related, assessment=assessment, indicators=indicators,
        vulnerabilities=vulns, data_exposure=exposure, recommended_actions=actions,
        checks=checks)


# --- performance -----------------------------------------------------------------------------

_PERF_FAMILIES = ("cpu", "mem", "latency", "duration", "throttl", "gc", "heap", "pool", "disk",
                  "queue", "lag", "p99", "p95", "response")
# recommendation and expected_impact are catalogue keys, worded when the step runs
_OPTIMIZATIONS: tuple[tuple[tuple[str, ...], Optimization], ...] = (
    (("database", "db", "query", "queries", "connection pool", "pool", "postgres", "mysql",
      "資料庫", "連線池"),
     Optimization(area="query", recommendation="agents2-investigate-opt-query",
                  expected_impact="agents2-investigate-opt-query-impact",
                  effort="medium")),
    (("cache", "redis", "hit rate", "stampede"),
     Optimization(area="cache", recommendation="agents2-investigate-opt-cache",
                  expected_impact="agents2-investigate-opt-cache-impact", effort="small")),
    (("latency", "slow", "cpu", "throttling", "p99", "緩慢", "延遲", "saturation"),
     Optimization(area="autoscaling", recommendation="agents2-investigate-opt-autoscaling",
                  expected_impact="agents2-investigate-opt-autoscaling-impact", effort="small")),
    (("load balancer", "ingress", "502", "504", "uneven"),
     Optimization(area="load_balancer", recommendation="agents2-investigate-opt-lb",
                  expected_impact="agents2-investigate-opt-lb-impact", effort="small")),
    (("cdn", "static", "images", "assets", "edge"),
     Optimization(area="cdn", recommendation="agents2-investigate-opt-cdn",
                  expected_impact="agents2-investigate-opt-cdn-impact", effort="small")),
)


def performance(facts: Facts) -> PerformanceOutput:
    dbg = facts.prior("debug", DebugOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    facts.cite_signals()
    bottlenecks: list[Bottleneck] = []
    for row in facts.signals.anomalies:
        if any(f in row.metric.lower() for f in _PERF_FAMILIES):
            score = row.score or 0
            bottlenecks.append(Bottleneck(
                component=f"{row.service} ({row.metric})",
                description=t("agents2-investigate-went-during", metric=row.metric,
                              direction=_dir(row.direction)),
                evidence=t("agents2-investigate-anomaly-scan")
                + (t("agents2-investigate-score", score=f"{score:.1f}") if row.score else ""),
                severity="critical" if score >= 10 else "high" if score >= 6 else "medium"))
    text = facts.text + " " + (dbg.root_cause.lower() if dbg else "")
    if matching_terms(text, ["connection pool", "pool exhausted", "too many connections",
                             "連線池"]):
        bottlenecks.append(Bottleneck(
            component=t("agents2-investigate-pool"), description=t("agents2-investigate-pool-wait"),
            evidence=t("agents2-investigate-pool-named"), severity="high"))
    # No bottleneck from a root-cause hypothesis alone: a bottleneck is a measured fact (issue 10,
    # "evidence or silence"); without metrics the step says what is missing instead.

    recommendations = []
    capacity_types = {t for t, p in facts.types.items() if p.capacity}
    perf_books = [m for m in facts.runbooks if capacity_types & set(m.runbook.incident_types)]
    for match in perf_books[:2]:
        path = facts.cite_runbook(match)
        recommendations += [f"{m.action} ({path})" for m in match.runbook.mitigations
                            if m.kind in ("scale", "throttle")]
    if not recommendations:
        recommendations.append(t("agents2-investigate-no-saturation"))

    optimizations = [opt.model_copy(update={"recommendation": t(opt.recommendation),
                                            "expected_impact": t(opt.expected_impact)})
                     for terms, opt in _OPTIMIZATIONS if matching_terms(text, list(terms))]
    if not optimizations:
        optimizations.append(Optimization(
            area="other", recommendation=t("agents2-investigate-opt-metrics",
                                           services=facts.services_phrase()),
            expected_impact=t("agents2-investigate-opt-metrics-impact"), effort="small"))

    if facts.signals.has_metrics:
        capacity = t("agents2-investigate-capacity", where=", ".join(
            f"{r.service} {r.metric}" for r in facts.signals.anomalies[:3]))
    else:
        capacity = t("agents2-investigate-capacity-unknown")
    if mitigation:
        done = [a.action for a in mitigation.actions if a.status == "done"]
        planned = [a.action for a in mitigation.actions if a.status != "done"][:2]
        state = (t("agents2-investigate-state-decision", decision=_dir(
                     mitigation.rollback_decision.decision))
                 + (t("agents2-investigate-state-done", done='; '.join(done)) if done
                    else t("agents2-investigate-state-none-done"))
                 + (t("agents2-investigate-state-next", planned='; '.join(planned))
                    if planned else ""))
        if any(a.kind in ("throttle", "feature_flag") and a.status == "done"
               for a in mitigation.actions):
            state += t("agents2-investigate-state-reduced")
    else:
        state = t("agents2-investigate-state-unknown")
    return PerformanceOutput(
        bottlenecks=bottlenecks, resource_recommendations=recommendations,
        optimizations=optimizations, capacity_notes=capacity, mitigation_state=state)
