"""Faults: a crash mid-declare, Redis restarted mid-incident, Slack failing, several processes."""

import asyncio
import os
import signal
import sys

from bot.incident.model import Lifecycle
from slack_standin import BOT_TOKEN, SIGNING_SECRET, SlackStandIn
from tests.integration.conftest import Harness
from tests.support.redis_server import free_port
from tests.support.clock import TestClock
from tests.support.round_robin import RoundRobin
from tests.support.waiting import eventually
from tests.support.pace import fast_pace


async def test_a_declare_killed_half_way_is_finished_after_restart(redis_url):
    async with SlackStandIn(pace=fast_pace()) as slack:
        port = free_port()
        env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_API_URL": slack.api_url, "REDIS_URL": redis_url, "PORT": str(port), "HOST": "127.0.0.1"}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "serve", env=env, stderr=asyncio.subprocess.PIPE)
        while b"bot ready" not in (line := await asyncio.wait_for(process.stderr.readline(), 20)):
            assert line, "serve exited before it was ready"
        slack.bot_url = f"http://127.0.0.1:{port}/slack/events"
        assert (await slack.user("alice").command("/incident", "help")).ok  # Bolt's first-request auth.test
        slack.set_latency(5)  # every Slack call now hangs: the declare stops half-way
        harness = Harness(slack, redis_url)
        command = asyncio.create_task(slack.user("alice").command("/incident", "declare sev1 Checkout down"))
        record = await eventually(lambda: stored_record(redis_url), timeout=10, what="the half-made record")
        process.send_signal(signal.SIGKILL)  # mid-declare
        await process.wait()
        command.cancel()
        slack.set_latency(0)
        assert record.lifecycle is Lifecycle.DECLARING

        await harness.start_bot(declare_recovery_seconds=0)  # the restart finds and finishes it
        try:
            record = await eventually(lambda: _ready(harness), timeout=10, what="the declare finished")
            assert slack.pins(record.channel_id)[0].ts == record.card_ts
            assert "U0ALICE" in slack.members(record.channel_id)
            dm = slack.dm_with("U0ALICE")
            assert dm and slack.find_message(dm.id, "was interrupted by a restart")
        finally:
            await harness.stop_all()


async def stored_record(redis_url):
    from bot.platform.redis_connection import connect
    from bot.platform.incident_store import IncidentStore

    redis = connect(redis_url)
    try:
        return await IncidentStore(redis).get("INC-1")
    finally:
        await redis.aclose()


async def _ready(harness):
    record = await harness.store.get("INC-1")
    return record if record and record.lifecycle is Lifecycle.READY else None


async def test_redis_restarted_mid_incident_loses_nothing_and_the_bot_recovers(harness, redis_server):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "status identified bad deploy", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "to *Identified*")
    redis_server.stop()
    try:
        await slack.user("bob").command("/incident", "status", incident.channel_id)
        [answer] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if "state store" in e.text])
        assert "unavailable" in answer.text and "nothing was changed" in answer.text
    finally:
        redis_server.start()
    await slack.user("bob").command("/incident", "status", incident.channel_id)
    await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if e.blocks and "Identified" in str(e.blocks)])
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)  # the job worker came back too
    await eventually(lambda: harness.bot.ctx.steps.results(incident.id), timeout=15, what="a step result")
    assert len(await harness.store.timeline(incident.id)) >= 2


async def test_slack_5xx_is_retried_and_a_lasting_failure_is_reported(harness):
    slack = harness.slack
    incident = await harness.declare()
    slack.fail_http("chat.update", status=500, times=1)
    await slack.user("alice").command("/incident", "status identified", incident.channel_id)
    await slack.wait_for(lambda: [c for c in slack.calls("chat.update") if c.ok])
    assert [c.http_status for c in slack.calls("chat.update")][:2] == [500, 200]

    slack.fail_http("chat.postMessage", status=503, times=10)
    await slack.user("alice").command("/incident", "status monitoring", incident.channel_id)
    [answer] = await slack.wait_for(lambda: harness.replies("alice", "Slack refused"))
    assert "chat.postMessage" in answer and "HTTP 503" in answer


async def test_two_servers_and_a_worker_behind_one_url_act_once(slack, redis_url):
    harness = Harness(slack, redis_url)
    harness.clock = TestClock()
    servers = [await harness.start_bot(embedded_worker=False) for _ in range(2)]
    worker = await harness.start_bot()  # a process whose job is the worker (its HTTP is unused)
    proxy = await RoundRobin([s.url for s in servers]).start()
    slack.bot_url = proxy.url + "/slack/events"
    try:
        incidents = [await harness.declare(f"declare sev1 Outage number {n}") for n in range(3)]
        for incident in incidents:
            await slack.user("alice").command("/incident", "run phase 1", incident.channel_id)
        await eventually(lambda: _all_results(harness, incidents, 3), timeout=30, what="3 results per incident")
        harness.clock.advance(minutes=16)  # SEV1 updates are due; every process resyncs at once
        await asyncio.gather(*(r.scheduler.resync() for r in harness.runtimes))
        for incident in incidents:
            await slack.wait_for_message(incident.channel_id, "is due")
        await asyncio.gather(*(r.scheduler.resync() for r in harness.runtimes))
        for incident in incidents:  # results are stored first, then posted: wait for the posts
            await slack.wait_for(lambda c=incident.channel_id: len(
                [m for m in slack.messages(c) if "3 of 3 done" in str(m.blocks)]) >= 1)
        for incident in incidents:
            messages = slack.messages(incident.channel_id)
            assert len([m for m in messages if "AI agent steps" in m.text]) == 1  # one message per run
            assert len([m for m in messages if "is due" in str(m.blocks)]) == 1
            assert len(slack.pins(incident.channel_id)) == 1
        assert len([c for c in slack.channels() if c.name.startswith("inc-")]) == 3
        assert all(count > 0 for count in proxy.counts.values())
        # arq counts a job complete after its function returns, just after the last post: wait for it.
        async def counted() -> bool:
            return worker._worker.jobs_complete >= 3

        await eventually(counted, what="the worker to count its jobs")
        assert worker._worker.jobs_complete == 3  # the servers run no worker: every job ran here, once
    finally:
        await proxy.stop()
        await harness.stop_all()


async def _all_results(harness, incidents, count):
    for incident in incidents:
        if len(await harness.bot.ctx.steps.results(incident.id)) < count:
            return False
    return True


async def test_a_double_submitted_form_and_a_double_click_act_once(harness):
    import json
    from urllib.parse import urlencode

    slack = harness.slack
    await slack.user("bob").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("bob"))
    first = await slack.user("bob").submit_view(view.id, {"title": {"value": "Queue backlog"}, "severity": {"value": "SEV3"}})
    again = await slack.deliver(kind="view_submission", payload=first.payload,
                                body=urlencode({"payload": json.dumps(first.payload)}),
                                content_type="application/x-www-form-urlencoded")
    assert again.ok
    await slack.wait_for(lambda: harness.replies("bob", "War room:"))
    incident = await harness.store.require("INC-1")
    assert await harness.store.get("INC-2") is None

    await slack.user("bob").join(incident.channel_id)
    await asyncio.gather(*(slack.user("bob").click(incident.channel_id, incident.card_ts, "set_status:identified")
                           for _ in range(2)))
    await slack.wait_for(lambda: harness.replies("bob", "already identified"))
    changes = [e for e in await harness.store.timeline(incident.id) if e.data.get("to") == "identified"]
    assert len(changes) == 1
