"""App Home publish for 500 open incidents: within Slack's 100-block limit, valid, and how long.

A real bot (`BotRuntime`) on a real redis-server, against the local Slack stand-in at Slack's
real pace (rate limits on, real seconds). The store is seeded with N open incidents (default
500; every 10th private, most severe ones first in the view), the viewer's action items and
2,000 resolved incidents for the measures; then a person opens the App Home (`app_home_opened`)
and the view the bot publishes is checked (block count, the stand-in's Block Kit rules, the
summary line for the incidents not listed). Timed: open → Home published, first (measures
computed, both charts drawn and uploaded) and again (measures cached).

    uv run python bench/home_publish.py [--incidents 500] [--runs 3]

Exits 0 when every view is within 100 blocks and valid.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stats_history import seed  # noqa: E402
from bot.flows.history import history_store  # noqa: E402
from bot.incident.model import ActionItem, ActionType, EventKind, Incident, Lifecycle, TimelineEvent  # noqa: E402
from bot.incident.severity import Severity  # noqa: E402
from bot.runtime import BotRuntime  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.ui.home_blocks import MAX_HOME_BLOCKS  # noqa: E402
from slack_standin import BOB, BOT_TOKEN, SIGNING_SECRET, SlackStandIn, validate_view  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402


async def seed_open(runtime: BotRuntime, count: int, viewer: str) -> None:
    ctx = runtime.ctx
    assert ctx is not None
    rng = random.Random(16)
    now = ctx.clock()
    for n in range(1, count + 1):
        incident = Incident(
            id=f"INC-{n}", number=n, title=f"Checkout degraded in region {n % 7}",
            severity=rng.choice(list(Severity)), declared_by="U0ALICE",
            declared_at=now - timedelta(minutes=rng.uniform(1, 600)), lifecycle=Lifecycle.READY,
            is_private=n % 10 == 0, channel_id=None,
        )
        incident.roles.incident_commander = viewer if n % 50 == 0 else "U0ALICE"
        await ctx.store.create(incident, TimelineEvent(at=incident.declared_at, kind=EventKind.DECLARED,
                                                       actor="U0ALICE", text="declared"))
    for n in range(1, 21):
        await ctx.followups.save_actions(f"INC-{n}", [ActionItem(
            number=1, description=f"Fix {n}", owner=viewer, due=date.today() + timedelta(days=n % 5),
            type=ActionType.PREVENT)])
    await history_store(ctx).save_many(seed(2000, now))


async def main(count: int, runs: int) -> int:
    server = RedisServer()
    server.start()
    ok = True
    try:
        async with SlackStandIn() as slack:  # Slack's real pace: rate limits in real seconds
            settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                                slack_api_url=slack.api_url, redis_url=server.url, host="127.0.0.1", port=0)
            runtime = BotRuntime(settings, pace=slack.pace)
            await runtime.start()
            slack.bot_url = runtime.events_url
            try:
                await seed_open(runtime, count, BOB.id)
                bob = slack.user("bob")
                timings = []
                for run in range(runs):
                    before = bob.home_view().hash if bob.home_view() else None
                    started = time.perf_counter()
                    await bob.open_home()
                    view = await slack.wait_for(
                        lambda: (v := bob.home_view()) is not None and v.hash != before and v, timeout=60)
                    timings.append(time.perf_counter() - started)
                    blocks = view.payload["blocks"]
                    problems = validate_view({k: v for k, v in view.payload.items() if k in ("type", "blocks")})
                    ok = ok and len(blocks) <= MAX_HOME_BLOCKS and not problems
                    if run == 0:
                        summary = [b for b in blocks if b["type"] == "context" and "/incident list" in b["elements"][0]["text"]]
                        print(f"{count} open incidents: {len(blocks)} blocks (limit {MAX_HOME_BLOCKS}), "
                              f"{'valid' if not problems else problems}; "
                              f"{len([b for b in blocks if b['type'] == 'image'])} charts; "
                              f"summary: {summary[0]['elements'][0]['text'] if summary else 'none'}")
            finally:
                await runtime.stop()
    finally:
        server.stop()
    first, rest = timings[0], timings[1:]
    print(f"open → published: first {first * 1000:.0f} ms (measures computed, charts drawn and uploaded), "
          f"then median {statistics.median(rest) * 1000:.0f} ms over {len(rest)} runs (measures cached)"
          if rest else f"open → published: {first * 1000:.0f} ms")
    print("within 100 blocks and valid: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sys.exit(asyncio.run(main(options.incidents, options.runs)))
