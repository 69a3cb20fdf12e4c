"""Incident state in Redis: records, timelines, indexes and idempotency claims.

Keys (all under `ic:`):
  ic:seq:incident            counter behind human ids (INC-42)
  ic:incident:<id>           the incident record, JSON
  ic:timeline:<id>           a Stream of timeline events, in order
  ic:channel:<channel_id>    war-room channel -> incident id
  ic:open                    set of open incident ids
  ic:awaiting_postmortem     set of resolved incident ids with no postmortem yet
  ic:claim:<key>             SET NX EX claims (Slack retries, double clicks, scheduled fires)
  ic:steps:<id>              hash: agent step key -> its latest StepResult, JSON
  ic:running:<id>:<step>     the job running (or queued to run) this step, with a TTL
  ic:job:<job_id>            hash: per job, "header:<step>" -> thread ts, "done:<step>" -> 1
  ic:postmortem:<id>         the latest postmortem document, Markdown
  ic:actions:<id>            hash: action item number -> ActionItem JSON
  ic:actions:open            set of "<incident id>#<number>" for open action items
  ic:folded:<id>             hash: notes folded off the timeline (count, first_at, last_at, people)
  ic:rate:<what>:<window>    counters for rate limits, expiring with their window
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import redis.asyncio as redis_asyncio
from redis.exceptions import WatchError

from agents import StepResult
from bot.incident.model import ActionItem, EventKind, Incident, TimelineEvent
from bot.platform.redis_keys import guarded, store_key

T = TypeVar("T")


class IncidentNotFound(LookupError):
    pass


# What may be folded when a timeline holds too many: notes and captured messages. Decisions,
# status and severity changes, updates and the rest are never folded.
FOLDABLE = frozenset({EventKind.NOTE, EventKind.CAPTURED})


class IncidentStore:
    def __init__(self, redis: redis_asyncio.Redis, max_notes: int | None = None) -> None:
        self.redis = redis
        self.max_notes = max_notes  # foldable events kept per timeline; None: unbounded

    @guarded
    async def ping(self) -> bool:
        return bool(await self.redis.ping())

    @guarded
    async def next_number(self) -> int:
        return int(await self.redis.incr(store_key("seq", "incident")))

    @guarded
    async def create(self, incident: Incident, first_event: TimelineEvent) -> None:
        """Store a new record, its first timeline event and its open-set entry atomically."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(store_key("incident", incident.id), incident.model_dump_json(), nx=True)
            pipe.xadd(store_key("timeline", incident.id), {"event": first_event.model_dump_json()})
            if incident.is_open:
                pipe.sadd(store_key("open"), incident.id)
            created, *_ = await pipe.execute()
        if not created:
            raise ValueError(f"incident {incident.id} already exists")

    @guarded
    async def get(self, incident_id: str) -> Incident | None:
        raw = await self.redis.get(store_key("incident", incident_id))
        return Incident.model_validate_json(raw) if raw else None

    async def require(self, incident_id: str) -> Incident:
        incident = await self.get(incident_id)
        if incident is None:
            raise IncidentNotFound(incident_id)
        return incident

    @guarded
    async def id_for_channel(self, channel_id: str) -> str | None:
        return await self.redis.get(store_key("channel", channel_id))

    async def by_channel(self, channel_id: str) -> Incident | None:
        incident_id = await self.id_for_channel(channel_id)
        return await self.get(incident_id) if incident_id else None

    @guarded
    async def index_channel(self, channel_id: str, incident_id: str) -> None:
        await self.redis.set(store_key("channel", channel_id), incident_id)

    @guarded
    async def update(
        self,
        incident_id: str,
        change: Callable[[Incident], T],
        events: Callable[[Incident, T], list[TimelineEvent]] | None = None,
    ) -> tuple[Incident, T]:
        """Apply `change` to the stored record under optimistic locking (WATCH/MULTI).

        `change` mutates the incident in place and returns a value; it may raise to refuse the
        change, and is re-run if another writer got there first. `events` turns the outcome
        into timeline events written in the same transaction, so record and timeline agree.
        """
        key = store_key("incident", incident_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    if raw is None:
                        raise IncidentNotFound(incident_id)
                    incident = Incident.model_validate_json(raw)
                    outcome = change(incident)
                    pipe.multi()
                    pipe.set(key, incident.model_dump_json())
                    if incident.is_open:
                        pipe.sadd(store_key("open"), incident.id)
                    else:
                        pipe.srem(store_key("open"), incident.id)
                    if incident.resolved_at and incident.postmortem_at is None:
                        pipe.sadd(store_key("awaiting_postmortem"), incident.id)
                    else:
                        pipe.srem(store_key("awaiting_postmortem"), incident.id)
                    for event in events(incident, outcome) if events else []:
                        pipe.xadd(store_key("timeline", incident_id), {"event": event.model_dump_json()})
                    await pipe.execute()
                    return incident, outcome
                except WatchError:
                    continue

    @guarded
    async def append_event(self, incident_id: str, event: TimelineEvent) -> None:
        await self.redis.xadd(store_key("timeline", incident_id), {"event": event.model_dump_json()})
        if self.max_notes and event.kind in FOLDABLE:
            await self._fold_notes(incident_id, self.max_notes)

    async def _fold_notes(self, incident_id: str, keep: int) -> None:
        """Fold the oldest notes beyond `keep` into one summary (ic:folded:<id>)."""
        if await self.redis.xlen(store_key("timeline", incident_id)) <= keep:
            return
        entries = await self.redis.xrange(store_key("timeline", incident_id))
        notes = [(entry_id, TimelineEvent.model_validate_json(fields["event"])) for entry_id, fields in entries]
        notes = [(entry_id, event) for entry_id, event in notes if event.kind in FOLDABLE]
        oldest = notes[: max(0, len(notes) - keep)]
        if not oldest:
            return
        # XDEL says how many it removed: a concurrent fold of the same entries counts them once.
        removed = await self.redis.xdel(store_key("timeline", incident_id), *[entry_id for entry_id, _ in oldest])
        if not removed:
            return
        folded = store_key("folded", incident_id)
        people = sorted({event.actor for _, event in oldest if event.actor})
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hincrby(folded, "count", removed)
            pipe.hsetnx(folded, "first_at", oldest[0][1].at.isoformat())
            pipe.hset(folded, "last_at", oldest[-1][1].at.isoformat())
            pipe.hset(folded, "people:" + ",".join(people), "1")
            await pipe.execute()

    @guarded
    async def timeline(self, incident_id: str) -> list[TimelineEvent]:
        entries = await self.redis.xrange(store_key("timeline", incident_id))
        events = [TimelineEvent.model_validate_json(fields["event"]) for _, fields in entries]
        folded = await self.redis.hgetall(store_key("folded", incident_id))
        if folded.get("count"):
            summary = _folded_summary(folded)
            at = next((i for i, event in enumerate(events) if event.at > summary.at), len(events))
            events.insert(at, summary)
        return events

    @guarded
    async def count_hit(self, key: str, window_seconds: int) -> int:
        """Count one more hit on `key` in its window; returns the hits so far (the counter
        expires with the window)."""
        name = store_key("rate", key)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window_seconds, nx=True)
            hits, _ = await pipe.execute()
        return int(hits)

    @guarded
    async def claim_until(self, key: str, now: float, seconds: int) -> float:
        """Hold `key` for `seconds` on the caller's clock (the workspace clock, which a drill or
        test may run faster than Redis's): 0 when taken, else the seconds it is still held.
        Redis's own expiry only cleans up, a little after the caller's clock says it ended."""
        name = store_key("claim", key)
        async with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(name)
                    held = await pipe.get(name)
                    if held is not None and float(held) > now:
                        await pipe.unwatch()
                        return float(held) - now
                    pipe.multi()
                    pipe.set(name, repr(now + seconds), ex=seconds + 60)
                    await pipe.execute()
                    return 0
                except WatchError:
                    continue

    @guarded
    async def open_incidents(self) -> list[Incident]:
        ids = sorted(await self.redis.smembers(store_key("open")), key=_number_of)
        if not ids:
            return []
        raws = await self.redis.mget([store_key("incident", i) for i in ids])
        return [Incident.model_validate_json(raw) for raw in raws if raw]

    @guarded
    async def recently_resolved(self) -> list[Incident]:
        """Resolved incidents whose postmortem is not written yet."""
        ids = sorted(await self.redis.smembers(store_key("awaiting_postmortem")), key=_number_of)
        raws = await self.redis.mget([store_key("incident", i) for i in ids]) if ids else []
        return [Incident.model_validate_json(raw) for raw in raws if raw]

    @guarded
    async def claim(self, key: str, ttl_seconds: int = 3600) -> bool:
        """True for the first caller of `key` within the ttl; False for every later one."""
        return bool(await self.redis.set(store_key("claim", key), "1", nx=True, ex=ttl_seconds))

    @guarded
    async def release(self, key: str) -> None:
        await self.redis.delete(store_key("claim", key))


