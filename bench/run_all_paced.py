"""`/incident run all` under Slack's real pace (issue 8 §2).

Slack allows about one message a second per channel (short bursts) and Tier 3 (about 50 a
minute) for chat.update (https://api.slack.com/docs/rate-limits); the Slack stand-in enforces
both in real time here (no faster test pace), and the bot paces itself through
bot/slack/outbound.py. The bench declares --rooms war rooms (default 3), types `run all` in
each at the same moment (13 offline agent steps each), and reports per run: every step's answer
delivered to the run's message (and stored), how many were lost, the total time from the
command to the last answer shown, the most messages Slack took in any one second in one channel
(chat.postMessage, the per-channel limit; edits are chat.update, Tier 3, shown beside), and how many calls Slack answered 429.

    uv run python bench/run_all_paced.py [--rooms 3]

Exits 0 when every answer of every run was delivered (0 lost) and no channel took more
messages in one second than Slack's per-channel burst.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents import STEP_KEYS
from bot.platform.logs import setup_logging
from bot.slack.outbound import POST_BURST_PER_CHANNEL
from slack_standin import SlackStandIn
from tests.integration.conftest import Harness
from tests.support.redis_server import RedisServer

MESSAGE_METHODS = ("chat.postMessage", "chat.update")


def finished(slack: SlackStandIn, channel: str) -> bool:
    total = len(STEP_KEYS)
    return any(f"AI agent steps* · {total} of {total} done" in str(m.blocks) for m in slack.messages(channel))


async def main(rooms: int) -> int:
    setup_logging("ERROR")
    server = RedisServer()
    server.start()
    try:
        async with SlackStandIn() as slack:  # real time: Slack's own pace
            harness = Harness(slack, server.url)
            await harness.start_bot(log_level="ERROR", declare_rate_per_minute=0)
            try:
                incidents = [await harness.declare(f"declare sev2 Paced run {n} checkout errors") for n in range(rooms)]
                before = len(slack.calls())
                started = time.perf_counter()
                await asyncio.gather(*(slack.user("alice").command("/incident", "run all", i.channel_id) for i in incidents))
                done_at: dict[str, float] = {}

                def all_done() -> bool:
                    for incident in incidents:
                        if incident.id not in done_at and finished(slack, incident.channel_id):
                            done_at[incident.id] = time.perf_counter() - started
                    return len(done_at) == len(incidents)

                try:
                    await slack.wait_for(all_done, timeout=300, description="every run's 13 answers")
                except TimeoutError:
                    pass
                calls = slack.calls()[before:]
                ok = True
                print(f"run all under Slack's pace: {rooms} war rooms at once, 13 offline steps each, "
                      f"real redis-server, the stand-in in real time, {os.cpu_count()} cores")
                for incident in incidents:
                    channel = incident.channel_id
                    stored = await harness.bot.ctx.steps.results(incident.id)
                    board = next((m for m in slack.messages(channel) if "AI agent steps" in str(m.blocks)), None)
                    shown = sum(1 for key in STEP_KEYS if board is not None and key in stored
                                and stored[key].title in str(board.blocks))
                    lost = len(STEP_KEYS) - min(shown, len(stored))
                    in_channel = [c for c in calls if c.method in MESSAGE_METHODS and c.args.get("channel") == channel
                                  and c.http_status == 200]
                    posts = [c for c in in_channel if c.method == "chat.postMessage"]
                    busiest = max(Counter(int(c.at) for c in posts).values(), default=0)
                    busiest_all = max(Counter(int(c.at) for c in in_channel).values(), default=0)
                    took = done_at.get(incident.id)
                    print(f"  {incident.id}: answers delivered {shown}/{len(STEP_KEYS)}, stored {len(stored)}, "
                          f"lost {lost}, total {f'{took:.1f} s' if took else 'NOT finished'}, "
                          f"messages posted {len(posts)} (max {busiest} in one second), edits {len(in_channel) - len(posts)} "
                          f"(posts+edits max {busiest_all} in one second)")
                    ok = ok and lost == 0 and took is not None and busiest <= POST_BURST_PER_CHANNEL + 1
                limited = Counter(c.method for c in calls if c.http_status == 429)
                print(f"  Slack answered 429 to {sum(limited.values())} calls"
                      + (f" ({', '.join(f'{m} x{n}' for m, n in limited.items())}); each was retried" if limited else ""))
                print("target: every answer delivered, 0 lost, no second above Slack's per-channel burst:",
                      "met" if ok else "NOT met")
                return 0 if ok else 1
            finally:
                await harness.stop_all()
    finally:
        server.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=3)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.rooms)))
