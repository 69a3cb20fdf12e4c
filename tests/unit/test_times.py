"""Every displayed time in INCIDENT_TIMEZONE; Slack date tokens with a fallback in that zone."""

from datetime import UTC, datetime

import pytest

from i18n import times
from bot.settings import Settings

AT = datetime(2026, 11, 25, 9, 4, 30, tzinfo=UTC)


@pytest.fixture
def taipei():
    times.use_timezone("Asia/Taipei")
    yield
    times.use_timezone("UTC")


def test_utc_by_default():
    assert times.shown_time(AT) == "2026-11-25 09:04 UTC"
    assert times.clock_time(AT) == "09:04"


def test_the_configured_zone_is_used_everywhere(taipei):
    assert times.shown_time(AT) == "2026-11-25 17:04 UTC+08:00"
    assert times.clock_time(AT, pattern="%H:%M:%S") == "17:04:30"
    token = times.slack_time(AT)
    assert token == f"<!date^{int(AT.timestamp())}^{{date_short_pretty}} {{time}}|2026-11-25 17:04 UTC+08:00>"


def test_a_zone_with_summer_time_follows_the_date():
    assert times.shown_time(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "Europe/London") == "2026-07-01 13:00 UTC+01:00"
    assert times.shown_time(datetime(2026, 1, 1, 12, 0, tzinfo=UTC), "Europe/London") == "2026-01-01 12:00 UTC"


def test_the_scorecard_and_timeline_helpers_write_the_zone(taipei):
    from bot.ui import text

    assert text.clock_time(AT) == "17:04:30"
    assert "|2026-11-25 17:04 UTC+08:00>" in text.slack_time(AT)


def test_settings_refuse_an_unknown_zone_and_locale():
    assert Settings(timezone="Asia/Taipei", locale="zh-tw").locale == "zh-TW"
    with pytest.raises(ValueError, match="not an IANA time zone"):
        Settings(timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="not a supported locale"):
        Settings(locale="fr")


def test_the_postmortem_and_the_agents_write_the_configured_zone(taipei):
    from agents.offline.facts import fmt_time
    from bot.incident.model import Incident
    from bot.incident.severity import Severity
    from bot.incident.scorecard import Scorecard
    from bot.postmortem.document import render_postmortem

    assert fmt_time(AT) == "2026-11-25 17:04 UTC+08:00"
    incident = Incident(id="INC-1", number=1, title="結帳錯誤", severity=Severity.SEV1, declared_by="U1",
                        declared_at=AT, severity_set_at=AT)
    document = render_postmortem(incident, [], None, {}, [], Scorecard(criteria=[], update_gaps=[]), AT)
    assert "| Declared | 2026-11-25 17:04 UTC+08:00 |" in document
    assert "## Timeline (UTC+08:00)" in document
