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

STAGES = {
    "canary": [("canary", 5, 15), ("partial", 25, 15), ("half", 50, 15), ("full", 100, 30)],
    "blue_green": [("green warm-up", 0, 10), ("switch", 100, 30)],
    "rolling": [("first batch", 10, 10), ("rest", 100, 20)],
    "config_change": [("one region", 10, 10), ("all regions", 100, 20)],
    "manual": [("apply", 100, 30)],
}


def _health_checks(facts: Facts) -> list[str]:
    checks = [f"{r.metric} of {r.service} within its pre-incident baseline"
              for r in facts.signals.anomalies[:2]]
    svc = facts.services_phrase()
    checks += [f"5xx ratio of {svc} at or below baseline", f"p99 latency of {svc} within SLO"]
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
            "Correct the content or style of {svc} in the normal release",
            ["Fix the text, price or style in the CMS or template",
             "Add the page to the copy-review or visual-regression checks"],
            "rolling", "low")
    summary = summary.format(svc=svc, deps=deps)
    changes = [c.format(svc=svc, deps=deps) for c in changes]
    top = facts.top_runbook()
    if dbg and facts.changes and plan.revert_change_first and facts.changes[0] in dbg.root_cause:
        changes.insert(0, f"Revert or correct the recorded change ({facts.changes[0]})")
    if sec and sec.security_related in ("yes", "possible"):
        changes += [f"Security: {a}" for a in sec.recommended_actions[:2]]
    if perf:
        changes += [f"Performance: {o.recommendation}" for o in perf.optimizations
                    if o.effort == "small"][:2]

    if dbg:
        addresses = (f"Debugging's root cause ({dbg.root_cause_confidence} confidence): "
                     f"{dbg.root_cause}")
    else:
        addresses = ("Debug has not run: the fix targets the classified symptom only; confirm "
                     "the root cause before shipping anything beyond the mitigation.")
    if top and top.runbook.hardening:
        long_term = f"{top.runbook.hardening[0]} ({facts.cite_runbook(top)})"
    else:
        long_term = "Remove the class of problem: add a regression test, an alert on the " \
                    "leading signal and a safeguard in the deploy pipeline."
    level = risk
    if (dbg is None or dbg.root_cause_confidence == "low") and not facts.is_cosmetic:
        level = "high" if risk == "medium" else "medium"
    risk_details = (f"{'Root cause not confirmed; ' if level != risk else ''}"
                    f"a {strategy.replace('_', ' ')} rollout limits the blast radius")
    if sec and sec.security_related == "yes":
        risk_details += "; dependent services fail until they have the new credential"

    checks = _health_checks(facts)
    stages = [RolloutStage(name=name, traffic_percent=pct, duration_minutes=mins,
                           health_checks=checks,
                           proceed_if="all health checks pass for the whole stage and the IC "
                                      "approves")
              for name, pct, mins in STAGES[strategy]]
    validation = [f"{c} for 30 minutes after full rollout" for c in checks]
    validation.append("The affected user journey passes a synthetic check end to end")
    if dbg and dbg.five_whys:
        validation.append(f"The symptom is gone: {dbg.five_whys[0].answer}")
    rollback = {
        "canary": ["Set canary weight to 0 / abort the rollout",
                   "Redeploy the previous image tag if the new version reached full traffic",
                   "Keep the mitigation (flag off, rollback) in place until the fix is verified"],
        "manual": ["Keep the previous resource or credential available until verification ends",
                   "Re-apply the mitigation from step 3 if the checks fail"],
    }.get(strategy, ["Revert the change", "Re-apply the mitigation from step 3"])
    if sec and sec.security_related == "yes":
        rollback = ["Never re-enable the exposed credential; roll forward with a new one",
                    *[r for r in rollback if "credential" not in r]]
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
            rollback_trigger="any health check fails for 5 minutes, or the IC calls it"))
    verification = [Verification(check=c, result="pending" if status != "completed" else
                                 "unknown", detail="no verification data in the context yet")
                    for c in (plan.validation_plan if plan else [])]
    dashboards = list(facts.context.evidence.dashboards)
    if not dashboards:
        dashboards = [f"{s} service dashboard (errors, latency, saturation, deploy markers) - "
                      "no URL in the context" for s in facts.primary_services[:2]] or [
            "No dashboard linked in the context"]
    triggers = [
        "error ratio of the new version above 2x the old version's for 5 minutes",
        "p99 latency above the SLO objective for 5 minutes",
        "any new crash loop or OOM kill in the new version",
    ]
    ready = plan is not None and plan.deployment_strategy != "manual" and \
        bool(plan.rollback_procedure)
    if plan is None:
        notes = "Fix has not run: no rollout plan or rollback procedure exists yet."
    elif plan.deployment_strategy == "manual":
        notes = ("Manual change: rollback means re-applying the mitigation; "
                 + "; ".join(plan.rollback_procedure))
    else:
        notes = "; ".join(plan.rollback_procedure)
    if mitigation and mitigation.rollback_decision.decision == "rollback":
        notes += " The incident mitigation was a rollback: the fix re-introduces the release " \
                 "and must be watched closely at the canary stage."
    ic = facts.role_holder("incident_commander") or "the incident commander (unassigned)"
    tech = facts.role_holder("tech_lead") or "the tech lead (unassigned)"
    coordination = (f"{tech} runs the rollout and reports each stage's checks in the war room; "
                    f"{ic} approves moving to the next stage and calls a rollback.")
    return DeployOutput(
        deployment_status=status, strategy=plan.deployment_strategy if plan else "unknown",
        stages=stages, verification_results=verification, dashboards=dashboards,
        rollback_triggers=triggers, rollback_ready=ready, rollback_notes=notes,
        ic_coordination=coordination)
