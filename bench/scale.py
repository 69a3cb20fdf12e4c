"""Scale: 500 open incidents in one bot process, nudges armed.

One bot process (a real `BotRuntime`, its own process so that its memory is its own) on a real
redis-server, against the local Slack stand-in (in this process). The bot declares N incidents
(default 500) through the declare flow, 25 at a time, at SEV1 with a short cadence (default
30 s), then every incident's first reminder falls due. Reported:

- the bot process's resident memory (VmRSS from /proc/self/status) before the declares, after
  them, and after every reminder went out, and per incident;
- Redis: DBSIZE per incident, keys by prefix, used_memory per incident;
- APScheduler jobs armed (one nudge job per open incident, plus two housekeeping jobs), and how
  long one resync of all of them takes;
- time to declare all;
- nudge lateness (posted minus due) for the N reminders: p50/p99/max, and duplicates.

    uv run python bench/scale.py [--incidents 500] [--cadence 30]

Exits 0 when every reminder arrived once and lateness p99 < 1000 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis as redis_sync

from bot.flows.declare import declare_incident
from bot.incident.severity import Severity
from bot.platform.logs import setup_logging
from bot.platform.scheduler import RECOVERY_AND_REMINDERS_JOB, RESYNC_JOB
from bot.runtime import BotRuntime
from bot.settings import Settings
from slack_standin import BOT_TOKEN, SIGNING_SECRET, SlackStandIn
from tests.support.redis_server import RedisServer

TARGET_P99_MS = 1000.0
BATCH = 25


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _rss_kib() -> int:
    """This process's resident set size, from /proc/self/status (kB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# --- the bot process ------------------------------------------------------------------------------
# Speaks JSON lines: prints {"ready"...}; on "declare" declares and prints the incidents; on
# "stop" prints its memory and stops.


async def _child(api_url: str, redis_url: str, incidents: int, cadence_s: int) -> int:
    setup_logging("ERROR")
    runtime = BotRuntime(
        Settings(
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=api_url,
            redis_url=redis_url,
            host="127.0.0.1",
            port=0,
            log_level="ERROR",
            cadence_sev1=f"{cadence_s}s",
            postmortem_dir=tempfile.mkdtemp(prefix="ic-bench-postmortems-"),
        )
    )
    await runtime.start(host="127.0.0.1", port=0)
    assert runtime.ctx is not None and runtime.scheduler is not None
    pauses: list[float] = []  # full garbage collections, ms
    began = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - began[0]) * 1000)

    gc.collect()
    gc.callbacks.append(on_gc)

    def say(**values) -> None:
        print(json.dumps(values), flush=True)

    def nudge_jobs() -> int:
        return sum(
            1
            for j in runtime.scheduler.scheduler.get_jobs()
            if j.id not in (RESYNC_JOB, RECOVERY_AND_REMINDERS_JOB)
        )

    loop = asyncio.get_running_loop()

    async def command() -> str:
        return (await loop.run_in_executor(None, sys.stdin.readline)).strip()

    say(ready=True, url=runtime.events_url, rss_kib=_rss_kib(), jobs=nudge_jobs())
    if await command() == "declare":
        started = time.perf_counter()
        declared = []
        for batch in range(0, incidents, BATCH):
            declared += await asyncio.gather(
                *(
                    declare_incident(
                        runtime.ctx,
                        title=f"bench scale incident {n}",
                        severity=Severity.SEV1,
                        declared_by="U0ALICE",
                    )
                    for n in range(batch, min(incidents, batch + BATCH))
                )
            )
        declare_seconds = time.perf_counter() - started
        jobs_after = nudge_jobs()
        resync_started = time.perf_counter()
        await runtime.scheduler.resync()
        resync_ms = (time.perf_counter() - resync_started) * 1000
        say(
            declare_seconds=declare_seconds,
            rss_kib=_rss_kib(),
            jobs=jobs_after,
            resync_ms=resync_ms,
            incidents=[
                {
                    "id": i.id,
                    "channel": i.channel_id,
                    "card": i.card_ts,
                    "due": i.next_update_due.isoformat(),
                }
                for i in declared
            ],
        )
        await command()  # "stop", once the reminders are in
    gc.callbacks.remove(on_gc)
    say(rss_kib=_rss_kib(), jobs=nudge_jobs(), full_gc_ms=pauses)
    await runtime.stop()
    return 0


