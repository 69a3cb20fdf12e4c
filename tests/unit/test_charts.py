"""The PNG charts: real PNGs of the expected size, drawn from the measures."""

import struct
from datetime import datetime, timedelta, timezone

import pytest

from bot.incident.history import ResolvedIncident
from bot.incident.measures import compute_stats
from bot.incident.severity import Severity
from bot.reports.charts import CHART_HEIGHT, CHART_WIDTH, incidents_per_week_png, response_times_png

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def history() -> list[ResolvedIncident]:
    records = []
    for n in range(40):
        declared = NOW - timedelta(days=n * 2, hours=3)
        records.append(ResolvedIncident(
            id=f"INC-{n}", number=n, title="t", severity=list(Severity)[n % 4], declared=declared,
            acknowledged=declared + timedelta(minutes=3 + n % 7), resolved=declared + timedelta(minutes=30 + n)))
    return records


@pytest.mark.parametrize("draw", [response_times_png, incidents_per_week_png])
@pytest.mark.parametrize("records", [history(), []], ids=["history", "empty"])
def test_chart_is_a_png_of_the_expected_size(draw, records):
    data = draw(compute_stats(records, NOW, days=90))
    assert len(data) > 5000  # drawn, not a blank header
    assert png_size(data) == (CHART_WIDTH, CHART_HEIGHT)


def test_more_incidents_draw_a_different_chart():
    assert incidents_per_week_png(compute_stats(history(), NOW, 90)) != incidents_per_week_png(compute_stats([], NOW, 90))
