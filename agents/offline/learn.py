"""Offline phase 5: blameless postmortem, monitoring and alerting, system hardening."""

from __future__ import annotations

import re

from agents.models import (
    SuggestedActionItem,
    AlertRule,
    ChaosScenario,
    DebugOutput,
    HardeningOutput,
    ImpactOutput,
    Improvement,
    MitigateOutput,
    MonitoringOutput,
    PerformanceOutput,
    PostmortemEvent,
    PostmortemOutput,
    RoadmapItem,
    SecurityOutput,
)
from agents.context import TimelineKind
from agents.offline.facts import Facts, fmt_time, minutes_between

DECISION_KINDS: tuple[TimelineKind, ...] = (
    "decision", "severity_changed", "status_changed", "role_assigned", "deploy", "resolved",
    "reopened")


def update_cadence_verdict(facts: Facts) -> tuple[bool, str] | None:
    """Whether stakeholder updates kept the cadence, and one sentence saying so. It reads the
    late updates the bot recorded (the record its scorecard reads), so the two never disagree.
    None when there is no cadence at this severity."""
    cadence = facts.context.updates.every_minutes
    if not cadence:
        return None
    posted = sum(1 for e in facts.timeline if e.kind == "status_update")
    every = f"cadence {cadence:g} min"
    late = facts.context.updates.late
    if late:
        worst = max(late, key=lambda u: u.late_by_minutes)
        missing = sum(1 for u in late if u.posted_at is None)
        return False, (f"Status updates: {posted} posted, {len(late)} late ({every}); worst "
                       f"{worst.late_by_minutes:.0f} min past due at {fmt_time(worst.due_at)}"
                       + (f"; {missing} still missing" if missing else ""))
    if not posted:
        return False, f"No status update recorded ({every})"
    return True, f"Status updates: {posted} posted, each on time ({every})"


