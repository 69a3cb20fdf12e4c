"""Issue 8 §2: a burst of declares (an alert storm, a busy morning) queues for Slack's Tier 2
pace (conversations.create, setTopic, setPurpose, pins.add: about 20 a minute,
https://api.slack.com/docs/rate-limits) with a truthful notice, and none fails."""

import asyncio
import re

from tests.integration.conftest import Harness

BURST = 24  # beyond the Tier 2 burst of 20


async def test_a_burst_of_declares_queues_with_a_truthful_notice_and_none_fails(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(declare_rate_per_minute=0)
    try:
        alice = slack.user("alice")
        results = await asyncio.gather(
            *(alice.command("/incident", f"declare sev2 Storm {n} checkout errors") for n in range(BURST))
        )
        assert all(r.ok for r in results)
        ready = await slack.wait_for(
            lambda: (found := harness.replies("alice", "War room:")) and len(found) == BURST and found,
            timeout=60, description=f"{BURST} war rooms ready",
        )
        rooms = {re.search(r"<#(C[A-Z0-9]+)", reply).group(1) for reply in ready}
        assert len(rooms) == BURST
        for room in rooms:
            assert slack.pins(room), room
        notices = harness.replies("alice", "Slack is pacing channel creation")
        assert notices, "the declares Slack's pace held back were not told why"
        assert all(re.search(r"ready in about \d+ s", n) for n in notices)
        assert not harness.replies("alice", "refused") and not harness.replies("alice", "could not")
        limited = [c.method for c in slack.calls() if c.http_status == 429]
        assert len(limited) <= 2, limited  # the bot keeps the pace itself (a clock edge may cost a retry)
    finally:
        await harness.stop_all()