class StepRuns:
    """Agent step bookkeeping: results, which steps are running, per-job progress."""

    def __init__(self, redis: redis_asyncio.Redis) -> None:
        self.redis = redis

    @guarded
    async def save_result(self, incident_id: str, result: StepResult) -> None:
        await self.redis.hset(store_key("steps", incident_id), result.step, result.model_dump_json())

    @guarded
    async def results(self, incident_id: str) -> dict[str, StepResult]:
        raw = await self.redis.hgetall(store_key("steps", incident_id))
        return {step: StepResult.model_validate_json(value) for step, value in raw.items()}

    @guarded
    async def claim_steps(self, incident_id: str, steps: list[str], job_id: str, ttl_seconds: int) -> list[str]:
        """Mark `steps` as taken by `job_id`, all or none. Returns the steps another job
        already holds (empty when the claim succeeded)."""
        keys = {step: store_key("running", incident_id, step) for step in steps}
        taken: list[str] = []
        for step, key in keys.items():
            if not await self.redis.set(key, job_id, nx=True, ex=ttl_seconds):
                if taken:
                    await self.redis.delete(*(keys[s] for s in taken))
                return [s for s in steps if s not in taken and await self.redis.exists(keys[s])]
            taken.append(step)
        return []

    @guarded
    async def release_step(self, incident_id: str, step: str, job_id: str) -> None:
        key = store_key("running", incident_id, step)
        if await self.redis.get(key) == job_id:
            await self.redis.delete(key)

    @guarded
    async def job_progress(self, job_id: str) -> dict[str, str]:
        return await self.redis.hgetall(store_key("job", job_id))

    @guarded
    async def note_job(self, job_id: str, field: str, value: str, ttl_seconds: int = 86400) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(store_key("job", job_id), field, value)
            pipe.expire(store_key("job", job_id), ttl_seconds)
            await pipe.execute()


