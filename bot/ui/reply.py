"""An answer meant for one person."""

from __future__ import annotations

from pydantic import BaseModel


class Reply(BaseModel):
    """Text always (it is the notification and the fallback); blocks when there is more to show."""

    text: str
    blocks: list[dict] | None = None
