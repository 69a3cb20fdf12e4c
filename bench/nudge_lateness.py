"""Nudge lateness: how long after its due time each nudge is actually posted.

Opens N incidents (default 200) against the local Slack stand-in and a real redis-server,
with a short SEV1 cadence, and measures for every reminder and escalation the time between
when it was due and when the stand-in received the message. With --processes 2, two bot
processes share one Redis and every nudge must still arrive exactly once.

    uv run python bench/nudge_lateness.py [--incidents 200] [--cadence 20] [--processes 1]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.flows.declare import declare_incident  # noqa: E402
from bot.incident.severity import Severity  # noqa: E402
from bot.platform.logs import setup_logging  # noqa: E402
from bot.runtime import BotRuntime  # noqa: E402
from bot.settings import Settings  # noqa: E402
from slack_standin import BOT_TOKEN, SIGNING_SECRET, SlackStandIn  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def main(incidents: int, cadence_s: int, processes: int) -> int:
    setup_logging("ERROR")
    redis = RedisServer()
    redis.start()
    try:
        async with SlackStandIn() as slack:
            settings = Settings(
                slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url,
                redis_url=redis.url, host="127.0.0.1", port=0, cadence_sev1=f"{cadence_s}s",
            )
            runtimes = [BotRuntime(settings) for _ in range(processes)]
            for runtime in runtimes:
                await runtime.start()
            ctx = runtimes[0].ctx
            started = time.perf_counter()
            declared = []
            for batch in range(0, incidents, 25):
                declared += await asyncio.gather(
                    *(
                        declare_incident(ctx, title=f"bench incident {n}", severity=Severity.SEV1, declared_by="U0ALICE")
                        for n in range(batch, min(incidents, batch + 25))
                    )
                )
            declare_seconds = time.perf_counter() - started
            # Other processes learn of incidents on their resync, as they would in production.
            for runtime in runtimes[1:]:
                await runtime.scheduler.resync()

            expected = incidents * 2  # a reminder and an escalation each
            cadence = timedelta(seconds=cadence_s)

            def nudges() -> list[tuple[float, float]]:
                found = []
                for incident in declared:
                    posted = slack.find_messages(
                        incident.channel_id,
                        where=lambda m, card=incident.card_ts: m.ts != card and "Post update" in str(m.blocks),
                    )
                    for stage, message in enumerate(posted, start=1):
                        planned = incident.next_update_due + (stage - 1) * cadence
                        found.append((float(message.ts), planned.timestamp()))
                return found

            await slack.wait_for(lambda: len(nudges()) >= expected, timeout=cadence_s * 3 + declare_seconds + 30)
            for runtime in runtimes:  # one more resync: nothing may be sent twice
                await runtime.scheduler.resync()
            results = nudges()
            for runtime in runtimes:
                await runtime.stop()
    finally:
        redis.cleanup()

    lateness_ms = [(posted - planned) * 1000 for posted, planned in results]
    duplicates = len(results) - expected
    print(f"incidents: {incidents}, processes: {processes}, SEV1 cadence: {cadence_s}s, declared in {declare_seconds:.1f}s")
    print(f"nudges posted: {len(results)} (expected {expected}, duplicates {duplicates})")
    print(
        "lateness ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  max {:.1f}  mean {:.1f}".format(
            _percentile(lateness_ms, 50), _percentile(lateness_ms, 90), _percentile(lateness_ms, 99),
            max(lateness_ms), statistics.fmean(lateness_ms),
        )
    )
    target_met = _percentile(lateness_ms, 99) < 1000 and duplicates == 0
    print("target p99 < 1000 ms and no duplicates:", "met" if target_met else "NOT met")
    return 0 if target_met else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=200)
    parser.add_argument("--cadence", type=int, default=20, help="SEV1 cadence in seconds")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.incidents, args.cadence, args.processes)))
