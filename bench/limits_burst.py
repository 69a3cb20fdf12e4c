"""Issue 9 §5, measured: one person's declare burst and a 1,500-note timeline, through the real
bot over HTTP (Slack stand-in, a real redis-server), with the default limits.

    uv run python bench/limits_burst.py
"""

from __future__ import annotations

import asyncio
import time

from slack_standin import SlackStandIn
from tests.integration.conftest import Harness
from tests.support.redis_server import RedisServer


async def main() -> None:
    server = RedisServer()
    server.start()
    try:
        async with SlackStandIn() as slack:
            harness = Harness(slack, server.url)
            await harness.start_bot()
            try:
                started = time.perf_counter()
                await asyncio.gather(*[slack.user("alice").command("/incident", f"declare sev3 Burst {n}") for n in range(40)])
                await slack.wait_for(lambda: len(harness.replies("alice", "War room:")) + len(harness.replies("alice", "the most one person may")) >= 40, timeout=60)
                rooms = len([c for c in slack.channels() if c.name.startswith("inc-")])
                refused = len(harness.replies("alice", "the most one person may"))
                print(f"declare burst: 40 by one person in {time.perf_counter() - started:.1f}s -> {rooms} war rooms, {refused} refused")

                incident = await harness.store.by_channel(next(c.id for c in slack.channels() if c.name.startswith("inc-")))
                started = time.perf_counter()
                for n in range(1500):
                    await slack.user("alice").command("/incident", f"note {'observation ' * 20}{n}", incident.channel_id)
                await slack.wait_for_message(incident.channel_id, " 1499", timeout=60)
                took = time.perf_counter() - started
                events = await harness.store.timeline(incident.id)
                await slack.user("alice").command("/incident", "postmortem", incident.channel_id)
                await slack.wait_for(lambda: harness.replies("alice", "The postmortem for"), timeout=120)
                markdown = await harness.bot.ctx.followups.postmortem(incident.id)
                print(f"timeline: 1500 notes in {took:.1f}s -> {len(events)} events kept; postmortem {len(markdown.encode()) / 1024:.0f} KiB")
            finally:
                await harness.stop_all()
    finally:
        server.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
