"""The status-page interface: a post about one incident in, the public incident it became out.

Publishing the same incident again updates the public incident (it is found by its id, or by
the incident-commander metadata on it when an earlier answer was lost) and never makes a second
one. Failures are `IntegrationFailed` (bot.integrations.http).
"""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

PublicStatus = Literal["investigating", "identified", "monitoring", "resolved"]
Impact = Literal["none", "minor", "major", "critical"]
ComponentStatus = Literal["operational", "degraded_performance", "partial_outage", "major_outage",
                          "under_maintenance"]


class StatusPost(BaseModel):
    incident_id: str  # ours, "INC-42"
    name: str = Field(min_length=1)  # the public title
    status: PublicStatus
    impact: Impact
    body: str = Field(min_length=1)  # the public message
    components: dict[str, ComponentStatus] = Field(default_factory=dict)  # component id -> status
    public_id: str | None = None  # the public incident, once published


class PublicIncident(BaseModel):
    public_id: str
    name: str
    status: str
    impact: str
    url: str  # where people read it
    created: bool = False


@runtime_checkable
class StatusPagePublisher(Protocol):
    name: str

    async def publish(self, post: StatusPost) -> PublicIncident: ...

    async def read(self, public_id: str) -> PublicIncident: ...
