"""What "see it at a glance" keeps in Redis: resolved-incident history, followers, Home viewers.

Keys (all under `ic:`, through bot.platform.redis_keys):
  ic:history                 hash: incident id -> ResolvedIncident JSON (rewritten on re-resolve)
  ic:history:resolved        sorted set: incident id scored by its resolve time (epoch seconds)
  ic:followers:<id>          set of user ids following the incident (DMs on changes)
  ic:home:viewers            sorted set: user id scored by when they last opened the App Home
  ic:home:stale              a flag: something changed since the Home tabs were last published
"""

from __future__ import annotations

from datetime import datetime

import redis.asyncio as redis_asyncio

from bot.incident.history import ResolvedIncident
from bot.platform.redis_keys import guarded, store_key


class HistoryStore:
    def __init__(self, redis: redis_asyncio.Redis) -> None:
        self.redis = redis

    # --- history ------------------------------------------------------------------------------

    @guarded
    async def save(self, record: ResolvedIncident) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(store_key("history"), record.id, record.model_dump_json())
            pipe.zadd(store_key("history", "resolved"), {record.id: record.resolved.timestamp()})
            await pipe.execute()

    @guarded
    async def save_many(self, records: list[ResolvedIncident]) -> None:
        """Seed or import history in one round trip (bench/, the drill, migrations)."""
        if not records:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(store_key("history"), mapping={r.id: r.model_dump_json() for r in records})
            pipe.zadd(store_key("history", "resolved"), {r.id: r.resolved.timestamp() for r in records})
            await pipe.execute()

    @guarded
    async def remove(self, incident_id: str) -> None:
        """A reopened incident is not history until it resolves again."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hdel(store_key("history"), incident_id)
            pipe.zrem(store_key("history", "resolved"), incident_id)
            await pipe.execute()

    @guarded
    async def resolved_between(self, since: datetime, until: datetime) -> list[ResolvedIncident]:
        ids = await self.redis.zrangebyscore(store_key("history", "resolved"), since.timestamp(), until.timestamp())
        if not ids:
            return []
        raws = await self.redis.hmget(store_key("history"), ids)
        return [ResolvedIncident.model_validate_json(raw) for raw in raws if raw]

    # --- followers ----------------------------------------------------------------------------

    @guarded
    async def toggle_follow(self, incident_id: str, user_id: str) -> bool:
        """Follow, or unfollow when already following; True when now following."""
        key = store_key("followers", incident_id)
        if await self.redis.srem(key, user_id):
            return False
        await self.redis.sadd(key, user_id)
        return True

    @guarded
    async def followers(self, incident_id: str) -> list[str]:
        return sorted(await self.redis.smembers(store_key("followers", incident_id)))

    # --- App Home -----------------------------------------------------------------------------

    @guarded
    async def saw_home(self, user_id: str, at: datetime) -> None:
        await self.redis.zadd(store_key("home", "viewers"), {user_id: at.timestamp()})

    @guarded
    async def home_viewers(self, since: datetime) -> list[str]:
        return list(await self.redis.zrangebyscore(store_key("home", "viewers"), since.timestamp(), "+inf"))

    @guarded
    async def mark_homes_stale(self) -> None:
        await self.redis.set(store_key("home", "stale"), "1")

    @guarded
    async def take_homes_stale(self) -> bool:
        """True once per change batch, for one process: whoever deletes the flag republishes."""
        return bool(await self.redis.delete(store_key("home", "stale")))

    # --- the Home's measures and charts, cached per history version (issue 16) -----------------
    # ic:home:measures   JSON {"version": ..., "stats_line": ..., "charts": [{file_id, title}]}

    @guarded
    async def version(self) -> str:
        """Changes whenever an incident enters or leaves history."""
        count = await self.redis.zcard(store_key("history", "resolved"))
        last = await self.redis.zrange(store_key("history", "resolved"), -1, -1, withscores=True)
        return f"{count}:{last[0][0]}:{last[0][1]}" if last else "0"

    @guarded
    async def home_measures(self) -> str | None:
        return await self.redis.get(store_key("home", "measures"))

    @guarded
    async def save_home_measures(self, raw: str) -> None:
        await self.redis.set(store_key("home", "measures"), raw)
