"""The DAG runner: order, real concurrency, context hand-over, callbacks and errors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from agents import (
    STEP_KEYS,
    IncidentContext,
    OfflineBackend,
    StepFailedError,
    UnknownStepError,
    phase_steps,
    plan,
    run_step,
    run_steps,
)
from agents.backend_protocol import Answer
from agents.steps import STEPS, StepSpec
from tests.agents.conftest import checkout_incident

Hook = Callable[[StepSpec, IncidentContext], Awaitable[None]]


class RecordingBackend:
    """The offline engine, plus a per-step hook and a log of what each step saw."""

    name = "offline"

    def __init__(self, hooks: dict[str, Hook] | None = None) -> None:
        self.inner = OfflineBackend()
        self.hooks = hooks or {}
        self.events: list[tuple[str, str]] = []
        self.seen: dict[str, set[str]] = {}

    async def answer(self, spec: StepSpec, context: IncidentContext) -> Answer:
        self.events.append(("start", spec.key))
        self.seen[spec.key] = set(context.step_results)
        if spec.key in self.hooks:
            await self.hooks[spec.key](spec, context)
        answer = self.inner.answer_now(spec, context)
        self.events.append(("end", spec.key))
        return answer


def test_plan_of_the_whole_workflow():
    # Six levels, not eleven: steps wait only for the results they read (test_step_needs.py).
    assert plan(STEP_KEYS) == [
        ["triage", "observe"], ["mitigate", "impact"], ["debug"],
        ["security", "performance", "comms"], ["fix", "postmortem"],
        ["deploy", "monitoring", "hardening"],
    ]


def test_plan_looks_through_steps_that_are_not_in_the_run():
    assert plan(["debug", "triage", "comms"]) == [["triage"], ["debug"], ["comms"]]
    assert plan(["security", "performance"]) == [["security", "performance"]]


def test_plan_with_deps_adds_what_is_needed_except_what_is_done():
    assert plan(["fix"], with_deps=True, done={"triage", "observe"}) == [
        ["mitigate"], ["debug"], ["security", "performance"], ["fix"]]


def test_phase_steps():
    assert phase_steps(1) == ["triage", "observe", "mitigate"]
    assert phase_steps(2) == ["debug", "security", "performance"]
    assert phase_steps(3) == ["fix", "deploy"]
    assert phase_steps(4) == ["comms", "impact"]
    assert phase_steps(5) == ["postmortem", "monitoring", "hardening"]
    with pytest.raises(ValueError, match="1-5"):
        phase_steps(6)


async def test_unknown_step_is_refused_with_the_list_of_valid_steps(incident):
    with pytest.raises(UnknownStepError) as caught:
        await run_step("triag", incident, OfflineBackend())
    message = str(caught.value)
    assert "unknown step 'triag'" in message
    assert all(key in message for key in STEP_KEYS)
    with pytest.raises(UnknownStepError):
        await run_steps(["triage", "rca"], incident, OfflineBackend())
    with pytest.raises(KeyError):  # also a KeyError, for callers that look steps up by key
        plan(["nope"])


async def test_every_step_starts_after_the_steps_it_needs_have_finished(incident):
    backend = RecordingBackend()
    results = await run_steps(STEP_KEYS, incident, backend)
    assert list(results) == list(STEP_KEYS)
    position = {event: i for i, event in enumerate(backend.events)}
    for key in STEP_KEYS:
        for need in STEPS[key].needs:
            assert position[("end", need)] < position[("start", key)], (need, key)


async def test_independent_steps_really_overlap(incident):
    """security and performance each wait for the other to have started: only a concurrent
    run can get both through the barrier (a sequential one would never pass it)."""
    barrier = asyncio.Barrier(2)

    async def meet(spec: StepSpec, context: IncidentContext) -> None:
        await barrier.wait()

    backend = RecordingBackend({"security": meet, "performance": meet,
                                "monitoring": meet, "hardening": meet})
    run = run_steps(STEP_KEYS, incident, backend)
    results = await asyncio.wait_for(run, timeout=10)  # a guard against a hang, not a timing
    assert set(results) == set(STEP_KEYS)
    at = {event: i for i, event in enumerate(backend.events)}
    for a, b in (("security", "performance"), ("monitoring", "hardening")):
        # both started before either finished
        assert at[("start", a)] < at[("end", b)] and at[("start", b)] < at[("end", a)]


async def test_each_step_sees_exactly_the_results_of_the_steps_before_it(incident):
    backend = RecordingBackend()
    await run_steps(STEP_KEYS, incident, backend)
    assert backend.seen["triage"] == set()
    assert backend.seen["observe"] == set()
    assert backend.seen["debug"] == {"triage", "observe", "mitigate"}
    assert backend.seen["security"] == {"triage", "observe", "mitigate", "debug"}
    assert "security" not in backend.seen["performance"]  # siblings do not see each other
    assert backend.seen["fix"] >= {"debug", "security", "performance"}
    assert backend.seen["impact"] == {"triage"}
    assert backend.seen["postmortem"] == {"triage", "observe", "mitigate", "debug", "security",
                                          "performance", "impact"}
    assert backend.seen["hardening"] == backend.seen["postmortem"] | {"postmortem"}


async def test_results_already_in_the_context_are_kept_and_used(incident, offline):
    triage = await run_step("triage", incident, offline)
    backend = RecordingBackend()
    results = await run_steps(["observe"], incident.with_results({"triage": triage}), backend)
    assert list(results) == ["observe"] and backend.seen["observe"] == {"triage"}
    assert results["observe"].missing_inputs == []


async def test_with_deps_runs_the_missing_earlier_steps_first(incident):
    backend = RecordingBackend()
    results = await run_steps(["debug"], incident, backend, with_deps=True)
    assert list(results) == ["triage", "observe", "mitigate", "debug"]


async def test_on_result_gets_each_result_as_it_lands_without_holding_up_dependents(incident):
    observe_started = asyncio.Event()
    landed: list[str] = []

    async def note_observe(spec: StepSpec, context: IncidentContext) -> None:
        observe_started.set()

    async def post(result) -> None:
        landed.append(result.step)
        if result.step == "triage":  # a slow Slack post must not block observe
            await asyncio.wait_for(observe_started.wait(), timeout=5)

    backend = RecordingBackend({"observe": note_observe})
    await run_steps(["triage", "observe", "mitigate"], incident, backend, on_result=post)
    assert sorted(landed) == ["mitigate", "observe", "triage"]


async def test_a_failing_step_stops_the_run_and_is_named(incident):
    async def boom(spec: StepSpec, context: IncidentContext) -> None:
        raise RuntimeError("disk on fire")

    backend = RecordingBackend({"debug": boom})
    with pytest.raises(StepFailedError) as caught:
        await run_steps(STEP_KEYS, incident, backend)
    assert caught.value.step == "debug" and "disk on fire" in str(caught.value)
    started = {key for kind, key in backend.events if kind == "start"}
    assert not started & {"security", "performance", "fix"}


async def test_a_failing_callback_is_reported_against_its_step(incident):
    async def post(result) -> None:
        raise ConnectionError("slack down")

    with pytest.raises(StepFailedError, match="'triage' failed: ConnectionError: slack down"):
        await run_steps(["triage", "observe"], incident, OfflineBackend(), on_result=post)


async def test_run_step_does_not_mutate_the_callers_context(incident, offline):
    before = incident.model_dump()
    await run_steps(["triage", "observe"], incident, offline)
    assert incident.model_dump() == before


def test_checkout_incident_fixture_is_the_same_each_time():
    assert checkout_incident() == checkout_incident()
