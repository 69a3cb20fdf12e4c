"""Evidence or silence: on an incident with no metrics and no alerts, no step asserts a
bottleneck, a status-page state, a root cause or an impact figure it cannot cite; each says what
is missing instead. Checked for all 13 steps, offline and through the Claude backend against the
Anthropic stand-in (a model that makes such claims has them removed by our code)."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from typing import Any

import pytest

from agents import STEP_KEYS, STEPS, OfflineBackend, TimelineEntry, run_step, run_steps
from agents.evidence_guard import missing_line
from agents.models import DebugOutput
from agents.result import StepResult
from tests.agents.conftest import T0, bare_incident, checkout_incident
from tests.agents.test_claude_backend import claude
from tests.support.anthropic_standin import Reply, requested_model

NAMED_CHANGE = "deploy 2026.11.25-3 of checkout-svc"


def _named() -> Any:
    """The drill's shape: the tech lead names the change when moving to identified."""
    return checkout_incident(
        alerts=[], evidence={}, roles={"incident_commander": ["Mei"], "tech_lead": ["Ravi"]},
        timeline=[TimelineEntry(
            at=T0 + timedelta(minutes=57), kind="status_changed", to="identified", actor="Ravi",
            text=f"status investigating → identified (why: {NAMED_CHANGE} broke payment calls)")])


# name -> (context, the version a root cause may cite or None, whether a status page is recorded)
BLIND = {
    "bare report": (lambda: bare_incident("Checkout API returning 500 errors"), None, False),
    "chinese report": (lambda: bare_incident("結帳服務大量錯誤，使用者無法付款"), None, False),
    "deploy webhook only": (lambda: checkout_incident(alerts=[], evidence={}), "v2.3.1", True),
    "change named by a person": (_named, "2026.11.25-3", False),
}

# The test's own reading of each claim kind (independent of agents/evidence_guard.py).
CLAIMED_BOTTLENECK = re.compile(r"bottleneck", re.I)
NO_BOTTLENECK = re.compile(r"\b(no|not|without|cannot)\b", re.I)
PAGE_STATE = re.compile(r"status[- ]?page\W{0,3}(says|shows|is|was|reads|reports|:)\W{0,3}"
                        r"['\"“]?(investigating|identified|monitoring|resolved|operational)", re.I)
FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*%\s+(?:of\s+)?(?:\w+\s+){0,2}(users|customers|"
                    r"requests|transactions|payments|checkouts|orders|errors)|[$€£]\s?\d|"
                    r"(\d[\d,]*)\s+(?:\w+\s+)?(users|customers|transactions|checkouts|orders|"
                    r"tickets|failed)\b", re.I)


def _strings(value: Any, field: str = ""):
    if field == "status_page":  # the comms step's draft: a proposal, not a claim of state
        return
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key)


def _sentences(result: StepResult):
    for field, text in [("summary", result.summary), *_strings(result.output)]:
        for sentence in re.split(r"(?<=[.;])\s+", text):
            yield field, sentence


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def claims_without_evidence(result: StepResult, context, version: str | None,
                            status_page: bool) -> list[str]:
    said = _numbers(context.title + " " + context.description + " "
                    + " ".join(e.text for e in context.timeline))
    found = []
    for field, sentence in _sentences(result):
        if CLAIMED_BOTTLENECK.search(sentence) and not NO_BOTTLENECK.search(sentence):
            found.append(f"bottleneck: {sentence}")
        if not status_page and PAGE_STATE.search(sentence):
            found.append(f"status page: {sentence}")
        for match in FIGURE.finditer(sentence):
            numbers = _numbers(match.group(0))
            if numbers - said and not re.search(r"canary|rollout|stage", sentence, re.I):
                found.append(f"impact figure: {sentence}")
    for field in ("root_cause", "addresses_root_cause"):
        claim = result.output.get(field)
        if claim is None or "Not established" in claim:
            continue
        if version is None or version not in claim:
            found.append(f"root cause: {claim}")
    return found


@pytest.fixture(scope="module")
def offline_runs() -> dict[str, tuple[Any, dict[str, StepResult]]]:
    runs = {}
    for name, (make, _, _) in BLIND.items():
        context = make()
        runs[name] = (context, asyncio.run(run_steps(STEP_KEYS, context, OfflineBackend())))
    return runs


@pytest.mark.parametrize("key", STEP_KEYS)
@pytest.mark.parametrize("name", list(BLIND))
def test_no_offline_step_claims_what_it_cannot_cite(name, key, offline_runs):
    context, results = offline_runs[name]
    _, version, status_page = BLIND[name]
    assert claims_without_evidence(results[key], context, version, status_page) == []
    assert results[key].unfounded_claims == []  # written so, not repaired by the guard


