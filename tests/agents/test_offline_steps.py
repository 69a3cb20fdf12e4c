"""The offline engine: every step's output validates and uses what earlier steps found."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from agents import STEP_KEYS, STEPS, OfflineBackend, run_step, run_steps
from agents.context import UpdateCadence
from agents.models import (
    CommsOutput,
    DebugOutput,
    FixOutput,
    HardeningOutput,
    ImpactOutput,
    MitigateOutput,
    MonitoringOutput,
    ObserveOutput,
    PerformanceOutput,
    PostmortemOutput,
    SecurityOutput,
    TriageOutput,
)
from tests.agents.conftest import T0, bare_incident, checkout_incident


@pytest.fixture(scope="module")
def full_run() -> dict:
    return asyncio.run(run_steps(STEP_KEYS, checkout_incident(), OfflineBackend()))


@pytest.mark.parametrize("key", STEP_KEYS)
async def test_every_offline_step_output_validates_against_its_model(key, full_run):
    result = full_run[key]
    model = STEPS[key].output_model.model_validate(result.output)
    assert result.backend == "offline" and result.model is None and result.tokens is None
    assert result.summary == model.headline()[:300]
    assert result.title == STEPS[key].title and result.duration_ms >= 0


@pytest.mark.parametrize("key", STEP_KEYS)
async def test_every_offline_step_answers_a_bare_declaration_and_names_what_is_missing(
    key, offline
):
    ctx = bare_incident("Search is slow")
    result = await run_step(key, ctx, offline)
    STEPS[key].output_model.model_validate(result.output)
    text = str(result.output).lower()
    assert result.missing_inputs == list(STEPS[key].needs)
    assert any(word in text for word in ("no metrics", "not run", "missing", "unknown",
                                         "not measured", "no ")), key


async def test_observe_reads_ranked_anomalies_from_evidence(full_run):
    out = ObserveOutput.model_validate(full_run["observe"].output)
    assert [a.service for a in out.anomalies] == ["checkout-api", "payments"]
    assert out.anomalies[0].change_start == "2025-03-04T13:51:00Z"
    assert {h.service: h.status for h in out.service_health}["checkout-api"] == "degraded"
    assert "evidence: metric anomaly scan" in full_run["observe"].sources


async def test_observe_without_evidence_says_no_metrics_source_is_configured(offline):
    result = await run_step("observe", bare_incident("Checkout API returning 500s"), offline)
    out = ObserveOutput.model_validate(result.output)
    assert out.anomalies == []
    assert any("No metrics source configured" in m for m in out.missing_data)


async def test_mitigate_recommends_rollback_from_the_runbook_and_sees_it_was_done(full_run):
    out = MitigateOutput.model_validate(full_run["mitigate"].output)
    assert out.rollback_decision.decision == "rollback"
    assert out.actions[0].kind == "rollback" and out.actions[0].status == "done"
    assert out.actions[0].source == "runbooks/http-5xx-after-deploy.md"
    assert "runbooks/http-5xx-after-deploy.md" in full_run["mitigate"].sources


async def test_debug_cites_observe_findings_in_its_five_whys(full_run):
    out = DebugOutput.model_validate(full_run["debug"].output)
    assert len(out.five_whys) == 5
    assert any("http_5xx_ratio of checkout-api" in e for e in out.evidence_used)
    assert "http_5xx_ratio" in out.five_whys[1].answer and out.five_whys[1].status == "known"
    assert "v2.3.1" in out.root_cause


async def test_debug_without_observe_marks_the_symptom_unknown(offline):
    ctx = checkout_incident(evidence={})
    out = DebugOutput.model_validate((await run_step("debug", ctx, offline)).output)
    assert out.five_whys[1].status == "unknown"
    assert any("observe has not run" in q for q in out.open_questions)


async def test_security_reads_debug_root_cause_and_finds_nothing_for_a_bad_deploy(full_run):
    out = SecurityOutput.model_validate(full_run["security"].output)
    assert out.security_related == "no"
    assert "v2.3.1" in out.assessment  # debug's root cause is quoted
    assert any("WAF" in c for c in out.checks)


async def test_security_for_a_leaked_key_contains_first(offline):
    ctx = bare_incident("Leaked AWS key on GitHub")
    out = SecurityOutput.model_validate((await run_step("security", ctx, offline)).output)
    assert out.security_related == "yes"
    assert any(i.category == "credentials" for i in out.indicators)
    assert any("Revoke" in a for a in out.recommended_actions)
    assert any("CloudTrail" in c for c in out.checks)


async def test_performance_reports_mitigation_state_from_mitigate(full_run):
    out = PerformanceOutput.model_validate(full_run["performance"].output)
    assert "Rollback decision: rollback" in out.mitigation_state
    assert "Rolled back" in out.mitigation_state or "Roll back" in out.mitigation_state


async def test_fix_cites_debugs_root_cause(full_run):
    debug = DebugOutput.model_validate(full_run["debug"].output)
    out = FixOutput.model_validate(full_run["fix"].output)
    assert debug.root_cause in out.addresses_root_cause
    assert out.deployment_strategy == "canary"
    assert [s.traffic_percent for s in out.rollout_stages] == [5, 25, 50, 100]
    assert out.rollback_procedure


async def test_deploy_follows_the_fix_plan_and_claims_no_verification_it_has_not_seen(full_run):
    out = full_run["deploy"].output
    fix = FixOutput.model_validate(full_run["fix"].output)
    assert [s["name"] for s in out["stages"]] == [s.name for s in fix.rollout_stages]
    assert out["deployment_status"] == "not_started"  # the rollback was the mitigation
    assert all(v["result"] in ("pending", "unknown") for v in out["verification_results"])


async def test_comms_drafts_every_audience_from_the_current_state(full_run):
    out = CommsOutput.model_validate(full_run["comms"].output)
    assert out.status_page.status == "investigating"
    assert "checkout-api" not in out.status_page.body  # no internal names in public text
    assert "Checkout" in out.status_page.title
    assert "INC-42" in out.internal_update and "v2.3.1" in out.internal_update
    assert "SEV2" in out.executive_summary and "ETA" in out.executive_summary
    assert out.next_update_in_minutes == 30
    assert any("Rolled back checkout-api" in e.event for e in out.decision_timeline)


async def test_comms_for_a_security_incident_is_internal_until_approved(offline):
    ctx = bare_incident("Leaked AWS key on GitHub", updates=UpdateCadence(every_minutes=15))
    out = CommsOutput.model_validate((await run_step("comms", ctx, offline)).output)
    assert out.status_page.title.startswith("[Internal only")
    assert out.next_update_in_minutes == 15


async def test_impact_states_recorded_progress_and_computes_only_from_known_figures(full_run,
                                                                                    offline):
    out = ImpactOutput.model_validate(full_run["impact"].output)
    # progress from the timeline (a person moved it to monitoring), never from a draft page
    assert "mitigated by Ravi at 2025-03-04 14:09 UTC" in out.duration
    assert "status page" not in out.duration
    assert out.regions == ["eu-west-1"]
    assert "Not estimated" in out.revenue_impact
    assert "No revenue-per-minute figure" in out.missing_data

    ctx = checkout_incident(resolved_at=T0 + timedelta(minutes=30),
                            evidence={"revenue_per_minute": 1000, "failure_ratio": 0.25})
    known = ImpactOutput.model_validate((await run_step("impact", ctx, offline)).output)
    assert known.revenue_impact.startswith("About 7,500")


async def test_postmortem_contains_the_timeline_and_every_item_has_owner_and_due(full_run):
    out = PostmortemOutput.model_validate(full_run["postmortem"].output)
    events = " | ".join(e.event for e in out.timeline)
    for text in ("checkout-api v2.3.1 deployed", "Rolled back checkout-api to v2.3.0",
                 "Alert HighErrorRate started firing", "Incident declared"):
        assert text in events
    debug = DebugOutput.model_validate(full_run["debug"].output)
    assert out.root_cause == debug.root_cause
    assert out.action_items and all(i.owner and i.due for i in out.action_items)
    assert {i.type for i in out.action_items} >= {"prevent", "detect"}
    assert any(m == "Time to mitigate: 9 min" for m in out.response_metrics)


async def test_postmortem_is_blameless_about_people(full_run):
    text = str(full_run["postmortem"].output).lower()
    for word in ("blame", "fault of", "careless", "should have known"):
        assert word not in text


async def test_monitoring_turns_root_cause_and_postmortem_into_alerts(full_run):
    out = MonitoringOutput.model_validate(full_run["monitoring"].output)
    names = [a.name for a in out.new_alerts]
    assert "checkout-api-availability-burn-rate" in names
    assert "canary-5xx-gate" in names  # from the runbook the postmortem cites
    assert any("root-cause signal" in d for d in out.dashboard_improvements)
    assert out.chaos_scenarios


async def test_hardening_uses_postmortem_actions_and_performance(full_run):
    out = HardeningOutput.model_validate(full_run["hardening"].output)
    pm = PostmortemOutput.model_validate(full_run["postmortem"].output)
    perf = PerformanceOutput.model_validate(full_run["performance"].output)
    titles = [i.title for i in out.improvements]
    assert any(i.title in titles for i in pm.action_items if i.type == "prevent")
    assert any(o.recommendation[:100] in t for o in perf.optimizations for t in titles)
    assert perf.capacity_notes in out.capacity_plan
    assert [r.horizon for r in out.roadmap] == ["this week", "this month", "this quarter"]


async def test_offline_answers_are_deterministic(offline):
    ctx = checkout_incident()
    first = await run_steps(["triage", "observe"], ctx, offline)
    second = await run_steps(["triage", "observe"], ctx, offline)
    assert first["observe"].output == second["observe"].output


async def test_triage_respects_and_reports_a_declared_severity(offline):
    ctx = bare_incident("Checkout API returning 500s", severity="SEV1")
    out = TriageOutput.model_validate((await run_step("triage", ctx, offline)).output)
    assert out.severity == "SEV1" and out.severity_source == "declared"
    assert "triage alone says SEV2" in out.reason


async def test_triage_names_open_command_roles_and_the_cadence_the_context_carries(offline):
    ctx = bare_incident("Payments completely down for all users",
                        updates=UpdateCadence(every_minutes=20))
    out = TriageOutput.model_validate((await run_step("triage", ctx, offline)).output)
    needed = {a.role for a in out.command_assignments if a.status == "needed"}
    assert needed == {"incident_commander", "tech_lead", "comms_lead"}
    assert out.update_cadence_minutes == 20  # the bot's setting, not a table in the engine


async def test_without_a_cadence_in_the_context_the_engine_invents_none(offline):
    ctx = bare_incident("Payments completely down for all users", severity="SEV1")
    out = TriageOutput.model_validate((await run_step("triage", ctx, offline)).output)
    assert out.update_cadence_minutes is None


def test_the_agent_engine_imports_nothing_from_the_bot():
    root = Path(__file__).resolve().parents[2] / "agents"
    for file in root.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        assert "from bot" not in text and "import bot" not in text, file


async def test_a_cosmetic_issue_gets_a_forward_content_fix_not_a_rollback(offline):
    ctx = bare_incident("Typo on pricing page")
    results = await run_steps(["triage", "mitigate", "fix"], ctx, offline)
    mitigation = MitigateOutput.model_validate(results["mitigate"].output)
    assert mitigation.rollback_decision.decision == "no_rollback"
    assert "Cosmetic" in mitigation.rollback_decision.reason
    fix = FixOutput.model_validate(results["fix"].output)
    assert fix.deployment_strategy == "rolling" and fix.risk.level == "low"
