"""The ticket interface: an action item in, a ticket people can open out; close it; ask if done.

`open_ticket` is idempotent: the ticket carries a key made of our incident id and the item's
number, and a second call (a retry after a lost answer, a second confirm) finds the ticket the
first made. Failures are `IntegrationFailed`.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field


class TicketRequest(BaseModel):
    incident_id: str
    number: int
    title: str = Field(min_length=1)
    description: str = ""
    due: date | None = None
    owner_email: str | None = None

    @property
    def key(self) -> str:
        """Our idempotency key, e.g. `ic-INC-42-1` (a Jira label: no spaces)."""
        return f"ic-{self.incident_id}-{self.number}"


class Ticket(BaseModel):
    tracker: str  # "jira" | "linear"
    ref: str  # the tracker's id for API calls
    key: str  # what people see, "OPS-12" / "ENG-7"
    url: str
    created: bool = False
    assigned: bool = False  # False when the owner has no account there (left unassigned)


@runtime_checkable
class TicketTracker(Protocol):
    name: str

    async def open_ticket(self, request: TicketRequest) -> Ticket: ...

    async def close_ticket(self, ref: str) -> None: ...

    async def is_done(self, ref: str) -> bool: ...
