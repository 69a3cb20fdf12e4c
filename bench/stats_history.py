"""Stats over 10,000 resolved incidents: load them from a real redis-server (HistoryStore) and
compute the measures (MTTA, time to identify, MTTR, update compliance per week, severity, type
and service), then draw both charts. Target: load + compute under 1 s. Exits 0 when met.

    uv run python bench/stats_history.py [--incidents 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import redis.asyncio as redis_asyncio  # noqa: E402

from bot.incident.history import ResolvedIncident  # noqa: E402
from bot.incident.measures import compute_stats  # noqa: E402
from bot.incident.severity import Severity  # noqa: E402
from bot.platform.history_store import HistoryStore  # noqa: E402
from bot.reports.charts import incidents_per_week_png, response_times_png  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402

TARGET_S = 1.0
SERVICES = ["checkout", "payments", "auth", "search", "api", "db"]
TYPES = ["service_outage", "performance", "security", "data", None]


def seed(count: int, now: datetime) -> list[ResolvedIncident]:
    rng = random.Random(13)
    records = []
    for n in range(count):
        declared = now - timedelta(days=rng.uniform(1, 85))
        ack = declared + timedelta(minutes=rng.uniform(0, 20))
        records.append(ResolvedIncident(
            id=f"INC-{n}", number=n, title=f"incident {n}", severity=rng.choice(list(Severity)),
            incident_type=rng.choice(TYPES), services=rng.sample(SERVICES, rng.randint(0, 2)),
            declared=declared, acknowledged=ack,
            identified=ack + timedelta(minutes=rng.uniform(1, 60)) if rng.random() < 0.8 else None,
            resolved=ack + timedelta(minutes=rng.uniform(61, 600)),
            updates_due=rng.randint(0, 6), updates_on_time=0,
        ))
    return records


async def main(count: int, runs: int) -> int:
    server = RedisServer()
    server.start()
    try:
        redis = redis_asyncio.from_url(server.url, decode_responses=True)
        store = HistoryStore(redis)
        now = datetime.now(timezone.utc)
        await store.save_many(seed(count, now))
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            records = await store.resolved_between(now - timedelta(days=90), now)
            report = compute_stats(records, now, days=90)
            timings.append(time.perf_counter() - started)
        assert report.overall.incidents == count, report.overall.incidents
        started = time.perf_counter()
        response_times_png(report), incidents_per_week_png(report)
        charts = time.perf_counter() - started
        await redis.aclose()
    finally:
        server.stop()
    worst = max(timings)
    print(f"{count} resolved incidents, {runs} runs: load+compute median {statistics.median(timings)*1000:.0f} ms, "
          f"worst {worst*1000:.0f} ms (target {TARGET_S*1000:.0f} ms: {'met' if worst < TARGET_S else 'MISSED'}); "
          f"both charts {charts*1000:.0f} ms")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    sys.exit(asyncio.run(main(options.incidents, options.runs)))
