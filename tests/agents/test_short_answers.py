"""Short answers: one headline per step and the essentials, in words a responder reads."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from agents import STEP_KEYS, OfflineBackend, StepResult, run_steps
from agents.render import ESSENTIALS_MAX, HEADLINE_MAX, clip, essentials, headline, humanise
from tests.agents.conftest import bare_incident, checkout_incident

INTERNAL = ("service_outage", "incident_commander", "tech_lead", "comms_lead", "no_rollback",
            "not_started", "1 optimisations", "docs-architect", "phase ", " ms")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module", params=["checkout", "bare"])
def results(request) -> dict:
    context = checkout_incident() if request.param == "checkout" else bare_incident("Search is slow for some users")
    return asyncio.run(run_steps(STEP_KEYS, context, OfflineBackend()))


@pytest.mark.parametrize("key", STEP_KEYS)
def test_every_headline_is_one_short_line_in_words(key, results):
    line = headline(results[key])
    assert line and "\n" not in line and len(line) <= HEADLINE_MAX
    for internal in INTERNAL:
        assert internal not in line, (internal, line)


@pytest.mark.parametrize("key", STEP_KEYS)
def test_every_step_has_essentials_within_the_limit_without_internal_names(key, results):
    text = essentials(results[key])
    assert text.startswith(f"**{headline(results[key])}**") and len(text) <= ESSENTIALS_MAX
    for internal in INTERNAL:
        assert internal not in text, (internal, text)


def test_essentials_leave_long_lists_to_the_details():
    result = StepResult(step="observe", title="Observability scan", summary="x", backend="offline",
                        output={"findings": [{"summary": f"finding {n}", "source": "text"} for n in range(40)]},
                        duration_ms=1, started_at=NOW, finished_at=NOW)
    text = essentials(result)
    assert "finding 2" in text and "finding 3" not in text and "and 37 more" in text


def test_internal_names_become_words():
    assert humanise("Type service_outage; *incident_commander* — assigned") == "Type service outage; incident commander — assigned"
    assert humanise("Top bottleneck: db; 1 optimisations") == "Top bottleneck: db; 1 optimisation"
    assert humanise('rate(http_requests_total{code=~"5.."}[5m])') == 'rate(http_requests_total{code=~"5.."}[5m])'


def test_a_malformed_output_still_gets_a_headline():
    result = StepResult(step="triage", title="Detect and classify", summary="SEV2 service_outage (db)",
                        backend="claude", output={"affected_services": "not a list"},
                        duration_ms=1, started_at=NOW, finished_at=NOW)
    assert headline(result) == "SEV2 service outage (db)"


def test_clip_cuts_at_a_word():
    assert clip("one two three four", 12) == "one two…" and clip("short", 12) == "short"
