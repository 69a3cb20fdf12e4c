"""Agent steps as jobs: started from Slack, run as a DAG by the worker, answered in threads."""

import asyncio

import pytest

from agents import STEP_KEYS, OfflineBackend, get_step
from bot.incident.model import EventKind
from tests.integration.conftest import Harness
from tests.support.waiting import eventually


class GatedBackend:
    """The offline engine, but each step waits until the test opens the gate."""

    name = "offline"

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.started: list[str] = []
        self.offline = OfflineBackend()

    async def answer(self, spec, context):
        self.started.append(spec.key)
        await self.gate.wait()
        return await self.offline.answer(spec, context)


async def _results(harness, incident, count):
    return await eventually(
        lambda: _stored(harness, incident, count), timeout=15, what=f"{count} stored step results"
    )


async def _stored(harness, incident, count):
    results = await harness.bot.ctx.steps.results(incident.id)
    return results if len(results) >= count else None


async def test_one_step_answers_in_a_thread_under_its_header(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev2 Checkout API returning 500s after deploy")
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    # The answer follows the ack (the work runs after it): wait for it.
    await slack.wait_for(lambda: harness.replies("alice", "Running triage (1 step)"), description="the run's answer")
    [result] = (await _results(harness, incident, 1)).values()
    header = await slack.wait_for(
        lambda: next((m for m in slack.messages(incident.channel_id) if result.summary in str(m.blocks)), None)
    )
    assert "1. Detect and classify" in str(header.blocks) and "offline" in str(header.blocks)
    thread = await slack.wait_for(lambda: slack.messages(incident.channel_id, thread_ts=header.ts))
    assert "Detect and classify" in str(thread[0].blocks) and "SEV" in str(thread[0].blocks)
    assert result.output["severity"] in {"SEV1", "SEV2", "SEV3", "SEV4"}
    events = await harness.store.timeline(incident.id)
    assert events[-1].kind is EventKind.STEP_COMPLETED and events[-1].data["backend"] == "offline"


async def test_run_all_follows_the_dag_and_later_steps_use_earlier_results(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev1 Checkout API returning 500s after deploy 4312")
    await slack.user("alice").command("/incident", "run all", incident.channel_id)
    results = await _results(harness, incident, 13)
    for key in STEP_KEYS:
        for need in get_step(key).needs:
            assert results[need].finished_at <= results[key].started_at, (need, key)
    assert results["debug"].missing_inputs == []
    assert "observe finding" in str(results["debug"].output["five_whys"])  # debug read observe's result
    postmortem_timeline = str(results["postmortem"].output["timeline"])
    assert "declared SEV1" in postmortem_timeline  # the incident's own timeline reached the agents
    await slack.wait_for(lambda: len(_threads(slack, incident)) >= 13, timeout=10)


def _threads(slack, incident):
    return [m for m in slack.messages(incident.channel_id) if slack.messages(incident.channel_id, thread_ts=m.ts)]


async def test_a_running_step_is_not_started_twice(slack, redis_url):
    backend = GatedBackend()
    harness = Harness(slack, redis_url)
    await harness.start_bot()
    harness.bot._worker.ctx["backend"] = backend
    try:
        incident = await harness.declare()
        await slack.user("alice").command("/incident", "run triage", incident.channel_id)
        await eventually(lambda: _async(backend.started == ["triage"]), what="triage to start")
        await slack.user("bob").command("/incident", "run phase 1", incident.channel_id)
        [answer] = await slack.wait_for(lambda: harness.replies("bob", "Already queued or running"))
        assert "triage" in answer
        backend.gate.set()
        await _results(harness, incident, 1)
        await slack.user("bob").command("/incident", "run triage", incident.channel_id)
        await slack.wait_for(lambda: harness.replies("bob", "Running triage"))
    finally:
        backend.gate.set()
        await harness.stop_all()


async def _async(value):
    return value


async def test_a_job_cut_off_by_a_restart_runs_again_without_a_second_header(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot()
    gated = GatedBackend()
    harness.bot._worker.ctx["backend"] = gated
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    await eventually(lambda: _async(gated.started == ["triage"]), what="triage to start")
    await harness.stop_all()  # the running job is cancelled and goes back to the queue

    await harness.start_bot()  # a new process with the offline engine picks it up
    try:
        await _results(harness, incident, 1)
        headers = [
            m for m in slack.messages(incident.channel_id)
            if m.ts != incident.card_ts and "Detect and classify" in str(m.blocks)
        ]
        assert len(headers) == 1
    finally:
        await harness.stop_all()


async def test_the_card_select_runs_a_phase(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("bob").click(incident.channel_id, incident.card_ts, "run_steps", option="phase 1")
    results = await _results(harness, incident, 3)
    assert set(results) == {"triage", "observe", "mitigate"}


@pytest.mark.parametrize("text, expected", [("run nonsense", "is not a step. Steps: triage, observe"),
                                            ("run phase 7", "Phases are 1 to 5")])
async def test_bad_step_names_list_the_valid_ones(harness, text, expected):
    incident = await harness.declare()
    await harness.slack.user("alice").command("/incident", text, incident.channel_id)
    # the answer follows the ack (in the person's language, a users.info away)
    assert await harness.slack.wait_for(lambda: harness.replies("alice", expected))


async def test_running_a_step_outside_a_war_room_is_explained(harness):
    await harness.slack.user("alice").command("/incident", "run triage")
    [answer] = await harness.slack.wait_for(lambda: harness.replies("alice", "war-room channel"))
    assert "only works inside" in answer


async def test_a_long_result_is_attached_as_a_file_in_its_thread(harness):
    from datetime import datetime, timezone

    from agents import StepResult
    from bot.flows.agent_steps import post_result

    incident = await harness.declare()
    now = datetime.now(timezone.utc)
    result = StepResult(
        step="observe", title="Observability scan", summary="200 findings", backend="offline",
        output={"findings": [{"title": f"finding {i}", "detail": "x" * 300} for i in range(200)]},
        duration_ms=1, started_at=now, finished_at=now,
    )
    header = await harness.bot.ctx.slack.post(incident.channel_id, "observe")
    await post_result(harness.bot.ctx, incident.channel_id, header, result)
    [file] = harness.slack.files()
    assert file.filename == "observe.md" and b"finding 199" in file.content
    thread = harness.slack.messages(incident.channel_id, thread_ts=header)
    assert any(m.files for m in thread)
