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
from agents.words import enum_word
from i18n import current_locale, t


def _raw(value: str) -> str:
    """An enum value in words outside English; English keeps the raw value."""
    return value if current_locale().startswith("en") else enum_word(value) or value


def _word(value: str) -> str:
    """An enum value in words; English keeps the spaced raw value it always showed."""
    spaced = value.replace("_", " ")
    return spaced if current_locale().startswith("en") else enum_word(value) or spaced

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
    every = t("agents2-learn-cadence", minutes=f"{cadence:g}")
    late = facts.context.updates.late
    if late:
        worst = max(late, key=lambda u: u.late_by_minutes)
        missing = sum(1 for u in late if u.posted_at is None)
        return False, (t("agents2-learn-updates-late", posted=str(posted), late=str(len(late)),
                         every=every,
                         worst=f"{worst.late_by_minutes:.0f}", due=fmt_time(worst.due_at))
                       + (t("agents2-learn-updates-missing", missing=str(missing))
                          if missing else ""))
    if not posted:
        return False, t("agents2-learn-no-update", every=every)
    return True, t("agents2-learn-updates-on-time", posted=str(posted), every=every)


def postmortem(facts: Facts) -> PostmortemOutput:
    ctx = facts.context
    dbg = facts.prior("debug", DebugOutput)
    sec = facts.prior("security", SecurityOutput)
    perf = facts.prior("performance", PerformanceOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    impact_out = facts.prior("impact", ImpactOutput)
    facts.cite_alerts()

    events: list[tuple] = [(ctx.declared_at, t("agents2-learn-declared", title=ctx.title), "")]
    for alert in ctx.alerts:
        if alert.starts_at:
            events.append((alert.starts_at, t("agents2-learn-alert-fired", name=alert.name), ""))
    for entry in facts.timeline:
        who = t("agents2-learn-by", actor=entry.actor) if entry.actor else ""
        rationale = t("agents2-learn-recorded-decision") if entry.kind in DECISION_KINDS else ""
        events.append((entry.at, f"{entry.text}{who}", rationale))
    for key, result in ctx.step_results.items():
        if not facts.in_window(result.finished_at):
            continue
        events.append((result.finished_at,
                       t("agents2-learn-agent-step", step=key, summary=result.summary),
                       t("agents2-learn-agent-recommendation")))
    if ctx.resolved_at:
        events.append((ctx.resolved_at, t("agents2-learn-resolved"), ""))
    events.sort(key=lambda e: e[0])
    timeline = [PostmortemEvent(at=fmt_time(at), event=text, decision_rationale=why)
                for at, text, why in events]

    root = (dbg.root_cause if dbg else
            t("agents2-learn-root-unknown"))
    factors = list(dbg.contributing_factors) if dbg else []
    if sec and sec.vulnerabilities:
        factors += [t("agents2-learn-security", title=v.title) for v in sec.vulnerabilities[:2]]
    if perf and perf.bottlenecks:
        factors += [t("agents2-learn-bottleneck", component=b.component)
                    for b in perf.bottlenecks[:2]]

    well, improve, metrics = [], [], []
    triage_result = ctx.step_results.get("triage")
    if triage_result and facts.in_window(triage_result.finished_at):
        took = minutes_between(ctx.declared_at, triage_result.finished_at)
        line = t("agents2-learn-classified", minutes=f"{took:.0f}")
        metrics.append(line)
        (well if took <= 5 else improve).append(
            line + (t("agents2-learn-within-target") if took <= 5 else t("agents2-learn-target")))
    no_alert = roles_missing = updates_late = False
    first_alert = min((a.starts_at for a in ctx.alerts if a.starts_at), default=None)
    if first_alert:
        detect = minutes_between(first_alert, ctx.declared_at)
        metrics.append(t("agents2-learn-time-to-declare", minutes=f"{detect:.0f}"))
        if detect > 10:
            improve.append(t("agents2-learn-declared-late", minutes=f"{detect:.0f}"))
    else:
        improve.append(t("agents2-learn-no-alert"))
        no_alert = True
    mitigated = facts.mitigated()
    if mitigated:
        took = minutes_between(ctx.declared_at, mitigated.at)
        metrics.append(t("agents2-learn-time-to-mitigate", minutes=f"{took:.0f}"))
        well.append(t("agents2-learn-mitigated", minutes=f"{took:.0f}", text=mitigated.text))
    if ctx.resolved_at:
        metrics.append(t("agents2-learn-time-to-resolve", minutes=f"{facts.duration_minutes:.0f}"))
    holders = {role: names[0] for role, names in ctx.roles.items() if names}
    if holders:
        well.append(t("agents2-learn-roles-held", roles=", ".join(f"{_word(r)} {n}"
                                                                   for r, n in holders.items())))
    for role in ("incident_commander", "tech_lead", "comms_lead"):
        if role not in holders and facts.severity in ("SEV1", "SEV2"):
            improve.append(t("agents2-learn-role-missing", role=_word(role),
                             severity=facts.severity))
            roles_missing = True
    cadence = update_cadence_verdict(facts)
    if cadence:
        on_time, line = cadence
        (well if on_time else improve).append(line)
        updates_late = not on_time
    if mitigation and mitigation.rollback_decision.decision != "undecided":
        well.append(t("agents2-learn-rollback-recorded",
                      reason=mitigation.rollback_decision.reason))
    if not facts.signals.has_metrics:
        improve.append(t("agents2-learn-no-metrics-alerts" if ctx.alerts
                         else "agents2-learn-no-metrics"))

    top = facts.top_runbook()
    svc = facts.services_phrase()
    owner_team = t("agents2-learn-owning-team", service=facts.primary_services[0]) \
        if facts.primary_services else t("agents2-learn-service-owning-team")
    tech = facts.owner_for("tech_lead", owner_team)
    ic = facts.owner_for("incident_commander", t("agents2-learn-im-lead"))
    items: list[SuggestedActionItem] = []
    if top:
        path = facts.cite_runbook(top)
        for text in top.runbook.hardening[:1]:
            items.append(SuggestedActionItem(title=text, owner=tech, due=facts.due(30), type="prevent",
                                    priority="P1"))
        for rule in top.runbook.alerts[:1]:
            items.append(SuggestedActionItem(title=t("agents2-learn-add-alert", name=rule.name, signal=rule.signal,
                                                     condition=rule.condition),
                                    owner=tech, due=facts.due(7), type="detect", priority="P1"))
        auto = [m for m in top.runbook.mitigations if m.kind in ("rollback", "feature_flag",
                                                                  "circuit_breaker", "cleanup")]
        if auto:
            items.append(SuggestedActionItem(title=t("agents2-learn-automate", action=auto[0].action.split(' (')[0]),
                                    owner=tech, due=facts.due(14), type="mitigate",
                                    priority="P2"))
        items.append(SuggestedActionItem(title=t("agents2-learn-update-runbook", path=path),
                                owner=ic, due=facts.due(7), type="process", priority="P2"))
    else:
        items.append(SuggestedActionItem(title=t("agents2-learn-alert-symptom", svc=svc), owner=tech,
                                due=facts.due(7), type="detect", priority="P1"))
        items.append(SuggestedActionItem(title=t("agents2-learn-write-runbook", svc=svc),
                                owner=ic, due=facts.due(14), type="process", priority="P2"))
    if dbg and dbg.root_cause_confidence == "low":
        items.append(SuggestedActionItem(title=t("agents2-learn-confirm-root"),
                                owner=tech, due=facts.due(3), type="prevent", priority="P1"))
    if no_alert:
        items.append(SuggestedActionItem(title=t("agents2-learn-add-detecting-alert", svc=svc),
                                owner=tech, due=facts.due(7), type="detect", priority="P1"))
    if sec and sec.security_related == "yes":
        items.append(SuggestedActionItem(title=t("agents2-learn-audit-review"),
                                owner=facts.owner_for("sme", t("agents2-learn-security-team")), due=facts.due(2),
                                type="mitigate", priority="P1"))
    comms_lead = facts.owner_for("comms_lead", t("agents2-learn-comms-lead"))
    if updates_late:
        items.append(SuggestedActionItem(title=t("agents2-learn-update-reminders"),
                                owner=comms_lead, due=facts.due(14), type="process",
                                priority="P3"))

    lessons = []
    if dbg and dbg.five_whys:
        lessons.append(t("agents2-learn-whys-ended", answer=dbg.five_whys[-1].answer))
    if top and top.runbook.causes:
        lessons.append(t("agents2-learn-known-mode", title=top.runbook.title,
                         cause=top.runbook.causes[0]))
    lessons.append(t("agents2-learn-mitigate-first"))
    training = [t("agents2-learn-walk-through", path=top.path) if top else
                t("agents2-learn-game-day")]
    if roles_missing:
        training.append(t("agents2-learn-roles-refresher"))

    impact_text = t("agents2-learn-impact", segments=', '.join(impact_out.affected_segments),
                    duration=impact_out.duration,
                    failed=impact_out.failed_transactions) if impact_out else (
        facts.triage.user_impact if facts.triage else t("agents2-learn-impact-missing"))
    summary = (t("agents2-learn-summary", severity=facts.severity,
                 type=_word(facts.incident_type), svc=svc)
               + (t("agents2-learn-summary-resolved", minutes=f"{facts.duration_minutes:.0f}")
                  if ctx.resolved_at else t("agents2-learn-summary-open"))
               + t("agents2-learn-summary-root", root=root))
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
    shown = svc if facts.primary_services else t("agents2-learn-the-service")
    alerts = [AlertRule(
        name=f"{svc}-availability-burn-rate",
        signal=t("agents2-learn-burn-signal", svc=shown),
        condition=t("agents2-learn-burn-condition"),
        action="page",
        rationale=t("agents2-learn-burn-rationale"))]
    for row in facts.signals.anomalies[:2]:
        alerts.append(AlertRule(
            name=f"{row.service}-{row.metric}-anomaly".replace(" ", "_")[:80],
            signal=t("agents2-learn-metric-of", metric=row.metric, service=row.service),
            condition=t("agents2-learn-anomaly-condition", direction=_raw(row.direction)),
            action="ticket",
            rationale=t("agents2-learn-anomaly-rationale")
                      + (t("agents2-learn-leading", start=row.change_start) if row.change_start
                         else "")))
    top = facts.top_runbook()
    if top:
        path = facts.cite_runbook(top)
        for rule in top.runbook.alerts:
            if any(rule.name in a.name for a in alerts):
                continue
            alerts.append(AlertRule(name=rule.name, signal=rule.signal, condition=rule.condition,
                                    action=rule.action, rationale=t("agents2-learn-from", path=path)))
    if pm:
        for item in pm.action_items:
            if item.type == "detect" and not any(a.name in item.title for a in alerts):
                alerts.append(AlertRule(
                    name="postmortem-" + _slug(item.title, 3), signal=item.title,
                    condition=t("agents2-learn-as-specified"),
                    action="ticket", rationale=t("agents2-learn-pm-item-owner", owner=item.owner,
                                                 due=item.due)))

    slo = [t("agents2-learn-define-slo", svc=shown)]
    if pm is None:
        slo.append(t("agents2-learn-pm-not-run"))
    if facts.severity in ("SEV1", "SEV2"):
        slo.append(t("agents2-learn-review-slo"))
    dashboards = [t("agents2-learn-health-matrix")]
    if top:
        dashboards += [f"{text} ({top.path})" for text in top.runbook.monitoring]
    else:
        dashboards.append(t("agents2-learn-markers", svc=shown))
    if dbg:
        dashboards.append(t("agents2-learn-root-panel", root_cause=dbg.root_cause[:120]))
    automation = []
    if top:
        automation += [t("agents2-learn-script", action=m.action.split(' (')[0], path=top.path)
                       for m in top.runbook.mitigations if m.kind in ("cleanup", "rollback",
                                                                      "scale")][:2]
    automation.append(t("agents2-learn-post-runbook"))
    chaos = [ChaosScenario(**facts.profile.chaos.model_dump())]
    if facts.dependencies:
        chaos.append(ChaosScenario(
            name=t("agents2-learn-chaos-name", dep=facts.dependencies[0]),
            hypothesis=t("agents2-learn-chaos-hypothesis", svc=shown, dep=facts.dependencies[0]),
            method=t("agents2-learn-chaos-method", dep=facts.dependencies[0])))
    noise = [t("agents2-learn-noise-burn"),
             t("agents2-learn-noise-tickets"),
             t("agents2-learn-noise-runbook")]
    return MonitoringOutput(new_alerts=alerts, slo_adjustments=slo,
                            dashboard_improvements=dashboards, runbook_automation=automation,
                            chaos_scenarios=chaos, noise_controls=noise)


# --- hardening -------------------------------------------------------------------------------

_PATTERNS = (  # English and zh-TW words (titles are written in the incident's language)
    ("circuit_breaker", ("circuit breaker", "timeouts", "retry", "斷路器", "逾時", "重試")),
    ("bulkhead", ("bulkhead", "budget", "per-service", "pooler", "isolat", "隔艙", "隔離")),
    ("graceful_degradation", ("degrad", "fallback", "queue", "asynchronous", "降級", "備援",
                              "佇列", "非同步")),
    ("capacity", ("capacity", "load test", "autoscal", "right-size", "storage", "容量",
                  "負載測試", "自動擴展", "儲存")),
    ("dependency_reduction", ("secondary provider", "dependency", "fewer", "第二供應商",
                              "相依")),
    ("security", ("credential", "secret", "least-privilege", "key", "憑證", "密鑰", "金鑰",
                  "最小權限")),
    ("automation", ("automat", "progressive delivery", "rollback", "renewal", "自動化",
                    "漸進式交付", "回滾", "續期")),
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
                add(item.title, t("agents2-learn-pm-item", owner=item.owner, due=item.due),
                    item.priority, "medium")
    for match in facts.runbooks[:2]:
        path = facts.cite_runbook(match)
        for text in match.runbook.hardening:
            add(text, t("agents2-learn-runbook-rec", path=path), "P2", "medium")
    if perf:
        for opt in perf.optimizations:
            add(opt.recommendation, t("agents2-learn-perf-analysis", impact=opt.expected_impact),
                "P2" if opt.effort != "large" else "P3", opt.effort)
    if facts.dependencies:
        add(t("agents2-learn-breakers", deps=', '.join(facts.dependencies[:2])),
            t("agents2-learn-breakers-why"),
            "P2", "small")
    if not improvements:
        add(t("agents2-learn-baseline"),
            t("agents2-learn-baseline-why"), "P2", "medium")

    degradation = [facts.profile.degradation]
    for dep in facts.dependencies[:2]:
        degradation.append(t("agents2-learn-define-ux", dep=dep))
    if perf and perf.bottlenecks:
        capacity = t("agents2-learn-plan-capacity", component=perf.bottlenecks[0].component,
                     notes=perf.capacity_notes)
    elif perf:
        capacity = perf.capacity_notes
    else:
        capacity = t("agents2-learn-no-perf")
    debt = []
    if pm:
        candidate = t("agents2-investigate-candidate", cause="")
        debt += [f.removeprefix(candidate) for f in pm.contributing_factors
                 if f.startswith((candidate, t("agents2-learn-bottleneck", component=""),
                                  t("agents2-learn-security", title="")))][:3]
    debt += [f"{i.title}" for i in improvements if i.pattern == "tech_debt"][:2]
    if not debt:
        debt.append(t("agents2-learn-no-debt"))
    reduction = [t("agents2-learn-optional-dep", dep=d)
                 for d in facts.dependencies[:3]] or [
        t("agents2-learn-no-dependency")]
    by_priority = {"P1": [], "P2": [], "P3": []}
    for item in improvements:
        by_priority[item.priority].append(item.title)
    roadmap = [RoadmapItem(horizon="this week", items=by_priority["P1"] or
                           [t("agents2-learn-confirm-owners")]),
               RoadmapItem(horizon="this month", items=by_priority["P2"]),
               RoadmapItem(horizon="this quarter", items=by_priority["P3"] or
                           [t("agents2-learn-chaos-day")])]
    return HardeningOutput(
        improvements=improvements, graceful_degradation=degradation, capacity_plan=capacity,
        tech_debt=debt, dependency_reduction=reduction, roadmap=roadmap)
