"""`needs` says exactly which earlier results a step reads: no more (a run would wait for nothing)
and no less (a step would read a result the run never gave it).

Offline: each step runs on a context that holds every other step's result, and the results it
looks up by key are recorded. Claude: the request's "Earlier step results" section names exactly
the step's needs.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from agents import STEP_KEYS, STEPS, OfflineBackend, run_steps
from agents.context import IncidentContext
from agents.prompting import results_block
from tests.agents.conftest import checkout_incident


class RecordingResults(dict):
    """The context's step results, noting every result looked up by key."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


@pytest.fixture(scope="module")
def every_result() -> dict:
    return asyncio.run(run_steps(STEP_KEYS, checkout_incident(), OfflineBackend()))


def _reads(key: str, results: dict) -> set[str]:
    recorder = RecordingResults({k: v for k, v in results.items() if k != key})
    context: IncidentContext = checkout_incident()
    object.__setattr__(context, "step_results", recorder)
    OfflineBackend().answer_now(STEPS[key], context)
    return recorder.read - {key}


@pytest.mark.parametrize("key", STEP_KEYS)
def test_the_offline_step_reads_exactly_the_results_it_needs(key, every_result):
    assert _reads(key, every_result) == set(STEPS[key].needs)


@pytest.mark.parametrize("key", STEP_KEYS)
def test_the_claude_prompt_carries_exactly_the_results_the_step_needs(key, every_result):
    context = checkout_incident().with_results(
        {k: v for k, v in every_result.items() if k != key})
    sent = set(re.findall(r"^## (\w+) \(", results_block(STEPS[key], context), re.M))
    assert sent == set(STEPS[key].needs)