@pytest.mark.parametrize("name", list(BLIND))
def test_the_offline_answers_say_what_is_missing_in_one_line(name, offline_runs):
    context, results = offline_runs[name]
    _, version, _ = BLIND[name]
    assert results["performance"].output["bottlenecks"] == []
    assert results["performance"].summary.startswith("Top bottleneck: no bottleneck confirmed")
    root = DebugOutput.model_validate(results["debug"].output).root_cause
    if version is None:
        assert root.startswith("Not established: ")
    else:  # a change is a fact; that it caused the errors is only suspected without evidence
        assert root.startswith("Suspected: deploy ") and version in root
        assert root.endswith("no metrics or alerts tie it to the errors yet")
    assert results["impact"].output["failed_transactions"].startswith("Not measured")
    assert "not measur" in results["impact"].output["sla_analysis"].lower()


# --- the Claude path: a model that claims what nobody measured --------------------------------

LIES: dict[str, dict[str, Any]] = {
    "TriageOutput": {"user_impact": "91% of requests fail for all users."},
    "ObserveOutput": {"trace_analysis": "Status page says 'resolved'. The bottleneck is the "
                                        "payments-db connection pool."},
    "MitigateOutput": {"rollback_decision": {"decision": "rollback",
                                             "reason": "Error rate is 45% since the deploy."}},
    "DebugOutput": {"root_cause": "Connection pool exhaustion in payments-db after a config push",
                    "root_cause_confidence": "high"},
    "SecurityOutput": {"assessment": "Not an attack. Root cause: pool exhaustion in payments-db."},
    "PerformanceOutput": {"bottlenecks": [{"component": "payments-db connection pool",
                                           "description": "pool saturated", "evidence": "seen",
                                           "severity": "high"}],
                          "capacity_notes": "The bottleneck is the payments-db connection pool."},
    "FixOutput": {"addresses_root_cause": "Root cause: payments-db pool exhaustion."},
    "DeployOutput": {"ic_coordination": "The status page shows monitoring; 12,000 checkouts "
                                        "failed."},
    "CommsOutput": {"internal_update": "Status page says 'resolved'. About 37% of customers "
                                      "cannot pay.",
                    "executive_summary": "We lost $48,000 so far. Root cause: payments-db."},
    "ImpactOutput": {"failed_transactions": "12,000 failed transactions",
                     "revenue_impact": "$48,000 lost",
                     "sla_analysis": "37% of users affected for 10 minutes."},
    "PostmortemOutput": {"root_cause": "Connection pool exhaustion in payments-db",
                         "summary": "Root cause: payments-db pool. 12,000 checkouts failed.",
                         "impact": "37% of users could not pay; $48,000 lost.",
                         "contributing_factors": ["Bottleneck: payments-db connection pool"]},
    "MonitoringOutput": {"slo_adjustments": ["37% of users were hit: tighten the SLO"]},
    "HardeningOutput": {"capacity_plan": "Plan capacity around the bottleneck in payments-db.",
                        "tech_debt": ["The status page was resolved too early"]},
}
PLANTED = ("91%", "45%", "37%", "12,000", "$48,000", "payments-db", "connection pool",
           "says 'resolved'", "shows monitoring", "was resolved too early")


def lying_model(context) -> Any:
    honest = asyncio.run(run_steps(STEP_KEYS, context, OfflineBackend()))
    answers = {STEPS[k].output_model.__name__: {**r.output} for k, r in honest.items()}
    for title, lies in LIES.items():
        answers[title].update(lies)

    def respond(body: dict) -> Reply:
        return Reply(content=[{"type": "text", "text": json.dumps(answers[requested_model(body)])}])

    return respond


@pytest.fixture(scope="module")
def bare_lies():
    return lying_model(bare_incident("Checkout API returning 500 errors"))


async def test_claims_claude_makes_without_evidence_are_removed_and_flagged(api, bare_lies):
    context = bare_incident("Checkout API returning 500 errors")
    api.responder = bare_lies
    results = await run_steps(STEP_KEYS, context, claude(api))
    for key, result in results.items():
        assert result.backend == "claude" and result.fallback_reason is None, key
        said = result.summary + json.dumps(result.output, ensure_ascii=False)
        for lie in PLANTED:
            assert lie not in said, (key, lie)
        assert claims_without_evidence(result, context, None, False) == [], key
        assert result.unfounded_claims, key  # flagged, and in the details (render)
    assert results["performance"].output["bottlenecks"] == []
    assert results["debug"].output["root_cause"] == missing_line("root_cause")
    assert results["debug"].output["root_cause_confidence"] == "low"
    assert results["impact"].output["failed_transactions"] == missing_line("impact_figure")
    assert results["comms"].unfounded_claims == ["status_page", "impact_figure", "root_cause"]
    assert missing_line("status_page") in results["comms"].output["internal_update"]