class FollowUps:
    """After the incident: the postmortem document and its action items."""

    def __init__(self, redis: redis_asyncio.Redis) -> None:
        self.redis = redis

    @guarded
    async def save_postmortem(self, incident_id: str, markdown: str) -> None:
        await self.redis.set(store_key("postmortem", incident_id), markdown)

    @guarded
    async def postmortem(self, incident_id: str) -> str | None:
        return await self.redis.get(store_key("postmortem", incident_id))

    @guarded
    async def actions(self, incident_id: str) -> list[ActionItem]:
        raw = await self.redis.hgetall(store_key("actions", incident_id))
        return sorted((ActionItem.model_validate_json(v) for v in raw.values()), key=lambda a: a.number)

    @guarded
    async def save_actions(self, incident_id: str, items: list[ActionItem]) -> None:
        """Replace the incident's action items (the confirmed list from the review form)."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(store_key("actions", incident_id))
            for item in items:
                pipe.hset(store_key("actions", incident_id), str(item.number), item.model_dump_json())
            old = await self.redis.smembers(store_key("actions", "open"))
            stale = [ref for ref in old if ref.startswith(f"{incident_id}#")]
            if stale:
                pipe.srem(store_key("actions", "open"), *stale)
            opened = [f"{incident_id}#{i.number}" for i in items if i.is_open]
            if opened:
                pipe.sadd(store_key("actions", "open"), *opened)
            await pipe.execute()

    @guarded
    async def save_action(self, incident_id: str, item: ActionItem) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(store_key("actions", incident_id), str(item.number), item.model_dump_json())
            ref = f"{incident_id}#{item.number}"
            pipe.sadd(store_key("actions", "open"), ref) if item.is_open else pipe.srem(store_key("actions", "open"), ref)
            await pipe.execute()

    @guarded
    async def open_action_refs(self) -> list[tuple[str, int]]:
        refs = await self.redis.smembers(store_key("actions", "open"))
        return sorted((ref.split("#")[0], int(ref.split("#")[1])) for ref in refs)


def _number_of(incident_id: str) -> int:
    digits = incident_id.rsplit("-", 1)[-1]
    return int(digits) if digits.isdigit() else 0


def _folded_summary(folded: dict[str, str]) -> TimelineEvent:
    people: set[str] = set()
    for field in folded:
        if field.startswith("people:"):
            people.update(p for p in field.removeprefix("people:").split(",") if p)
    first, last = datetime.fromisoformat(folded["first_at"]), datetime.fromisoformat(folded["last_at"])
    by = f" by {', '.join(f'<@{p}>' for p in sorted(people))}" if people else ""
    return TimelineEvent(
        at=first,
        kind=EventKind.NOTE,
        actor=None,
        text=f"{folded['count']} earlier notes{by} from {first:%Y-%m-%d %H:%M} to {last:%H:%M} UTC were folded "
        "to keep the timeline bounded",
        data={"folded": int(folded["count"])},
    )
