"""The export interface: a postmortem document in, a place people can open out.

An exporter publishes one incident's postmortem to one system. Publishing the same incident
again updates what is there (the directory's file, the Confluence page with the same title)
and never makes a second copy. Failures are `ExportFailed`, whose message names the system and
the reason and never carries a credential.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

log = logging.getLogger("bot.postmortem.export")

# Incident ids become file names and page titles: letters, digits, '.', '_' and '-' only.
INCIDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class PostmortemDocument(BaseModel):
    """One incident's postmortem, whole, as Markdown."""

    incident_id: str = Field(pattern=INCIDENT_ID.pattern)  # "INC-42"
    title: str = Field(min_length=1)  # "INC-42 postmortem: Checkout API returning 500s"
    markdown: str  # the whole document


class ExportResult(BaseModel):
    """Where a postmortem now lives."""

    exporter: str  # "directory" | "confluence"
    location: str  # a path or a page URL, shown to people in Slack
    created: bool  # False when an existing document was updated


class ExportFailed(RuntimeError):
    """An export did not happen. The message says which system and why, never a secret."""

    def __init__(self, exporter: str, reason: str) -> None:
        self.exporter = exporter
        self.reason = reason
        super().__init__(f"{exporter} export failed: {reason}")


@runtime_checkable
class Exporter(Protocol):
    name: str

    async def publish(self, doc: PostmortemDocument) -> ExportResult: ...


async def publish_all(
    exporters: Sequence[Exporter], doc: PostmortemDocument
) -> tuple[list[ExportResult], list[ExportFailed]]:
    """Publish to every exporter at once; one failing does not stop the others.

    Returns the results and the failures, each in the order of `exporters`. Anything else an
    exporter raises (a bug, or user text it could not handle) becomes an `ExportFailed` for that
    exporter with a reference to the logged traceback: the document's text is permanent, so an
    export that crashes on it would otherwise crash every later export too.
    """
    outcomes = await asyncio.gather(*(e.publish(doc) for e in exporters), return_exceptions=True)
    results: list[ExportResult] = []
    failures: list[ExportFailed] = []
    for exporter, outcome in zip(exporters, outcomes):
        if isinstance(outcome, ExportResult):
            results.append(outcome)
        elif isinstance(outcome, ExportFailed):
            failures.append(outcome)
        elif isinstance(outcome, Exception):
            ref = uuid.uuid4().hex[:8]
            name = getattr(exporter, "name", type(exporter).__name__)
            log.error("postmortem export crashed", exc_info=outcome, extra={
                "incident_id": doc.incident_id, "exporter": name, "ref": ref})
            failures.append(ExportFailed(name, f"unexpected error (reference {ref})"))
        else:
            raise outcome  # cancellation and the like are not the exporter's to swallow
    return results, failures
