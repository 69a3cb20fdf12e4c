"""Agent steps as jobs: started from Slack, run as a DAG by the worker, answered in threads."""

import asyncio
import html

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


async def test_one_step_answers_with_its_essentials_and_the_rest_on_demand(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev2 Checkout API returning 500s after deploy")
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    # The answer follows the ack (the work runs after it): wait for it.
    await slack.wait_for(lambda: harness.replies("alice", "Running triage (1 step)"), description="the run's answer")
    [result] = (await _results(harness, incident, 1)).values()
    answer = await slack.wait_for(lambda: next(
        (m for m in slack.messages(incident.channel_id) if "Details" in str(m.blocks)), None))
    shown = str(answer.blocks)
    assert "1. Detect and classify" in shown and "SEV2 service outage on checkout-api" in shown
    assert len(answer.blocks[0]["text"]["text"]) <= 1200 + 40  # headline and essentials only
    assert not slack.messages(incident.channel_id, thread_ts=answer.ts)  # nothing else posted
    await slack.user("bob").click(incident.channel_id, answer.ts, "step_details")
    view = await slack.wait_for(lambda: slack.open_view("bob"), description="the details view")
    whole = str(view.payload["blocks"])
    assert "Command assignments" in whole and "Business risk" in whole  # what the essentials left out
    assert "incident_commander" not in whole and "service_outage" not in whole
    events = await harness.store.timeline(incident.id)
    completed = [e for e in events if e.kind is EventKind.STEP_COMPLETED]
    assert completed[-1].data["backend"] == "offline" and result.title in completed[-1].text


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


class LastStepHeldBackend:
    """The offline engine; the last step (hardening) waits until the test lets it go."""

    name = "offline"

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.offline = OfflineBackend()

    async def answer(self, spec, context):
        if spec.key == "hardening":
            await self.gate.wait()
        return await self.offline.answer(spec, context)


async def test_run_all_is_one_message_edited_as_steps_finish(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot()
    backend = LastStepHeldBackend()
    harness.bot._worker.ctx["backend"] = backend
    try:
        incident = await harness.declare("declare sev1 Checkout API returning 500s after deploy 4312")
        posts_before = len(slack.calls("chat.postMessage"))
        await slack.user("alice").command("/incident", "run all", incident.channel_id)
        # Twelve answers show while the thirteenth is still running: the message is edited in place.
        partial = await slack.wait_for(lambda: next(
            (m for m in slack.messages(incident.channel_id) if "12 of 13 done" in str(m.blocks)), None), timeout=20)
        assert ":hourglass_flowing_sand: *13. System hardening* · running" in str(partial.blocks)
        backend.gate.set()
        board = await slack.wait_for(lambda: next(
            (m for m in slack.messages(incident.channel_id) if "13 of 13 done" in str(m.blocks)), None), timeout=20)
    finally:
        backend.gate.set()
        await harness.stop_all()
    assert board.ts == partial.ts
    runs = [c for c in slack.calls("chat.postMessage")[posts_before:] if "AI agent steps" in c.args.get("text", "")]
    assert len(runs) == 1  # one message per run
    assert not slack.messages(incident.channel_id, thread_ts=board.ts)
    lines = [b["text"]["text"] for b in board.blocks[1:]]
    assert len(lines) == 13
    for line in lines:
        headline = html.unescape(line.split("* · ", 1)[1])  # what Slack shows: &lt; reads as <
        assert len(headline) <= 150, line
        for internal in ("service_outage", "incident_commander", "phase ", " ms", "docs-architect", "1 optimisations"):
            assert internal not in line, (internal, line)
    assert all(b.get("accessory", {}).get("action_id") == "step_details" for b in board.blocks[1:])


async def test_a_running_step_is_not_started_twice(slack, redis_url):
    backend = GatedBackend()
    harness = Harness(slack, redis_url)
    await harness.start_bot(agent_rerun_cooldown_seconds=0)  # the re-run below is about the lock, not the cooldown
    harness.bot._worker.ctx["backend"] = backend
    try:
        incident = await harness.declare()
        await slack.user("bob").join(incident.channel_id)  # steps are run by war-room members
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
    await slack.user("bob").join(incident.channel_id)
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


async def test_a_long_result_shows_its_essentials_and_the_details_fit_a_view(harness):
    from datetime import datetime, timezone

    from agents import StepResult
    from bot.flows.agent_steps import post_result

    incident = await harness.declare()
    now = datetime.now(timezone.utc)
    result = StepResult(
        step="observe", title="Observability scan", summary="200 findings", backend="offline",
        output={"findings": [{"summary": f"finding {i}", "source": "x" * 300} for i in range(200)]},
        duration_ms=1, started_at=now, finished_at=now,
    )
    await harness.bot.ctx.steps.save_result(incident.id, result)
    message = await harness.bot.ctx.slack.post(incident.channel_id, "observe")
    await post_result(harness.bot.ctx, incident.channel_id, message, incident.id, result)
    shown = harness.slack.message(incident.channel_id, message)
    assert "finding 0" in str(shown.blocks) and "finding 199" not in str(shown.blocks)
    assert "and 197 more" in str(shown.blocks)
    await harness.slack.user("alice").click(incident.channel_id, message, "step_details")
    view = await harness.slack.wait_for(lambda: harness.slack.open_view("alice"))
    assert len(view.payload["blocks"]) <= 100 and "finding 1" in str(view.payload["blocks"])
