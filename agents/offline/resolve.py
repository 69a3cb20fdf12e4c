"""Offline phase 3: fix implementation and deploy-and-verify."""

from __future__ import annotations

from agents.models import (
    DebugOutput,
    DeployOutput,
    DeployStage,
    FixOutput,
    MitigateOutput,
    PerformanceOutput,
    RiskAssessment,
    RolloutStage,
    SecurityOutput,
    Verification,
)
from agents.offline.facts import Facts
from agents.words import enum_word
from i18n import t

STAGES = {  # stage names are catalogue keys (agents-resolve.ftl)
    "canary": [("agents-resolve-stage-canary", 5, 15), ("agents-resolve-stage-partial", 25, 15),
               ("agents-resolve-stage-half", 50, 15), ("agents-resolve-stage-full", 100, 30)],
    "blue_green": [("agents-resolve-stage-green-warm-up", 0, 10), ("agents-resolve-stage-switch", 100, 30)],
    "rolling": [("agents-resolve-stage-first-batch", 10, 10), ("agents-resolve-stage-rest", 100, 20)],
    "config_change": [("agents-resolve-stage-one-region", 10, 10), ("agents-resolve-stage-all-regions", 100, 20)],
    "manual": [("agents-resolve-stage-apply", 100, 30)],
}


def _health_checks(facts: Facts) -> list[str]:
    checks = [t("agents-resolve-check-baseline", metric=r.metric, service=r.service)
              for r in facts.signals.anomalies[:2]]
    svc = facts.services_phrase()
    checks += [t("agents-resolve-check-5xx", services=svc), t("agents-resolve-check-p99", services=svc)]
    return checks


def fix(facts: Facts) -> FixOutput:
    dbg = facts.prior("debug", DebugOutput)
    sec = facts.prior("security", SecurityOutput)
    perf = facts.prior("performance", PerformanceOutput)
    plan = facts.profile.fix
    svc = facts.services_phrase()
    deps = ", ".join(facts.dependencies) or "the provider"
    summary, changes, strategy, risk = plan.summary, list(plan.changes), plan.strategy, plan.risk
    if facts.is_cosmetic:
        summary, changes, strategy, risk = (
            t("agents-resolve-cosmetic-summary", svc="{svc}"),
            [t("agents-resolve-cosmetic-fix"), t("agents-resolve-cosmetic-check")],
            "rolling", "low")
    summary = summary.format(svc=svc, deps=deps)
    changes = [c.format(svc=svc, deps=deps) for c in changes]
    top = facts.top_runbook()
    if dbg and facts.changes and plan.revert_change_first and facts.changes[0] in dbg.root_cause:
        changes.insert(0, t("agents-resolve-revert-change", change=facts.changes[0]))
    if sec and sec.security_related in ("yes", "possible"):
        changes += [t("agents-resolve-security-change", action=a) for a in sec.recommended_actions[:2]]
    if perf:
        changes += [t("agents-resolve-performance-change", recommendation=o.recommendation) for o in perf.optimizations
                    if o.effort == "small"][:2]

    if dbg:
        addresses = t("agents-resolve-addresses", root_cause=dbg.root_cause,
                      confidence=enum_word(dbg.root_cause_confidence) or dbg.root_cause_confidence)
    else:
        addresses = t("agents-resolve-addresses-no-debug")
    if top and top.runbook.hardening:
        long_term = f"{top.runbook.hardening[0]} ({facts.cite_runbook(top)})"
    else:
        long_term = t("agents-resolve-long-term")
    level = risk
    if (dbg is None or dbg.root_cause_confidence == "low") and not facts.is_cosmetic:
        level = "high" if risk == "medium" else "medium"
    risk_details = t("agents-resolve-risk-unconfirmed" if level != risk else "agents-resolve-risk",
                     strategy=enum_word(strategy) or strategy.replace("_", " "))
    if sec and sec.security_related == "yes":
        risk_details += t("agents-resolve-risk-credential")

    checks = _health_checks(facts)
    stages = [RolloutStage(name=t(name), traffic_percent=pct, duration_minutes=mins,
                           health_checks=checks,
                           proceed_if=t("agents-resolve-proceed-if"))
              for name, pct, mins in STAGES[strategy]]
    validation = [t("agents-resolve-validate-after", check=c) for c in checks]
    validation.append(t("agents-resolve-validate-synthetic"))
    if dbg and dbg.five_whys:
        validation.append(t("agents-resolve-validate-symptom", answer=dbg.five_whys[0].answer))
    rollback = {
        "canary": [t("agents-resolve-rollback-canary-abort"), t("agents-resolve-rollback-canary-redeploy"),
                   t("agents-resolve-rollback-keep-mitigation")],
        "manual": [t("agents-resolve-rollback-keep-previous"), t("agents-resolve-rollback-reapply")],
    }.get(strategy, [t("agents-resolve-rollback-revert"), t("agents-resolve-rollback-reapply")])
    if sec and sec.security_related == "yes":
        rollback = [t("agents-resolve-rollback-never-reenable"),
                    *[r for r in rollback if r != t("agents-resolve-rollback-keep-previous")]]
    return FixOutput(
        fix_summary=summary, addresses_root_cause=addresses, changes=changes,
        long_term_fix=long_term, risk=RiskAssessment(level=level, details=risk_details),
        deployment_strategy=strategy, rollout_stages=stages, validation_plan=validation,
        rollback_procedure=rollback)


