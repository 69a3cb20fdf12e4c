"""Evidence or silence: on an incident with no metrics and no alerts, no step asserts a bottleneck
or a status-page state it cannot cite; each says what is missing instead."""

from __future__ import annotations

import asyncio
import json

import pytest

from agents import STEP_KEYS, OfflineBackend, run_steps
from tests.agents.conftest import checkout_incident

UNFOUNDED = ("top bottleneck: checkout", "status page says", "bottleneck: checkout-api")


@pytest.fixture(scope="module")
def blind_run() -> dict:
    """The checkout outage as people describe it: no anomaly scan, no alerts."""
    context = checkout_incident(alerts=[], evidence={})
    return asyncio.run(run_steps(STEP_KEYS, context, OfflineBackend()))


@pytest.mark.parametrize("key", STEP_KEYS)
def test_no_step_claims_a_bottleneck_or_status_page_state_without_evidence(key, blind_run):
    result = blind_run[key]
    said = (result.summary + " " + json.dumps(result.output, ensure_ascii=False)).lower()
    for claim in UNFOUNDED:
        assert claim not in said, (key, claim)


def test_performance_says_what_is_missing_in_one_line(blind_run):
    out = blind_run["performance"].output
    assert out["bottlenecks"] == []
    assert blind_run["performance"].summary.startswith("Top bottleneck: no bottleneck confirmed")


async def test_a_change_named_in_a_status_reason_is_a_fact_not_a_quoted_line():
    from datetime import timedelta

    from agents import TimelineEntry
    from tests.agents.conftest import T0

    context = checkout_incident(
        alerts=[], evidence={}, roles={"incident_commander": ["Mei"], "tech_lead": ["Ravi"]},
        timeline=[TimelineEntry(
            at=T0 + timedelta(minutes=57), kind="status_changed", to="identified", actor="Ravi",
            text="status investigating → identified (why: deploy 2026.11.25-3 of checkout-svc "
                 "broke payment calls)")])
    results = await run_steps(["triage", "observe", "mitigate", "debug"], context,
                              OfflineBackend())
    said = json.dumps({k: r.output for k, r in results.items()}, ensure_ascii=False)
    assert "deploy 2026.11.25-3 of checkout-svc (named by the tech lead, 14:57)" in said
    assert "status investigating" not in said and "(why:" not in said


async def test_a_runbook_matched_on_words_alone_gives_candidates_not_a_root_cause():
    from agents import run_step
    from agents.models import DebugOutput
    from tests.agents.conftest import bare_incident

    result = await run_step("debug", bare_incident("Checkout API returning 500 errors"),
                            OfflineBackend())
    out = DebugOutput.model_validate(result.output)
    assert out.root_cause.startswith("Not established: no metrics or alerts")
    assert any(f.startswith("Candidate: ") for f in out.contributing_factors)
