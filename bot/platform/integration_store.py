"""What the integrations remember per incident, in Redis.

Keys (under `ic:`):
  ic:beyond:<id>   hash: "statuspage" -> the public incident (PublicIncident JSON),
                         "statuspage_draft" -> the latest draft (StatusDraft JSON),
                         "page:<pager>:<target>" -> a page (PageRecord JSON)
Tickets live on their action items (ic:actions:<id>).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import redis.asyncio as redis_asyncio
from pydantic import BaseModel

from bot.integrations.statuspage.base import PublicIncident
from bot.platform.redis_keys import guarded, store_key


class StatusDraft(BaseModel):
    title: str
    status: Literal["investigating", "identified", "monitoring", "resolved"]
    body: str


class PageRecord(BaseModel):
    pager: str
    target: str = ""
    dedup_key: str
    status: Literal["triggered", "acknowledged", "resolved"] = "triggered"
    paged_by: str | None = None  # Slack user id; None when the bot paged (SEV1 auto-page)
    at: datetime
    acknowledged_by: str | None = None  # the vendor's name for the person


class IntegrationStore:
    def __init__(self, redis: redis_asyncio.Redis) -> None:
        self.redis = redis

    def _key(self, incident_id: str) -> str:
        return store_key("beyond", incident_id)

    @guarded
    async def _get(self, incident_id: str, field: str) -> str | None:
        return await self.redis.hget(self._key(incident_id), field)

    @guarded
    async def _set(self, incident_id: str, field: str, value: BaseModel) -> None:
        await self.redis.hset(self._key(incident_id), field, value.model_dump_json())

    async def public_incident(self, incident_id: str) -> PublicIncident | None:
        raw = await self._get(incident_id, "statuspage")
        return PublicIncident.model_validate_json(raw) if raw else None

    async def save_public_incident(self, incident_id: str, public: PublicIncident) -> None:
        await self._set(incident_id, "statuspage", public)

    async def draft(self, incident_id: str) -> StatusDraft | None:
        raw = await self._get(incident_id, "statuspage_draft")
        return StatusDraft.model_validate_json(raw) if raw else None

    async def save_draft(self, incident_id: str, draft: StatusDraft) -> None:
        await self._set(incident_id, "statuspage_draft", draft)

    @guarded
    async def pages(self, incident_id: str) -> list[PageRecord]:
        fields = await self.redis.hgetall(self._key(incident_id))
        return [PageRecord.model_validate_json(v) for k, v in sorted(fields.items()) if k.startswith("page:")]

    async def save_page(self, incident_id: str, page: PageRecord) -> None:
        await self._set(incident_id, f"page:{page.pager}:{page.target}", page)