def postmortem(facts: Facts) -> PostmortemOutput:
    ctx = facts.context
    dbg = facts.prior("debug", DebugOutput)
    sec = facts.prior("security", SecurityOutput)
    perf = facts.prior("performance", PerformanceOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    impact_out = facts.prior("impact", ImpactOutput)
    facts.cite_alerts()

    events: list[tuple] = [(ctx.declared_at, f"Incident declared: {ctx.title}", "")]
    for alert in ctx.alerts:
        if alert.starts_at:
            events.append((alert.starts_at, f"Alert {alert.name} started firing", ""))
    for entry in facts.timeline:
        who = f" ({entry.actor})" if entry.actor else ""
        rationale = "recorded decision" if entry.kind in DECISION_KINDS else ""
        events.append((entry.at, f"{entry.text}{who}", rationale))
    for key, result in ctx.step_results.items():
        if not facts.in_window(result.finished_at):
            continue
        events.append((result.finished_at, f"Agent step {key}: {result.summary}",
                       "agent recommendation"))
    if ctx.resolved_at:
        events.append((ctx.resolved_at, "Incident resolved", ""))
    events.sort(key=lambda e: e[0])
    timeline = [PostmortemEvent(at=fmt_time(at), event=text, decision_rationale=why)
                for at, text, why in events]

    root = (dbg.root_cause if dbg else
            "Not established: the debug step has not run; the team must state the root cause.")
    factors = list(dbg.contributing_factors) if dbg else []
    if sec and sec.vulnerabilities:
        factors += [f"Security: {v.title}" for v in sec.vulnerabilities[:2]]
    if perf and perf.bottlenecks:
        factors += [f"Bottleneck: {b.component}" for b in perf.bottlenecks[:2]]

    well, improve, metrics = [], [], []
    triage_result = ctx.step_results.get("triage")
    if triage_result and facts.in_window(triage_result.finished_at):
        took = minutes_between(ctx.declared_at, triage_result.finished_at)
        line = f"Severity classified {took:.0f} min after declaration"
        metrics.append(line)
        (well if took <= 5 else improve).append(
            line + (" (within the 5-minute target)" if took <= 5 else " (target: 5 minutes)"))
    first_alert = min((a.starts_at for a in ctx.alerts if a.starts_at), default=None)
    if first_alert:
        detect = minutes_between(first_alert, ctx.declared_at)
        metrics.append(f"Time to declare after first alert: {detect:.0f} min")
        if detect > 10:
            improve.append(f"Declaration came {detect:.0f} min after the first alert")
    else:
        improve.append("No alert detected this incident: it was declared from a report")
    mitigated = facts.mitigated()
    if mitigated:
        took = minutes_between(ctx.declared_at, mitigated.at)
        metrics.append(f"Time to mitigate: {took:.0f} min")
        well.append(f"Mitigation applied {took:.0f} min after declaration: {mitigated.text}")
    if ctx.resolved_at:
        metrics.append(f"Time to resolve: {facts.duration_minutes:.0f} min")
    holders = {role: names[0] for role, names in ctx.roles.items() if names}
    if holders:
        well.append("Command roles held: " + ", ".join(f"{r.replace('_', ' ')} {n}"
                                                       for r, n in holders.items()))
    for role in ("incident_commander", "tech_lead", "comms_lead"):
        if role not in holders and facts.severity in ("SEV1", "SEV2"):
            improve.append(f"No {role.replace('_', ' ')} was assigned during a {facts.severity}")
    cadence = update_cadence_verdict(facts)
    if cadence:
        on_time, line = cadence
        (well if on_time else improve).append(line)
    if mitigation and mitigation.rollback_decision.decision != "undecided":
        well.append(f"Rollback decision made and recorded: {mitigation.rollback_decision.reason}")
    if not facts.signals.has_metrics:
        improve.append("No metrics source was connected to the incident: diagnosis relied on "
                       + ("alerts and people's reports" if ctx.alerts else "people's reports"))

    top = facts.top_runbook()
    svc = facts.services_phrase()
    owner_team = f"{facts.primary_services[0]} owning team" if facts.primary_services \
        else "service owning team"
    tech = facts.owner_for("tech_lead", owner_team)
    ic = facts.owner_for("incident_commander", "incident management lead")
    items: list[SuggestedActionItem] = []
    if top:
        path = facts.cite_runbook(top)
        for text in top.runbook.hardening[:1]:
            items.append(SuggestedActionItem(title=text, owner=tech, due=facts.due(30), type="prevent",
                                    priority="P1"))
        for rule in top.runbook.alerts[:1]:
            items.append(SuggestedActionItem(title=f"Add alert {rule.name}: {rule.signal}, {rule.condition}",
                                    owner=tech, due=facts.due(7), type="detect", priority="P1"))
        auto = [m for m in top.runbook.mitigations if m.kind in ("rollback", "feature_flag",
                                                                  "circuit_breaker", "cleanup")]
        if auto:
            items.append(SuggestedActionItem(title=f"Automate: {auto[0].action.split(' (')[0]}",
                                    owner=tech, due=facts.due(14), type="mitigate",
                                    priority="P2"))
        items.append(SuggestedActionItem(title=f"Update {path} with what this incident taught",
                                owner=ic, due=facts.due(7), type="process", priority="P2"))
    else:
        items.append(SuggestedActionItem(title=f"Alert on the symptom users saw on {svc}", owner=tech,
                                due=facts.due(7), type="detect", priority="P1"))
        items.append(SuggestedActionItem(title=f"Write a runbook for this kind of incident on {svc}",
                                owner=ic, due=facts.due(14), type="process", priority="P2"))
    if dbg and dbg.root_cause_confidence == "low":
        items.append(SuggestedActionItem(title="Confirm the root cause (it is still a hypothesis)",
                                owner=tech, due=facts.due(3), type="prevent", priority="P1"))
    if any("No alert" in i for i in improve):
        items.append(SuggestedActionItem(title=f"Add an alert that would have detected this on {svc}",
                                owner=tech, due=facts.due(7), type="detect", priority="P1"))
    if sec and sec.security_related == "yes":
        items.append(SuggestedActionItem(title="Complete the audit-trail review and record the exposure",
                                owner=facts.owner_for("sme", "security team"), due=facts.due(2),
                                type="mitigate", priority="P1"))
    comms_lead = facts.owner_for("comms_lead", "communications lead")
    if any("status update" in i.lower() for i in improve):
        items.append(SuggestedActionItem(title="Schedule status-update reminders by severity",
                                owner=comms_lead, due=facts.due(14), type="process",
                                priority="P3"))

    lessons = []
    if dbg and dbg.five_whys:
        lessons.append(f"Five whys ended at: {dbg.five_whys[-1].answer}")
    if top and top.runbook.causes:
        lessons.append(f"Known failure mode ({top.runbook.title}): {top.runbook.causes[0]}")
    lessons.append("Mitigate first, then debug: user impact ends when the mitigation lands")
    training = [f"Walk the team through {top.path} in a game day" if top else
                "Run a game day for this failure mode"]
    if any("assigned" in i for i in improve):
        training.append("Incident command roles refresher (IC, tech lead, comms lead)")

    impact_text = (f"{', '.join(impact_out.affected_segments)}; {impact_out.duration}; "
                   f"failed transactions: {impact_out.failed_transactions}") if impact_out else (
        facts.triage.user_impact if facts.triage else "Impact not assessed (impact step missing)")
    summary = (f"{facts.severity} {facts.incident_type.replace('_', ' ')} on {svc}, "
               + (f"resolved after {facts.duration_minutes:.0f} minutes. " if ctx.resolved_at
                  else "still open at the time of writing. ")
               + f"Root cause: {root}")
    return PostmortemOutput(
        title=f"{ctx.incident_id}: {ctx.title}", summary=summary, impact=impact_text,
        timeline=timeline, root_cause=root, contributing_factors=factors,
        what_went_well=well, what_to_improve=improve, action_items=items, lessons=lessons,
        training_needs=training, response_metrics=metrics)


def _slug(text: str, words: int = 4) -> str:
    """`Blackbox probe on every public hostname` -> `blackbox-probe-on-every`."""
    kept = re.sub(r"[^a-z0-9]+", "-", " ".join(text.lower().split()[:words])).strip("-")
    return kept[:60]


# --- monitoring ------------------------------------------------------------------------------


def monitoring(facts: Facts) -> MonitoringOutput:
    pm = facts.prior("postmortem", PostmortemOutput)
    dbg = facts.prior("debug", DebugOutput)
    facts.cite_signals()
    svc = facts.primary_services[0] if facts.primary_services else "service"
    alerts = [AlertRule(
        name=f"{svc}-availability-burn-rate",
        signal=f"error ratio of {svc} against its availability SLO",
        condition="burn rate > 14.4 over 1h and 5m (fast) or > 6 over 6h and 30m (slow)",
        action="page",
        rationale="Symptom-based: pages when users are hurt, whatever the cause")]
    for row in facts.signals.anomalies[:2]:
        alerts.append(AlertRule(
            name=f"{row.service}-{row.metric}-anomaly".replace(" ", "_")[:80],
            signal=f"{row.metric} of {row.service}",
            condition=f"{row.direction} beyond 3 robust deviations from the 1h baseline for 10m",
            action="ticket",
            rationale="This metric was anomalous in this incident"
                      + (f" from {row.change_start} (leading indicator)" if row.change_start
                         else "")))
    top = facts.top_runbook()
    if top:
        path = facts.cite_runbook(top)
        for rule in top.runbook.alerts:
            if any(rule.name in a.name for a in alerts):
                continue
            alerts.append(AlertRule(name=rule.name, signal=rule.signal, condition=rule.condition,
                                    action=rule.action, rationale=f"From {path}"))
    if pm:
        for item in pm.action_items:
            if item.type == "detect" and not any(a.name in item.title for a in alerts):
                alerts.append(AlertRule(
                    name="postmortem-" + _slug(item.title, 3), signal=item.title,
                    condition="as specified in the postmortem action item",
                    action="ticket", rationale=f"Postmortem action item (owner {item.owner}, "
                                               f"due {item.due})"))

    slo = [f"Define an availability and a latency SLO for {svc} if none exists (none in the "
           "context)"]
    if pm is None:
        slo.append("The postmortem has not run: these proposals rest on the classification and "
                   "the runbook only; revisit them after the postmortem")
    if facts.severity in ("SEV1", "SEV2"):
        slo.append("Review whether the SLO objective matched what users felt during this "
                   "incident; tighten the latency objective if users suffered before it broke")
    dashboards = ["A health matrix panel (errors, latency, saturation, traffic) per service"]
    if top:
        dashboards += [f"{text} ({top.path})" for text in top.runbook.monitoring]
    else:
        dashboards.append(f"Deploy and feature-flag markers on the {svc} dashboard")
    if dbg:
        dashboards.append(f"A panel for the root-cause signal: {dbg.root_cause[:120]}")
    automation = []
    if top:
        automation += [f"Script: {m.action.split(' (')[0]} ({top.path})"
                       for m in top.runbook.mitigations if m.kind in ("cleanup", "rollback",
                                                                      "scale")][:2]
    automation.append("Post the matching runbook in the war room when the alert fires")
    chaos = [ChaosScenario(**facts.profile.chaos.model_dump())]
    if facts.dependencies:
        chaos.append(ChaosScenario(
            name=f"Lose {facts.dependencies[0]}",
            hypothesis=f"{svc} degrades gracefully when {facts.dependencies[0]} is down",
            method=f"Block traffic to {facts.dependencies[0]} in staging for 15 minutes"))
    noise = ["Multi-window burn-rate alerts instead of static thresholds for paging",
             "Cause-based alerts open tickets, only symptom alerts page",
             "Every paging alert links its runbook; alerts without one are demoted"]
    return MonitoringOutput(new_alerts=alerts, slo_adjustments=slo,
                            dashboard_improvements=dashboards, runbook_automation=automation,
                            chaos_scenarios=chaos, noise_controls=noise)


# --- hardening -------------------------------------------------------------------------------

_PATTERNS = (
    ("circuit_breaker", ("circuit breaker", "timeouts", "retry")),
    ("bulkhead", ("bulkhead", "budget", "per-service", "pooler", "isolat")),
    ("graceful_degradation", ("degrad", "fallback", "queue", "asynchronous")),
    ("capacity", ("capacity", "load test", "autoscal", "right-size", "storage")),
    ("dependency_reduction", ("secondary provider", "dependency", "fewer")),
    ("security", ("credential", "secret", "least-privilege", "key")),
    ("automation", ("automat", "progressive delivery", "rollback", "renewal")),
)


def _pattern(text: str) -> str:
    lowered = text.lower()
    for pattern, words in _PATTERNS:
        if any(w in lowered for w in words):
            return pattern
    return "tech_debt"


def hardening(facts: Facts) -> HardeningOutput:
    pm = facts.prior("postmortem", PostmortemOutput)
    perf = facts.prior("performance", PerformanceOutput)
    improvements: list[Improvement] = []
    seen: set[str] = set()

    def add(title: str, description: str, priority: str, effort: str) -> None:
        if title not in seen:
            seen.add(title)
            improvements.append(Improvement(title=title[:120], pattern=_pattern(title),
                                            description=description, priority=priority,
                                            effort=effort))

    if pm:
        for item in pm.action_items:
            if item.type == "prevent":
                add(item.title, f"Postmortem action item ({item.owner}, due {item.due})",
                    item.priority, "medium")
    for match in facts.runbooks[:2]:
        path = facts.cite_runbook(match)
        for text in match.runbook.hardening:
            add(text, f"Runbook recommendation ({path})", "P2", "medium")
    if perf:
        for opt in perf.optimizations:
            add(opt.recommendation, f"Performance analysis: {opt.expected_impact}",
                "P2" if opt.effort != "large" else "P3", opt.effort)
    if facts.dependencies:
        add(f"Circuit breakers and timeouts on calls to {', '.join(facts.dependencies[:2])}",
            "Stop a dependency's failure from holding callers' threads and connections",
            "P2", "small")
    if not improvements:
        add("Timeouts, retries with budgets and circuit breakers on every outbound call",
            "Baseline resilience; nothing more specific is known", "P2", "medium")

    degradation = [facts.profile.degradation]
    for dep in facts.dependencies[:2]:
        degradation.append(f"Define the user experience when {dep} is unavailable")
    if perf and perf.bottlenecks:
        capacity = (f"Plan capacity around {perf.bottlenecks[0].component}: "
                    f"{perf.capacity_notes}")
    elif perf:
        capacity = perf.capacity_notes
    else:
        capacity = "Performance analysis has not run: no capacity data to plan from."
    debt = []
    if pm:
        debt += [f.removeprefix("Candidate: ") for f in pm.contributing_factors
                 if f.startswith(("Candidate: ", "Bottleneck: ", "Security: "))][:3]
    debt += [f"{i.title}" for i in improvements if i.pattern == "tech_debt"][:2]
    if not debt:
        debt.append("No tech debt named yet: the postmortem has not run")
    reduction = [f"Can {d} be made optional for the core flow, or given a second provider?"
                 for d in facts.dependencies[:3]] or [
        "No external dependency named in this incident"]
    by_priority = {"P1": [], "P2": [], "P3": []}
    for item in improvements:
        by_priority[item.priority].append(item.title)
    roadmap = [RoadmapItem(horizon="this week", items=by_priority["P1"] or
                           ["Confirm owners and dates for every postmortem action item"]),
               RoadmapItem(horizon="this month", items=by_priority["P2"]),
               RoadmapItem(horizon="this quarter", items=by_priority["P3"] or
                           ["Chaos game day for this failure mode"])]
    return HardeningOutput(
        improvements=improvements, graceful_degradation=degradation, capacity_plan=capacity,
        tech_debt=debt, dependency_reduction=reduction, roadmap=roadmap)
