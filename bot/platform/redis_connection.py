"""Redis connections: a real server when REDIS_URL is set, else an embedded fakeredis.

Two clients on the same server: one for the store (responses decoded to str) and one for the
arq job queue (bytes, as arq pickles its jobs).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis.asyncio as redis_asyncio
from arq.connections import ArqRedis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

EMBEDDED_WARNING = (
    "REDIS_URL is not set: using an embedded in-process store. Nothing survives a restart; "
    "set REDIS_URL for a real team."
)


@dataclass
class RedisHandles:
    store: redis_asyncio.Redis
    jobs: ArqRedis
    embedded: bool

    async def close(self) -> None:
        await self.store.aclose()
        await self.jobs.aclose()


def _options() -> dict:
    return dict(
        socket_connect_timeout=2,
        socket_timeout=5,
        health_check_interval=15,
        retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), retries=3),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
    )


def connect(redis_url: str) -> redis_asyncio.Redis:
    """A store client alone, to a real server (for tools and tests that need no job queue)."""
    return redis_asyncio.Redis.from_url(redis_url, decode_responses=True, **_options())


def open_redis(redis_url: str | None) -> RedisHandles:
    """Open the store and job-queue clients. Commands retry briefly on connection errors."""
    if not redis_url:
        import fakeredis

        log.warning(EMBEDDED_WARNING)
        server = fakeredis.FakeServer()
        store = fakeredis.FakeAsyncRedis(server=server, decode_responses=True)
        jobs = ArqRedis(connection_pool=fakeredis.FakeAsyncRedis(server=server).connection_pool)
        return RedisHandles(store=store, jobs=jobs, embedded=True)
    store = redis_asyncio.Redis.from_url(redis_url, decode_responses=True, **_options())
    jobs = ArqRedis.from_url(redis_url, **_options())
    return RedisHandles(store=store, jobs=jobs, embedded=False)
