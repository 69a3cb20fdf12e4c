"""The paging interface: trigger a page for an incident, resolve it with the incident.

A page carries a dedup key built from our incident id and the target, so triggering twice (a
retry, a double click) is one page at the vendor. Failures are `IntegrationFailed`.
"""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

PageSeverity = Literal["critical", "error", "warning", "info"]


class PageRequest(BaseModel):
    incident_id: str
    target: str = ""  # a service or team; "" pages the default route
    summary: str = Field(min_length=1, max_length=1024)
    severity: PageSeverity = "critical"
    link: str | None = None  # the war room
    details: dict[str, str] = Field(default_factory=dict)

    @property
    def dedup_key(self) -> str:
        return f"incident-commander/{self.incident_id}" + (f"/{self.target}" if self.target else "")


class PageResult(BaseModel):
    pager: str  # "pagerduty" | "opsgenie"
    dedup_key: str
    target: str = ""


@runtime_checkable
class Pager(Protocol):
    name: str

    def routes(self, target: str) -> bool: ...

    async def trigger(self, page: PageRequest) -> PageResult: ...

    async def resolve(self, dedup_key: str, target: str = "") -> None: ...


def dedup_key(incident_id: str, target: str = "") -> str:
    return PageRequest(incident_id=incident_id, target=target, summary="-").dedup_key