async def test_a_cause_the_model_cites_from_the_record_is_kept(api):
    context = _named()
    answers = {"DebugOutput": {**(await run_step("debug", context, OfflineBackend())).output,
                               "root_cause": f"{NAMED_CHANGE} broke payment calls, as the tech "
                                             "lead said at 14:57",
                               "root_cause_confidence": "medium"}}
    api.responder = lambda body: Reply(content=[{"type": "text", "text": json.dumps(
        answers[requested_model(body)])}])
    result = await run_step("debug", context, claude(api))
    assert result.output["root_cause"].startswith(NAMED_CHANGE)
    assert result.unfounded_claims == []


async def test_a_change_named_in_a_status_reason_is_a_fact_not_a_quoted_line():
    results = await run_steps(["triage", "observe", "mitigate", "debug"], _named(),
                              OfflineBackend())
    said = json.dumps({k: r.output for k, r in results.items()}, ensure_ascii=False)
    assert f"{NAMED_CHANGE} (named by the tech lead, 14:57)" in said
    assert "status investigating" not in said and "(why:" not in said


async def test_a_runbook_matched_on_words_alone_gives_candidates_not_a_root_cause():
    result = await run_step("debug", bare_incident("Checkout API returning 500 errors"),
                            OfflineBackend())
    out = DebugOutput.model_validate(result.output)
    assert out.root_cause.startswith("Not established: no metrics or alerts")
    assert any(f.startswith("Candidate: ") for f in out.contributing_factors)


def test_figures_a_person_reported_may_be_repeated():
    from agents.evidence_guard import Evidence, unfounded

    context = bare_incident("Card payments fail for ~30% of customers")
    assert unfounded("About 30% of customers cannot pay.", Evidence.of(context)) is None
    assert unfounded("About 45% of customers cannot pay.", Evidence.of(context)) == \
        "impact_figure"


# Claims written in Chinese, as Claude writes them for a zh-TW war room: each is caught without
# evidence, and the same sentence with its denial (or the figure a person reported) stands.
CHINESE_CLAIMS = [
    ("主要瓶頸是資料庫連線池耗盡。", "bottleneck"),
    ("狀態頁目前顯示已解決。", "status_page"),
    ("狀態頁：監控中", "status_page"),
    ("根本原因：v9.9.9 的優惠券程式碼路徑出現空指標。", "root_cause"),
    ("根本原因是快取叢集的設定錯誤", "root_cause"),
    ("約 45% 的使用者無法付款。", "impact_figure"),
    ("錯誤率達 37%。", "impact_figure"),
    ("共有 1,200 筆交易失敗。", "impact_figure"),
    ("營收損失約新台幣 50,000 元。", "impact_figure"),
]
CHINESE_FINE = [
    "尚未確認瓶頸：目前沒有任何指標。",
    "狀態頁草稿：調查中",
    "根本原因：尚未確立。",
    "約 30% 的使用者無法付款。",  # the declaration reports 30%
    "先以金絲雀部署導流 5% 的流量。",  # a rollout step, not an impact figure
]


@pytest.mark.parametrize(("sentence", "kind"), CHINESE_CLAIMS)
def test_claims_written_in_chinese_are_caught_without_evidence(sentence, kind):
    from agents.evidence_guard import Evidence, unfounded

    context = bare_incident("結帳服務異常，約 30% 的使用者無法付款")
    assert unfounded(sentence, Evidence.of(context)) == kind


@pytest.mark.parametrize("sentence", CHINESE_FINE)
def test_chinese_denials_drafts_and_reported_figures_stand(sentence):
    from agents.evidence_guard import Evidence, unfounded

    context = bare_incident("結帳服務異常，約 30% 的使用者無法付款")
    assert unfounded(sentence, Evidence.of(context)) is None


async def test_a_zh_tw_answer_loses_its_unfounded_chinese_claims_to_one_chinese_line(api):
    """Claude's answer for a zh-TW incident: the Chinese claims go, the line that replaces each
    is in Chinese, and the rest of the sentence list is kept."""
    context = bare_incident("結帳服務異常").model_copy(update={"locale": "zh-TW"})
    offline = (await run_step("debug", context, OfflineBackend())).output
    answers = {"DebugOutput": {**offline, "root_cause": "根本原因：v9.9.9 的優惠券程式碼出現空指標。",
                               "root_cause_confidence": "high",
                               "next_investigations": ["比對 v9.9.9 的變更內容。狀態頁目前顯示已解決。"]}}
    api.responder = lambda body: Reply(content=[{"type": "text", "text": json.dumps(
        answers[requested_model(body)])}])
    result = await run_step("debug", context, claude(api))
    assert result.output["root_cause"] == missing_line("root_cause", "zh-TW")
    assert result.output["root_cause_confidence"] == "low"
    assert result.output["next_investigations"][0] == (
        "比對 v9.9.9 的變更內容。" + missing_line("status_page", "zh-TW"))
    assert set(result.unfounded_claims) == {"root_cause", "status_page"}
    assert "尚未確立" in missing_line("root_cause", "zh-TW")
