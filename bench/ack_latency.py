"""Ack latency: how fast the bot answers Slack's HTTP requests under load.

N people (default 50) at once send signed `/incident` commands and card button clicks to the
bot's request URL (a real `BotRuntime` over HTTP, a real redis-server, the local Slack
stand-in), each one request after another for a fixed number of requests. The mix cycles
through `help` (answered in the ack), `status` and `timeline` in a war room, `list`, and clicks
on the war room card's *Post update* and *Tech Lead* buttons (each opens a modal). Measured per
request: the HTTP round trip until the ack (what Slack waits for; it gives up after 3 s).
Requests Slack would have seen as failed (non-200 or timed out) are counted and shown.

The bot runs in its own process, as in production (the harness's garbage collector is paused
during the timed window so that its pauses are not charged to the bot); with --in-process it
shares one event loop with the stand-in and the load, so the figures include the harness's
work. Back to back (the default) keeps all N requests in flight all the time, which is far
more than N people typing; --think MS paces each person instead. --no-gc-freeze is an experiment:
the bot skips the gc.freeze() that `serve` does once started, to show what the garbage
collector costs.

    uv run python bench/ack_latency.py [--users 50] [--requests 40] [--war-rooms 5]
                                       [--think MS] [--in-process] [--no-gc-freeze]

Exits 0 when p99 < 100 ms and no request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.platform.logs import setup_logging
from bot.runtime import BotRuntime, freeze_startup_objects
from bot.settings import Settings
from slack_standin import BOT_TOKEN, SIGNING_SECRET, SlackStandIn
from tests.support.redis_server import RedisServer

TARGET_P99_MS = 100.0
ACTION_UPDATE = "open_update_modal"
ACTION_TECH_LEAD = "open_role_modal:tech_lead"
# What each person sends, in turn (each starts at a different place in the cycle).
MIX = ["help", "status", "list", "timeline", "click:" + ACTION_UPDATE, "click:" + ACTION_TECH_LEAD]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _settings(api_url: str, redis_url: str) -> Settings:
    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=api_url,
        redis_url=redis_url,
        host="127.0.0.1",
        port=0,
        log_level="ERROR",
        postmortem_dir=tempfile.mkdtemp(prefix="ic-bench-postmortems-"),
    )


# --- the bot in its own process (--bot-process) -----------------------------------------------


async def _child(api_url: str, redis_url: str, gc_freeze: bool) -> int:
    """Run one bot until SIGTERM; print its request URL on the first line of stdout and, when
    it stops, its garbage-collector pauses as JSON on the second."""
    setup_logging("ERROR")
    runtime = BotRuntime(_settings(api_url, redis_url))
    await runtime.start(host="127.0.0.1", port=0)
    if gc_freeze:
        freeze_startup_objects()  # as `incident-commander serve` does
    pauses: list[tuple[int, float]] = []  # (generation, ms), from here on
    began: list[float] = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            pauses.append((info["generation"], (time.perf_counter() - began[0]) * 1000))

    gc.callbacks.append(on_gc)
    print(runtime.events_url, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    gc.callbacks.remove(on_gc)
    print(json.dumps({"pauses": pauses, "objects": len(gc.get_objects())}), flush=True)
    await runtime.stop()
    return 0


class _BotProcess:
    def __init__(self, api_url: str, redis_url: str, gc_freeze: bool) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", api_url, redis_url]
            + ([] if gc_freeze else ["--no-gc-freeze"]),
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    async def events_url(self) -> str:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), 30)
        if not line.startswith("http"):
            raise RuntimeError(f"the bot process did not start (exit {self.process.poll()})")
        return line.strip()

    def stop(self) -> dict:
        """Stop the bot; returns what it reported about its garbage collector."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        assert self.process.stdout is not None
        try:
            return json.loads(self.process.stdout.readline() or "{}")
        except json.JSONDecodeError:
            return {}


# --- the load ---------------------------------------------------------------------------------