class _BotProcess:
    def __init__(self, api_url: str, redis_url: str, incidents: int, cadence_s: int) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                api_url,
                redis_url,
                str(incidents),
                str(cadence_s),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    async def read(self, timeout: float) -> dict:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), timeout)
        if not line:
            raise RuntimeError(f"the bot process ended (exit {self.process.wait()})")
        return json.loads(line)

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def end(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _redis_figures(url: str) -> tuple[int, Counter, int]:
    """DBSIZE, keys by pattern (`ic:<kind>:*`, or the key itself), used_memory in bytes."""
    client = redis_sync.Redis.from_url(url)
    try:
        patterns: Counter = Counter()
        for raw in client.scan_iter(count=1000):
            key = raw.decode()
            parts = key.split(":")
            if parts[0] == "ic" and len(parts) > 2:
                patterns[f"ic:{parts[1]}:*"] += 1
            elif parts[0] == "ic":
                patterns[key] += 1
            else:
                patterns[f"{parts[0]}:*" if len(parts) > 1 else key] += 1
        return int(client.dbsize()), patterns, int(client.info("memory")["used_memory"])
    finally:
        client.close()


async def main(incidents: int, cadence_s: int) -> int:
    setup_logging("ERROR")
    redis = RedisServer()
    redis.start()
    bot: _BotProcess | None = None
    try:
        async with SlackStandIn() as slack:
            bot = _BotProcess(slack.api_url, redis.url, incidents, cadence_s)
            ready = await bot.read(60)
            slack.bot_url = ready["url"]
            keys_empty, _, memory_empty = _redis_figures(redis.url)

            bot.send("declare")
            declared = await bot.read(120)
            keys_after, prefixes, memory_after = _redis_figures(redis.url)
            records = declared["incidents"]
            cadence = timedelta(seconds=cadence_s)

            def reminders() -> dict[str, list[float]]:
                """Nudge messages per incident, as posted-at timestamps."""
                found = {}
                for record in records:
                    posted = slack.find_messages(
                        record["channel"],
                        where=lambda m, card=record["card"]: (
                            m.ts != card and "Post update" in str(m.blocks)
                        ),
                    )
                    found[record["id"]] = [float(m.ts) for m in posted]
                return found

            # Polled twice a second rather than on every change: scanning 500 war rooms on each
            # message would keep the stand-in busy and delay the very messages being timed.
            last_due = max(datetime.fromisoformat(r["due"]) for r in records).timestamp()
            deadline = time.time() + max(0.0, last_due - time.time()) + 30
            scan_ms = 0.0
            while time.time() < deadline:
                scan_started = time.perf_counter()
                complete = all(reminders().values())
                scan_ms = max(scan_ms, (time.perf_counter() - scan_started) * 1000)
                if complete:
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(1)  # anything sent twice would show now
            seen = reminders()
            keys_end, prefixes_end, memory_end = _redis_figures(redis.url)
            bot.send("stop")
            final = await bot.read(60)
    finally:
        if bot is not None:
            bot.end()
        redis.cleanup()

    lateness_ms = []
    duplicates = 0
    for record in records:
        due = datetime.fromisoformat(record["due"]).timestamp()
        posted = seen.get(record["id"], [])
        if posted:
            lateness_ms.append((posted[0] - due) * 1000)
        # a second message is only right once the escalation is due (a cadence later)
        duplicates += sum(1 for ts in posted[1:] if ts < due + cadence.total_seconds())
    missing = len(records) - len(lateness_ms)

    mib = 1024
    rss0, rss1, rss2 = ready["rss_kib"], declared["rss_kib"], final["rss_kib"]
    print(
        f"scale: {incidents} open SEV1 incidents in one bot process, cadence {cadence_s}s, real redis-server, the stand-in, {os.cpu_count()} cores"
    )
    print(
        f"declared all in {declared['declare_seconds']:.1f}s ({incidents / declared['declare_seconds']:.0f}/s, {BATCH} at a time)"
    )
    print(
        f"bot process RSS: {rss0 / mib:.1f} MiB at start, {rss1 / mib:.1f} MiB after the declares, "
        f"{rss2 / mib:.1f} MiB after the reminders; {(rss2 - rss0) / incidents:.1f} KiB per incident"
    )
    print(
        f"redis: {keys_after - keys_empty} keys for {incidents} incidents = {(keys_after - keys_empty) / incidents:.2f} per incident "
        f"(DBSIZE {keys_after}, {keys_empty} before); used_memory {(memory_after - memory_empty) / incidents / 1024:.1f} KiB per incident"
    )
    print("  keys after the declares / after the reminders:")
    for pattern in sorted(set(prefixes) | set(prefixes_end), key=lambda p: (-prefixes_end[p], p)):
        print(f"  {pattern:<28} {prefixes[pattern]:>5} / {prefixes_end[pattern]:>5}")
    print(
        f"  DBSIZE after the reminders {keys_end} = {(keys_end - keys_empty) / incidents:.2f} per incident, "
        f"used_memory {(memory_end - memory_empty) / incidents / 1024:.1f} KiB per incident"
    )
    print(
        f"APScheduler nudge jobs armed: {declared['jobs']} (plus resync and follow-ups), "
        f"{final['jobs']} after the reminders (each re-armed for its escalation); "
        f"one resync of all: {declared['resync_ms']:.0f} ms"
    )
    full = final.get("full_gc_ms") or []
    if full:
        print(f"bot process full garbage collections: {len(full)}, longest {max(full):.0f} ms")
    print(
        f"reminders: {len(lateness_ms)}/{incidents}, missing {missing}, duplicates {duplicates} (harness scan of all war rooms: up to {scan_ms:.0f} ms)"
    )
    if lateness_ms:
        print(
            f"lateness ms: p50 {_percentile(lateness_ms, 50):.1f}  p90 {_percentile(lateness_ms, 90):.1f}  p99 {_percentile(lateness_ms, 99):.1f}  max {max(lateness_ms):.1f}  mean {statistics.fmean(lateness_ms):.1f}"
        )
    reasons = []
    if missing:
        reasons.append(f"{missing} reminders missing")
    if duplicates:
        reasons.append(f"{duplicates} duplicates")
    if lateness_ms and _percentile(lateness_ms, 99) >= TARGET_P99_MS:
        reasons.append(
            f"lateness p99 {_percentile(lateness_ms, 99):.0f} ms >= {TARGET_P99_MS:.0f} ms"
        )
    verdict = "NOT met (" + "; ".join(reasons) + ")" if reasons else "met"
    print(f"target every reminder once, lateness p99 < {TARGET_P99_MS:.0f} ms: {verdict}")
    return 1 if reasons else 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        sys.exit(asyncio.run(_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=500)
    parser.add_argument("--cadence", type=int, default=30, help="SEV1 cadence in seconds")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.incidents, args.cadence)))
