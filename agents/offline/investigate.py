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


def _observe_citations(observe: ObserveOutput | None) -> list[str]:
    if observe is None:
        return []
    cites = [f"observe anomaly: {a.metric} of {a.service} {a.direction}"
             + (f" (score {a.score:.1f})" if a.score is not None else "")
             + (f", change started {a.change_start}" if a.change_start else "")
             for a in observe.anomalies[:3]]
    cites += [f"observe finding: {f.summary}" for f in observe.findings
              if f.source != "step: triage"][:4]
    return cites


def debug(facts: Facts) -> DebugOutput:
    observe = facts.prior("observe", ObserveOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    profile = facts.profile
    svc = facts.services_phrase()
    deps = ", ".join(facts.dependencies) or "a provider"
    top = facts.top_runbook()
    causes = list(top.runbook.causes) if top else []
    if top:
        facts.cite_runbook(top)
    facts.cite_signals()

    evidence = _observe_citations(observe)
    if observe is None and facts.signals.anomalies:
        row = facts.signals.anomalies[0]
        evidence.append(f"evidence anomaly: {row.metric} of {row.service} {row.direction}")
    if mitigation:
        evidence.append(f"mitigate: rollback decision {mitigation.rollback_decision.decision} - "
                        f"{mitigation.rollback_decision.reason}")

    symptom = profile.debug.symptom.format(svc=svc, deps=deps)
    whys: list[Why] = [Why(
        question="Why are users affected?",
        answer=f"Because {symptom} ({facts.severity}).",
        evidence="declaration and alerts" + (f"; {evidence[0]}" if evidence else ""),
        status="known")]
    unused = list(causes)  # runbook causes not yet used as an answer
    anomaly = observe.anomalies[0] if observe and observe.anomalies else None
    findings = [f for f in observe.findings if f.source != "step: triage"] if observe else []
    question = (profile.debug.question or "Why does {svc} misbehave?").format(svc=svc, deps=deps)
    if anomaly:
        whys.append(Why(
            question=question,
            answer=f"{anomaly.metric} of {anomaly.service} went {anomaly.direction}"
                   + (f" from {anomaly.change_start}" if anomaly.change_start else "")
                   + ", the strongest anomaly observe found.",
            evidence=f"observe anomaly ranked first (score {anomaly.score})",
            status="known"))
    elif findings:
        whys.append(Why(question=question, answer=findings[0].summary,
                        evidence=f"observe finding ({findings[0].source})", status="known"))
    elif profile.security and unused:
        whys.append(Why(question=question, answer=f"{unused.pop(0)} (most common path; confirm "
                        "from the repository or log history)", evidence=top.path if top else "",
                        status="hypothesis"))
    else:
        whys.append(Why(question=question,
                        answer="Unknown: no observability findings yet (observe has not run or "
                               "no metrics source is configured).",
                        evidence="missing", status="unknown"))
    cause = facts.signals.root_cause
    if cause is not None:
        top_cause = cause.candidates[0]
        whys.append(Why(
            question=f"Why does the blame land on {top_cause.service}?",
            answer=f"Following the call graph: {top_cause.path_text}"
                   + (f"; its anomaly explains {', '.join(top_cause.explains)}"
                      if top_cause.explains else ""),
            evidence=f"root-cause walk ({cause.graph_source}; {cause.confidence} confidence: "
                     f"{cause.confidence_reason})",
            status="known" if cause.confidence == "high" else "hypothesis"))
        evidence.append(f"root-cause walk: {top_cause.path_text}")
    if facts.changes:
        whys.append(Why(question="Why did it start now?",
                        answer=f"It follows a recorded change: {facts.changes[0]}.",
                        evidence="change history / timeline", status="known"))
    else:
        whys.append(Why(question="Why did it start now?",
                        answer=(unused.pop(0) if unused else
                                "Unknown trigger; no change recorded.")
                        + " (candidate from the runbook; no change history to confirm)",
                        evidence=top.path if top else "missing", status="hypothesis"))
    whys.append(Why(
        question="Why was it not caught before users saw it?",
        answer="No alert, canary gate or test stopped it before impact"
               + (" (declared from a person's report, no alert attached)."
                  if not facts.context.alerts else " (alerts fired only once users were hit)."),
        evidence="alerts and timeline", status="hypothesis"))
    safeguard = top.runbook.hardening[0] if top and top.runbook.hardening else None
    whys.append(Why(
        question="Why was the system vulnerable to it?",
        answer=(f"A safeguard is missing: {safeguard}" if safeguard
                else "Unknown: needs the team's review of design and safeguards."),
        evidence=top.path if safeguard and top else "missing",
        status="hypothesis" if safeguard else "unknown"))

    if facts.is_cosmetic:
        root = (f"A content or style change on {svc} shipped without a review that would catch "
                "it")
        confidence = "low"
    elif facts.changes and profile.mitigate.rollback == "after_change":
        if anomaly or facts.context.alerts:
            root = f"The recorded change ({facts.changes[0]}) introduced a failure in {svc}"
            confidence = "medium"
        else:  # a change is a fact; that it caused the errors is not, without metrics or alerts
            root = (f"Suspected: {facts.changes[0]}; no metrics or alerts tie it to the errors "
                    "yet")
            confidence = "low"
    elif cause is not None:
        top_cause = cause.candidates[0]
        root = f"{top_cause.service} is where the anomaly starts: {top_cause.path_text}"
        confidence = cause.confidence
    elif causes and (anomaly or facts.context.alerts):
        root = causes[0]
        confidence = "medium" if anomaly else "low"
    elif causes:
        # a runbook matched on the words alone is a candidate list, not a root cause
        root = ("Not established: no metrics or alerts to test the runbook's candidates "
                "against; connect a metrics source or attach the firing alert")
        confidence = "low"
    else:
        root = f"Not established: {symptom}; no change, runbook or evidence explains it yet"
        confidence = "low"
    if confidence != "high" and not root.startswith(("Not established", "Suspected")):
        root += " (hypothesis until confirmed by the next investigations)"

    first = 0 if root.startswith("Not established") else 1
    factors = [f"Candidate: {c}" for c in causes[first:3]]
    if not facts.context.alerts:
        factors.append("Detection relied on a human report: no alert was attached")
    if not facts.signals.has_metrics:
        factors.append("No metrics source connected, which slows diagnosis")
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
                                        impact=f"{name} failing propagates to {svc}")
                       for name in facts.dependencies[:3]]
    primaries = set(facts.primary_services) | set(facts.dependencies)
    if observe:
        impact_map += [DependencyImpact(service=a.service, direction="downstream",
                                        impact=f"also anomalous: {a.metric} {a.direction}")
                       for a in observe.anomalies[:5] if a.service not in primaries]

    investigations = list(profile.debug.investigations)
    if top:
        investigations += [f"{c} ({top.path})" for c in top.runbook.checks[:3]]
    questions = []
    if not facts.changes:
        questions.append("What changed in the last 24 hours (deploys, config, flags, traffic)?")
    if observe is None:
        questions.append("What do the observability signals show? (observe has not run)")
    questions += [m for m in facts.missing_basics() if "metrics" in m]
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
                category=category, observation="mentioned: " + ", ".join(hits[:4]),
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
                severity="high", remediation=fix or f"see {path}"))
        actions += [f"{m.action} ({path})" for m in match.runbook.mitigations]
        checks += [f"{c} ({path})" for c in match.runbook.checks]
    checks += [
        "WAF / edge logs: request rate by client IP and ASN in the incident window",
        "Security groups and firewall rules changed in the last 24 hours",
        "Audit trail (CloudTrail, GitHub audit log, IdP sign-in logs) for the incident window",
        "Authentication failure rate (401/403) against its baseline",
    ]
    if related == "no":
        actions.append("No security action needed from the current evidence; run the checks "
                       "to rule it out and re-assess if they show anything")
    elif related == "possible":
        actions.append("Treat as possibly security-related: bring in the security on-call and "
                       "preserve logs before they rotate")

    root = f"Debugging's root cause: {dbg.root_cause}." if dbg else (
        "Debug has not run: no root cause to assess yet.")
    if related == "yes":
        assessment = (f"Security incident ({facts.severity}). {root} Contain first (revoke, "
                      "rotate, block), then bound the blast radius from the audit trail.")
        exposure = ("Unknown until the audit trail for the exposure window is reviewed; the "
                    "permissions of the exposed credential bound the worst case.")
    elif related == "possible":
        assessment = (f"Possibly security-related: {', '.join(i.category for i in indicators)} "
                      f"indicators are mentioned. {root}")
        exposure = "Not established; no evidence of data access in the context."
    else:
        assessment = (f"No sign of an attack, credential problem or data exposure in the "
                      f"context. {root}")
        exposure = "No indication of data exposure in the context."
    if not facts.context.evidence.audit_log and related != "no":
        exposure += " Missing: no audit-log data connected."
    return SecurityOutput(
        security_related=related, assessment=assessment, indicators=indicators,
        vulnerabilities=vulns, data_exposure=exposure, recommended_actions=actions,
        checks=checks)


