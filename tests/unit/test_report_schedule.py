"""The weekly report's schedule: "<weekday> HH:MM" UTC or off; a bad value stops start-up."""

from datetime import datetime, time, timezone

import pytest

from bot.reports.schedule import last_due, parse_weekly
from bot.settings import ConfigError, load_settings


def test_a_weekday_and_a_time_or_off():
    assert parse_weekly("mon 09:00") == (0, time(9, 0))
    assert parse_weekly("Friday 7:30") == (4, time(7, 30))
    assert parse_weekly("off") is None


@pytest.mark.parametrize("bad", ["monday", "09:00", "someday 09:00", "mon 25:00", "mon 9"])
def test_anything_else_is_refused_naming_the_form(bad):
    with pytest.raises(ValueError, match="mon 09:00"):
        parse_weekly(bad)
    with pytest.raises(ConfigError, match="report_schedule"):
        load_settings(report_schedule=bad)


def test_the_last_scheduled_moment_at_or_before_now():
    tuesday = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
    assert last_due((0, time(9, 0)), tuesday) == datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    assert last_due((1, time(8, 0)), tuesday) == tuesday
    assert last_due((1, time(8, 1)), tuesday) == datetime(2026, 11, 24, 8, 1, tzinfo=timezone.utc)
