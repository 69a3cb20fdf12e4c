"""The one Redis connection: a real server when REDIS_URL is set, else an embedded fakeredis."""

from __future__ import annotations

import logging

import redis.asyncio as redis_asyncio
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

EMBEDDED_WARNING = (
    "REDIS_URL is not set: using an embedded in-process store. Nothing survives a restart; "
    "set REDIS_URL for a real team."
)


def connect(redis_url: str | None) -> redis_asyncio.Redis:
    """Open the store. Commands retry briefly on connection errors before failing."""
    if not redis_url:
        import fakeredis

        log.warning(EMBEDDED_WARNING)
        return fakeredis.FakeAsyncRedis(decode_responses=True)
    return redis_asyncio.Redis.from_url(
        redis_url,
        decode_responses=True,
        socket_connect_timeout=2,
        socket_timeout=5,
        health_check_interval=15,
        retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), retries=3),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
    )