# --- performance -----------------------------------------------------------------------------

_PERF_FAMILIES = ("cpu", "mem", "latency", "duration", "throttl", "gc", "heap", "pool", "disk",
                  "queue", "lag", "p99", "p95", "response")
_OPTIMIZATIONS: tuple[tuple[tuple[str, ...], Optimization], ...] = (
    (("database", "db", "query", "queries", "connection pool", "pool", "postgres", "mysql",
      "資料庫", "連線池"),
     Optimization(area="query", recommendation="Find the top queries by total time "
                  "(pg_stat_statements) and add the missing indexes; set statement_timeout",
                  expected_impact="Shorter connection hold times, fewer pool waits",
                  effort="medium")),
    (("cache", "redis", "hit rate", "stampede"),
     Optimization(area="cache", recommendation="Check cache hit rate; add request coalescing "
                  "and jittered TTLs to prevent stampedes", expected_impact="Lower load on the "
                  "origin after evictions", effort="small")),
    (("latency", "slow", "cpu", "throttling", "p99", "緩慢", "延遲", "saturation"),
     Optimization(area="autoscaling", recommendation="Autoscale on a leading signal (RPS, queue "
                  "depth) with max replicas above peak x 1.5, and remove CPU limits that throttle",
                  expected_impact="Capacity arrives before latency rises", effort="small")),
    (("load balancer", "ingress", "502", "504", "uneven"),
     Optimization(area="load_balancer", recommendation="Check target health and connection "
                  "draining; use least-request balancing for uneven request costs",
                  expected_impact="Fewer errors during deploys and uneven load", effort="small")),
    (("cdn", "static", "images", "assets", "edge"),
     Optimization(area="cdn", recommendation="Serve static and cacheable responses from the CDN "
                  "with long TTLs", expected_impact="Less origin load", effort="small")),
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
                description=f"{row.metric} went {row.direction} during the incident",
                evidence="metric anomaly scan" + (f", score {score:.1f}" if row.score else ""),
                severity="critical" if score >= 10 else "high" if score >= 6 else "medium"))
    text = facts.text + " " + (dbg.root_cause.lower() if dbg else "")
    if matching_terms(text, ["connection pool", "pool exhausted", "too many connections",
                             "連線池"]):
        bottlenecks.append(Bottleneck(
            component="database connection pool", description="Callers wait for connections",
            evidence="named in the declaration or root cause", severity="high"))
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
        recommendations.append("No saturation shown by the evidence: keep current capacity; "
                               "re-run with metrics to confirm headroom")

    optimizations = [opt for terms, opt in _OPTIMIZATIONS if matching_terms(text, list(terms))]
    if not optimizations:
        optimizations.append(Optimization(
            area="other", recommendation="Add request-level latency and saturation metrics to "
            f"{facts.services_phrase()} before optimising (nothing to measure against now)",
            expected_impact="Makes the next performance question answerable", effort="small"))

    if facts.signals.has_metrics:
        capacity = ("Anomalies show where load concentrated: "
                    + ", ".join(f"{r.service} {r.metric}" for r in facts.signals.anomalies[:3])
                    + ". Utilisation figures are not in the context; compare peak usage with "
                      "limits per service.")
    else:
        capacity = ("No utilisation data in the context (no metrics source configured): "
                    "capacity headroom cannot be stated.")
    if mitigation:
        done = [a.action for a in mitigation.actions if a.status == "done"]
        planned = [a.action for a in mitigation.actions if a.status != "done"][:2]
        state = (f"Rollback decision: {mitigation.rollback_decision.decision}. "
                 + (f"Done: {'; '.join(done)}. " if done else "Nothing recorded as done yet. ")
                 + (f"Recommended next: {'; '.join(planned)}." if planned else ""))
        if any(a.kind in ("throttle", "feature_flag") and a.status == "done"
               for a in mitigation.actions):
            state += " Load is artificially reduced: measurements now understate real demand."
    else:
        state = "Mitigate has not run: mitigation state unknown."
    return PerformanceOutput(
        bottlenecks=bottlenecks, resource_recommendations=recommendations,
        optimizations=optimizations, capacity_notes=capacity, mitigation_state=state)