def deploy(facts: Facts) -> DeployOutput:
    plan = facts.prior("fix", FixOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    entries = [e for e in facts.timeline if e.at >= facts.context.declared_at and (
        e.kind == "deploy" or ("fix" in e.text.lower() and any(
            w in e.text.lower() for w in ("deploy", "rollout", "rolling out", "canary",
                                          "rolled back"))))]
    status = "not_started"
    for entry in entries:
        text = entry.text.lower()
        if "rolled back" in text:
            status = "rolled_back"
        elif any(w in text for w in ("complete", "deployed fix", "fix deployed", "100%")):
            status = "completed"
        elif status != "completed":
            status = "in_progress"
    if plan is None:
        status = "unknown" if not entries else status
    stages = []
    for stage in (plan.rollout_stages if plan else []):
        stage_status = "passed" if status == "completed" else "pending"
        stages.append(DeployStage(
            name=stage.name, traffic_percent=stage.traffic_percent, status=stage_status,
            health_checks=stage.health_checks,
            rollback_trigger=t("agents-resolve-rollback-trigger")))
    verification = [Verification(check=c, result="pending" if status != "completed" else
                                 "unknown", detail=t("agents-resolve-no-verification-data"))
                    for c in (plan.validation_plan if plan else [])]
    dashboards = list(facts.context.evidence.dashboards)
    if not dashboards:
        dashboards = [t("agents-resolve-dashboard", service=s) for s in facts.primary_services[:2]] or [
            t("agents-resolve-no-dashboard")]
    triggers = [
        t("agents-resolve-trigger-error-ratio"),
        t("agents-resolve-trigger-p99"),
        t("agents-resolve-trigger-crash"),
    ]
    ready = plan is not None and plan.deployment_strategy != "manual" and \
        bool(plan.rollback_procedure)
    if plan is None:
        notes = t("agents-resolve-notes-no-fix")
    elif plan.deployment_strategy == "manual":
        notes = t("agents-resolve-notes-manual", procedure=t("agents-render-meta-separator").join(plan.rollback_procedure))
    else:
        notes = t("agents-render-meta-separator").join(plan.rollback_procedure)
    if mitigation and mitigation.rollback_decision.decision == "rollback":
        notes += t("agents-resolve-notes-was-rollback")
    ic = facts.role_holder("incident_commander") or t("agents-resolve-ic-unassigned")
    tech = facts.role_holder("tech_lead") or t("agents-resolve-tech-unassigned")
    coordination = t("agents-resolve-coordination", tech=tech, ic=ic)
    return DeployOutput(
        deployment_status=status, strategy=plan.deployment_strategy if plan else "unknown",
        stages=stages, verification_results=verification, dashboards=dashboards,
        rollback_triggers=triggers, rollback_ready=ready, rollback_notes=notes,
        ic_coordination=coordination)
