"""The incident store against a real redis-server."""

import asyncio
from datetime import datetime, timezone

import pytest

from bot.incident.kinds import Status
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.platform.redis_connection import connect
from bot.platform.incident_store import IncidentNotFound, IncidentStore
from bot.platform.redis_keys import StoreUnavailable

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _incident(number: int) -> Incident:
    return Incident(id=f"INC-{number}", number=number, title="db down", severity=Severity.SEV2,
                    declared_by="U0ALICE", declared_at=NOW)


def _event(text: str) -> TimelineEvent:
    return TimelineEvent(at=NOW, kind=EventKind.NOTE, actor="U0ALICE", text=text)


@pytest.fixture
async def store(redis_url):
    redis = connect(redis_url)
    yield IncidentStore(redis)
    await redis.aclose()


async def test_record_timeline_and_open_set_round_trip(store):
    await store.create(_incident(1), _event("declared"))
    await store.index_channel("C1", "INC-1")
    assert (await store.by_channel("C1")).title == "db down"
    assert [e.text for e in await store.timeline("INC-1")] == ["declared"]
    assert [i.id for i in await store.open_incidents()] == ["INC-1"]


async def test_numbers_are_unique_under_concurrency(store):
    numbers = await asyncio.gather(*(store.next_number() for _ in range(50)))
    assert sorted(numbers) == list(range(1, 51))


async def test_concurrent_updates_are_not_lost(store):
    await store.create(_incident(2), _event("declared"))

    def add_sme(user):
        return lambda incident: incident.roles.smes.append(user)

    await asyncio.gather(*(store.update("INC-2", add_sme(f"U{n}")) for n in range(20)))
    incident = await store.require("INC-2")
    assert sorted(incident.roles.smes) == sorted(f"U{n}" for n in range(20))


async def test_update_writes_its_events_and_keeps_the_open_set_true(store):
    await store.create(_incident(3), _event("declared"))

    def close(incident):
        incident.status = Status.RESOLVED

    await store.update("INC-3", close, lambda incident, _: [_event("resolved")])
    assert await store.open_incidents() == []
    assert [e.text for e in await store.timeline("INC-3")] == ["declared", "resolved"]


async def test_a_refused_change_writes_nothing(store):
    await store.create(_incident(4), _event("declared"))

    def refuse(incident):
        incident.title = "changed"
        raise ValueError("no")

    with pytest.raises(ValueError):
        await store.update("INC-4", refuse, lambda i, _: [_event("never")])
    assert (await store.require("INC-4")).title == "db down"
    assert len(await store.timeline("INC-4")) == 1


async def test_missing_incident(store):
    with pytest.raises(IncidentNotFound):
        await store.update("INC-404", lambda i: None)


async def test_claims_are_first_come_only(store):
    assert await store.claim("nudge:INC-1:1700000000", ttl_seconds=60)
    assert not await store.claim("nudge:INC-1:1700000000", ttl_seconds=60)


async def test_unreachable_redis_is_a_store_unavailable_error(redis_server):
    from tests.support.redis_server import free_port

    redis = connect(f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(StoreUnavailable):
        await IncidentStore(redis).get("INC-1")
    await redis.aclose()
