"""Alert and deploy state in Redis, beside the incident records (keys under `ic:`).

  ic:alertgroup:<key>        alert group -> incident id, or `pending:<token>` while one declares
                             (`am:<sha256 of the Alertmanager groupKey>`, `fp:<fingerprint>`,
                             `pd:<PagerDuty incident id>`)
  ic:alerts:<incident_id>    list of the incident's alerts (JSON), each state once, in arrival order
  ic:alertseen:<incident_id> set of `<fingerprint>|<status>|<startsAt>` already noted (retries)
  ic:triage:<triage_id>      a triage message and the alerts behind its button (JSON, 7 days)
  ic:triagegroup:<key>       alert group -> triage id (one triage message per group, 1 day)
  ic:deploys                 sorted set of deploy events (JSON) scored by unix time, newest 1000
  ic:ruleopen:<rule>         set of incident ids (or `pending:<unix time>:<token>` while one
                             declares) opened from alerts by one routing rule, for its cap

The claim on a group (`SET NX` of `pending:<token>` with an expiry) is what keeps two
concurrent deliveries of one group from declaring twice: only the claimant declares, the other
waits for the incident id and attaches.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any

import redis.asyncio as redis_asyncio
from pydantic import BaseModel, Field
from redis.exceptions import WatchError

from bot.intake.models import Alert, DeployEvent
from bot.platform.redis_keys import guarded, store_key

PENDING = "pending:"
CLAIM_SECONDS = 300
TRIAGE_SECONDS = 7 * 24 * 3600
TRIAGE_GROUP_SECONDS = 24 * 3600
MAX_DEPLOYS = 1000


def group_keys(alert: Alert) -> list[str]:
    """The group keys an alert is known by: its sender's group first, then its fingerprint."""
    if alert.source == "pagerduty":
        return ["pd:" + alert.group_key.removeprefix("pagerduty:")]
    digest = hashlib.sha256(alert.group_key.encode()).hexdigest()[:32]
    return ["am:" + digest, "fp:" + alert.fingerprint]


class TriageRecord(BaseModel):
    """A triage message: where it is, the alerts behind it and what its button declares."""

    id: str
    group_keys: list[str]
    alerts: list[Alert]
    severity: str
    reason: str
    channel: str | None = None
    ts: str | None = None
    incident_id: str | None = None
    resolved: bool = False