async def main(
    users: int, requests: int, war_rooms: int, in_process: bool, gc_freeze: bool, think_ms: float
) -> int:
    setup_logging("ERROR")
    redis = RedisServer()
    redis.start()
    child: _BotProcess | None = None
    runtime: BotRuntime | None = None
    bot_gc: dict = {}
    try:
        async with SlackStandIn() as slack:
            if in_process:
                runtime = BotRuntime(_settings(slack.api_url, redis.url))
                await runtime.start(host="127.0.0.1", port=0)
                slack.bot_url = runtime.events_url
            else:
                child = _BotProcess(slack.api_url, redis.url, gc_freeze)
                slack.bot_url = await child.events_url()

            people = [slack.add_user(f"bench{n:03d}").id for n in range(users)]
            if in_process and gc_freeze:
                gc.freeze()

            # War rooms to ask about, declared through the slash command like anyone would.
            rooms: list[tuple[str, str]] = []  # (channel id, card ts)
            for n in range(war_rooms):
                result = await slack.user("alice").command(
                    "/incident", f"declare sev2 bench war room {n}"
                )
                if not result.ok:
                    print(f"could not declare a war room: HTTP {result.status} {result.text!r}")
                    return 2
                reply = await slack.wait_for(
                    lambda n=n: [
                        e.text for e in slack.ephemerals("alice") if "War room:" in e.text
                    ][n:],
                    timeout=15,
                    description="the war-room-ready reply",
                )
                channel_id = re.search(r"<#(C[A-Z0-9]+)", reply[0]).group(1)
                card = slack.pins(channel_id)[0]
                rooms.append((channel_id, card.ts))

            async def send(person: str, kind: str, room: tuple[str, str]):
                user = slack.user(person)
                channel_id, card_ts = room
                if kind.startswith("click:"):
                    return await user.click(channel_id, card_ts, kind.removeprefix("click:"))
                return await user.command("/incident", kind, channel_id)

            # Warm-up, not measured: every kind of request once from every person at once, so
            # lazy imports, first-use code paths and the 50 keep-alive connections are in place.
            await asyncio.gather(
                *(send(p, MIX[i % len(MIX)], rooms[i % len(rooms)]) for i, p in enumerate(people))
            )
            for kind in MIX:
                await send(people[0], kind, rooms[0])
            await asyncio.sleep(0.5)  # the warm-up's follow-up work is done

            samples: dict[str, list[float]] = defaultdict(list)
            failures: list[str] = []
            start_gate = asyncio.Event()
            rng = random.Random(7)

            async def person(index: int) -> None:
                await start_gate.wait()
                for i in range(requests):
                    if think_ms:
                        await asyncio.sleep(rng.expovariate(1000 / think_ms))
                    kind = MIX[(index + i) % len(MIX)]
                    room = rooms[(index + i) % len(rooms)]
                    result = await send(people[index], kind, room)
                    label = kind.removeprefix("click:")
                    samples[label].append(result.elapsed * 1000)
                    if result.timed_out:
                        failures.append(f"{label}: timed out after {result.elapsed:.2f}s")
                    elif result.status != 200:
                        failures.append(f"{label}: HTTP {result.status} {result.text[:120]!r}")

            calls_before = len(slack.calls())
            answers_before = len(slack.bot_responses())
            tasks = [asyncio.create_task(person(i)) for i in range(users)]
            await asyncio.sleep(0)
            if not in_process:
                # The stand-in and the load are the harness, not the bot: keep their garbage
                # collector out of the timed window (the bot's process collects as usual).
                gc.collect()
                gc.freeze()
                gc.disable()
            started = time.perf_counter()
            start_gate.set()
            await asyncio.gather(*tasks)
            wall = time.perf_counter() - started
            gc.enable()

            # The work after each ack: every status/list/timeline answer and every modal arrives.
            sent = Counter(MIX[(i + r) % len(MIX)] for i in range(users) for r in range(requests))
            expected_answers = sent["status"] + sent["list"] + sent["timeline"]
            expected_modals = sent["click:" + ACTION_UPDATE] + sent["click:" + ACTION_TECH_LEAD]

            def answers() -> list:
                return [
                    r for r in slack.bot_responses()[answers_before:] if r.via == "response_url"
                ]

            def modals() -> list:
                return [c for c in slack.calls("views.open") if c.seq > calls_before]

            try:
                await slack.wait_for(
                    lambda: len(answers()) >= expected_answers and len(modals()) >= expected_modals,
                    timeout=30,
                    description="every answer and modal after the acks",
                )
            except TimeoutError:
                pass
            answered = answers()
            opened = modals()
            follow_up_problems = Counter(
                [f"answer refused: {r.error}" for r in answered if not r.accepted]
                + [f"views.open: {c.error}" for c in opened if not c.ok]
            )
            follow_up_missing = (expected_answers - len(answered)) + (expected_modals - len(opened))
    finally:
        gc.enable()
        if runtime is not None:
            await runtime.stop()
        if child is not None:
            bot_gc = child.stop()
        redis.cleanup()

    every = [ms for values in samples.values() for ms in values]
    p50, p99 = _percentile(every, 50), _percentile(every, 99)
    where = "in this process, beside the stand-in" if in_process else "in its own process"
    pacing = (
        f"mean pause {think_ms:g} ms between a person's requests" if think_ms else "back to back"
    )
    print(
        f"ack latency: {users} concurrent users x {requests} requests ({pacing}), {war_rooms} war rooms, "
        f"bot {where}{', gc.freeze() after start (as serve)' if gc_freeze else ', no gc.freeze()'}, real redis-server, "
        f"{os.cpu_count()} cores"
    )
    print(f"requests: {len(every)} in {wall:.2f}s ({len(every) / wall:.0f}/s)")
    print(
        f"ack ms (all): p50 {p50:.1f}  p90 {_percentile(every, 90):.1f}  p99 {p99:.1f}  max {max(every):.1f}  mean {statistics.fmean(every):.1f}"
    )
    for label in sorted(samples):
        values = samples[label]
        print(
            f"  {label:<28} n={len(values):<5} p50 {_percentile(values, 50):6.1f}  "
            f"p99 {_percentile(values, 99):6.1f}  max {max(values):6.1f}"
        )
    print(f"failed as Slack would see it (non-200 or no ack within 3 s): {len(failures)}")
    for line, count in Counter(failures).most_common(10):
        print(f"  {count} x {line}")
    print(
        f"after the acks: {len(answered)}/{expected_answers} answers via response_url, "
        f"{len(opened)}/{expected_modals} modals opened, missing {max(0, follow_up_missing)}"
    )
    for line, count in follow_up_problems.most_common(10):
        print(f"  {count} x {line}")
    if bot_gc.get("pauses"):
        full = [ms for generation, ms in bot_gc["pauses"] if generation == 2]
        young = [ms for generation, ms in bot_gc["pauses"] if generation < 2]
        print(
            f"bot process garbage collector from start to stop: {len(full)} full collections"
            + (f" (longest {max(full):.0f} ms, total {sum(full):.0f} ms)" if full else "")
            + f", {len(young)} young ones (longest {max(young, default=0):.1f} ms)"
        )
    reasons = []
    if p99 >= TARGET_P99_MS:
        reasons.append(f"p99 {p99:.1f} ms >= {TARGET_P99_MS:.0f} ms")
    if failures:
        reasons.append(f"{len(failures)} requests failed")
    verdict = "NOT met (" + "; ".join(reasons) + ")" if reasons else "met"
    print(f"target p99 < {TARGET_P99_MS:.0f} ms, no failed request: {verdict}")
    return 1 if reasons else 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        sys.exit(asyncio.run(_child(sys.argv[2], sys.argv[3], "--no-gc-freeze" not in sys.argv[4:])))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per user")
    parser.add_argument("--war-rooms", type=int, default=5)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the bot in this process, sharing one event loop with the stand-in and the load",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="MS",
        help="mean pause (exponential) between one person's requests; 0 = back to back",
    )
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="experiment: skip the gc.freeze() that `serve` does once started",
    )
    args = parser.parse_args()
    sys.exit(
        asyncio.run(
            main(
                args.users,
                args.requests,
                args.war_rooms,
                args.in_process,
                not args.no_gc_freeze,
                args.think,
            )
        )
    )
