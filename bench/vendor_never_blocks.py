"""A slow or failing vendor never holds up the incident: declare-to-ready with SEV1 auto-paging.

Declares N SEV1 incidents one after another (slash command, signed, over HTTP, to a real
`BotRuntime` with the embedded store) against the Slack stand-in, with `INCIDENT_AUTO_PAGE=sev1`
pointed at the PagerDuty stand-in in three modes:

- `off`: no paging configured (the baseline);
- `ok`: PagerDuty answers at once;
- `slow`: every PagerDuty answer comes 3 s late, past the 1 s integration timeout (the page is
  then retried, found deduplicated, and told as sent or failed);
- `down`: PagerDuty answers 503 to everything.

For each it reports the declare-to-ready time (command to the declarer's "War room: #…" reply)
and the time until the war room hears about the page (sent, or failed once).

    uv run python bench/vendor_never_blocks.py [--declares 10]

Exits 0 when every mode's p90 declare-to-ready is within 300 ms of the baseline's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.runtime import BotRuntime
from bot.settings import Settings
from slack_standin import BOT_TOKEN, SIGNING_SECRET, SlackStandIn
from slack_standin.seed import GENERAL_CHANNEL_ID
from vendor_standins import PagerDutyStandIn

KEY = "benchR0UT1NGKEY0123456789abcdefX"
ALLOWED_EXTRA_MS = 300.0


def _p(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def run(mode: str, declares: int) -> tuple[list[float], list[float]]:
    pagerduty = await PagerDutyStandIn([KEY]).start()
    extra = {}
    if mode != "off":
        extra = dict(pagerduty_routing_key=KEY, pagerduty_events_url=pagerduty.base_url, auto_page="sev1",
                     integration_timeout_seconds=1.0)
    ready_ms: list[float] = []
    told_ms: list[float] = []
    async with SlackStandIn() as slack:
        settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                            slack_api_url=slack.api_url, redis_url=None, host="127.0.0.1", port=0,
                            postmortem_dir=tempfile.mkdtemp(prefix="bench-"),
                            declare_rate_per_minute=0,  # one person declares them all: no abuse limit here
                            **extra)
        runtime = BotRuntime(settings)
        await runtime.start()
        slack.bot_url = runtime.events_url
        try:
            for n in range(declares):
                if mode == "slow":
                    pagerduty.slow_next(3.0)
                elif mode == "down":
                    pagerduty.fail_next(503, times=3)
                before = len([e for e in slack.ephemerals("alice") if "War room:" in e.text])
                started = time.perf_counter()
                await slack.user("alice").command("/incident", f"declare sev1 Bench incident {n}", GENERAL_CHANNEL_ID)
                await slack.wait_for(lambda: len([e for e in slack.ephemerals("alice") if "War room:" in e.text]) > before,
                                     timeout=30)
                ready_ms.append((time.perf_counter() - started) * 1000)
                if mode == "off":
                    continue
                channel = next(i for i in await runtime.ctx.store.open_incidents()
                               if i.title == f"Bench incident {n}").channel_id
                await slack.wait_for(lambda: slack.find_message(channel, "paged the on-call")
                                     or slack.find_message(channel, "PagerDuty failed"), timeout=30)
                told_ms.append((time.perf_counter() - started) * 1000)
        finally:
            await runtime.stop()
            await pagerduty.stop()
    return ready_ms, told_ms


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--declares", type=int, default=10)
    args = parser.parse_args()
    results = {}
    for mode in ("off", "ok", "slow", "down"):
        results[mode] = await run(mode, args.declares)
    baseline = _p(results["off"][0], 90)
    ok = True
    print(f"{args.declares} SEV1 declares per mode (ms)")
    print(f"{'mode':6} {'ready p50':>10} {'ready p90':>10} {'ready max':>10} {'page told p50':>14} {'page told max':>14}")
    for mode, (ready, told) in results.items():
        told_p50 = f"{statistics.median(told):.0f}" if told else "-"
        told_max = f"{max(told):.0f}" if told else "-"
        print(f"{mode:6} {_p(ready, 50):10.0f} {_p(ready, 90):10.0f} {max(ready):10.0f} {told_p50:>14} {told_max:>14}")
        ok &= _p(ready, 90) <= baseline + ALLOWED_EXTRA_MS
    print("PASS" if ok else f"FAIL: a mode's p90 declare-to-ready is more than {ALLOWED_EXTRA_MS:.0f} ms over the baseline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