class StoredDeploy(BaseModel):
    key: str
    service: str
    version: str
    who: str = ""
    at: datetime
    link: str = ""
    environment: str = ""
    description: str = ""
    received_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class AlertStore:
    def __init__(self, redis: redis_asyncio.Redis) -> None:
        self.redis = redis

    # --- group -> incident ----------------------------------------------------------------

    @guarded
    async def lookup(self, keys: list[str]) -> list[str | None]:
        return await self.redis.mget([store_key("alertgroup", k) for k in keys])

    @guarded
    async def claim(self, key: str) -> str | None:
        """Claim the right to declare for group `key`; returns the claim token, or None when
        someone else holds the key (an incident or another claim)."""
        token = PENDING + secrets.token_hex(8)
        ok = await self.redis.set(store_key("alertgroup", key), token, nx=True, ex=CLAIM_SECONDS)
        return token if ok else None

    @guarded
    async def release(self, key: str, expected: str) -> bool:
        """Delete group `key` if it still holds `expected` (a claim token or a stale incident
        id); True if it was deleted."""
        name = store_key("alertgroup", key)

        async def attempt() -> bool:
            async with self.redis.pipeline(transaction=True) as pipe:
                while True:
                    try:
                        await pipe.watch(name)
                        if await pipe.get(name) != expected:
                            await pipe.unwatch()
                            return False
                        pipe.multi()
                        pipe.delete(name)
                        await pipe.execute()
                        return True
                    except WatchError:
                        continue

        return await attempt()

    @guarded
    async def bind(self, keys: list[str], incident_id: str, alerts: list[Alert]) -> None:
        """Point every key at `incident_id` and record `alerts` on it, in one transaction."""

        async def write() -> None:
            async with self.redis.pipeline(transaction=True) as pipe:
                for key in keys:
                    pipe.set(store_key("alertgroup", key), incident_id)
                for alert in alerts:
                    pipe.rpush(store_key("alerts", incident_id), alert.model_dump_json())
                    pipe.sadd(store_key("alertseen", incident_id), alert.seen_key)
                await pipe.execute()

        await write()

    @guarded
    async def add_keys(self, keys: list[str], incident_id: str) -> None:
        """Known keys of an incident's group (new fingerprints) point at it too, unless taken."""
        if keys:
            async with self.redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.set(store_key("alertgroup", key), incident_id, nx=True)
                await pipe.execute()

    # --- an incident's alerts -------------------------------------------------------------

    @guarded
    async def record_new(self, incident_id: str, alerts: list[Alert]) -> list[Alert]:
        """Record the alert states not seen before on this incident; returns those (in order).
        A retried delivery returns nothing: it was all seen."""
        fresh = []
        for alert in alerts:
            added = await self.redis.sadd(store_key("alertseen", incident_id), alert.seen_key)
            if added:
                await self.redis.rpush(store_key("alerts", incident_id), alert.model_dump_json())
                fresh.append(alert)
        return fresh

    @guarded
    async def alerts(self, incident_id: str) -> list[Alert]:
        """Every alert state recorded on the incident, in arrival order."""
        raws = await self.redis.lrange(store_key("alerts", incident_id), 0, -1)
        return [Alert.model_validate_json(raw) for raw in raws]

    @guarded
    async def current_alerts(self, incident_id: str) -> list[Alert]:
        """The latest state of each of the incident's alerts (one per fingerprint)."""
        latest: dict[str, Alert] = {}
        for alert in await self.alerts(incident_id):
            latest.pop(alert.fingerprint, None)
            latest[alert.fingerprint] = alert
        return list(latest.values())

    # --- triage ---------------------------------------------------------------------------

    @guarded
    async def claim_triage(self, key: str) -> str | None:
        """A new triage id when no triage message exists for group `key`, else None."""
        triage_id = secrets.token_hex(8)
        ok = await self.redis.set(store_key("triagegroup", key), triage_id, nx=True, ex=TRIAGE_GROUP_SECONDS)
        return triage_id if ok else None

    @guarded
    async def triage_for_group(self, key: str) -> TriageRecord | None:
        triage_id = await self.redis.get(store_key("triagegroup", key))
        return await self.triage(triage_id) if triage_id else None

    @guarded
    async def release_triage(self, key: str, triage_id: str) -> None:
        if await self.redis.get(store_key("triagegroup", key)) == triage_id:
            await self.redis.delete(store_key("triagegroup", key))

    @guarded
    async def save_triage(self, record: TriageRecord) -> None:
        await self.redis.set(store_key("triage", record.id), record.model_dump_json(), ex=TRIAGE_SECONDS)

    @guarded
    async def triage(self, triage_id: str) -> TriageRecord | None:
        raw = await self.redis.get(store_key("triage", triage_id))
        return TriageRecord.model_validate_json(raw) if raw else None

    # --- deploys --------------------------------------------------------------------------

    @guarded
    async def record_deploy(self, deploy: StoredDeploy) -> None:
        async def write() -> None:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.zadd(store_key("deploys"), {deploy.model_dump_json(): deploy.at.timestamp()})
                pipe.zremrangebyrank(store_key("deploys"), 0, -(MAX_DEPLOYS + 1))
                await pipe.execute()

        await write()

    @guarded
    async def deploys(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        services: list[str] | None = None,
    ) -> list[StoredDeploy]:
        """Deploys between `since` and `until` (newest first), optionally of `services` only."""
        low = since.timestamp() if since else "-inf"
        high = until.timestamp() if until else "+inf"
        raws = await self.redis.zrevrangebyscore(store_key("deploys"), high, low)
        found = [StoredDeploy.model_validate_json(raw) for raw in raws]
        if services:
            wanted = set(services)
            found = [d for d in found if d.service in wanted]
        return found

    # --- open alert-declared incidents per routing rule (the cap) ----------------------------

    @guarded
    async def take_rule_slot(self, rule: str, cap: int, now: float) -> str | None:
        """A pending slot among `rule`'s `cap`, or None when they are all taken. Adding and
        counting are one transaction: a burst never gets more than `cap` slots."""
        token = f"{PENDING}{int(now)}:{secrets.token_hex(4)}"
        name = store_key("ruleopen", rule)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(name, token)
            pipe.scard(name)
            _, size = await pipe.execute()
        if size > cap:
            await self.redis.srem(name, token)
            return None
        return token

    @guarded
    async def rule_slots(self, rule: str) -> set[str]:
        return set(await self.redis.smembers(store_key("ruleopen", rule)))

    @guarded
    async def free_rule_slots(self, rule: str, *members: str) -> None:
        if members:
            await self.redis.srem(store_key("ruleopen", rule), *members)

    @guarded
    async def settle_rule_slot(self, rule: str, token: str, incident_id: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.srem(store_key("ruleopen", rule), token)
            pipe.sadd(store_key("ruleopen", rule), incident_id)
            await pipe.execute()


def stored_deploy(event: DeployEvent, received_at: datetime) -> StoredDeploy:
    return StoredDeploy(
        key=event.key(),
        service=event.service,
        version=event.version,
        who=event.who,
        at=event.at or received_at,
        link=event.link,
        environment=event.environment,
        description=event.description,
        received_at=received_at,
    )


def deploy_json(deploy: StoredDeploy) -> dict[str, Any]:
    return json.loads(deploy.model_dump_json())
