"""Fixtures for the agent engine tests: realistic incidents, backends and the API stand-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agents import AlertInfo, IncidentContext, OfflineBackend, TimelineEntry
from agents.context import UpdateCadence
from tests.support.anthropic_standin import AnthropicStandIn

T0 = datetime(2025, 3, 4, 14, 0, tzinfo=UTC)


def checkout_incident(**overrides) -> IncidentContext:
    """A SEV2-shaped checkout outage after a deploy, with alerts, timeline and anomalies."""
    values = dict(
        incident_id="INC-42",
        title="Checkout API returning 500s after deploy of v2.3.1",
        description="Customers report failed checkouts since 13:52 UTC.",
        declared_at=T0,
        roles={"incident_commander": ["Mei"], "tech_lead": ["Ravi"]},
        alerts=[AlertInfo(
            source="prometheus", name="HighErrorRate",
            labels={"service": "checkout-api", "severity": "critical", "region": "eu-west-1"},
            annotations={"summary": "5xx ratio 23% on checkout-api"},
            starts_at=T0 - timedelta(minutes=7))],
        timeline=[
            TimelineEntry(at=T0 - timedelta(minutes=10), kind="deploy", actor="ci",
                          text="checkout-api v2.3.1 deployed"),
            TimelineEntry(at=T0 + timedelta(minutes=3), kind="role_assigned", actor="Mei",
                          text="Mei took incident commander"),
            TimelineEntry(at=T0 + timedelta(minutes=9), kind="status_changed", to="monitoring",
                          actor="Ravi", text="status identified → monitoring "
                          "(why: Rolled back checkout-api to v2.3.0)"),
            TimelineEntry(at=T0 + timedelta(minutes=10), kind="status_update", actor="Mei",
                          text="Status page updated: identified"),
        ],
        updates=UpdateCadence(every_minutes=30),  # what the bot's settings say for a SEV2
        evidence={"anomalies": [
            {"service": "checkout-api", "metric": "http_5xx_ratio", "score": 14.2,
             "direction": "up", "change_start": "2025-03-04T13:51:00Z"},
            {"service": "payments", "metric": "latency_p99_seconds", "score": 4.1,
             "direction": "up", "change_start": None},
        ]},
    )
    values.update(overrides)
    return IncidentContext(**values)


def bare_incident(title: str, **overrides) -> IncidentContext:
    """Only a declared title: what the bot has in the first minute."""
    return IncidentContext(incident_id="INC-7", title=title, declared_at=T0, **overrides)


@pytest.fixture
def incident() -> IncidentContext:
    return checkout_incident()


@pytest.fixture(scope="session")
def offline() -> OfflineBackend:
    return OfflineBackend()


@pytest.fixture
async def api():
    async with AnthropicStandIn() as standin:
        yield standin
