"""A change is a fact: what was changed (service), to what (version), when, and who says so.

Read from a deploy event (the deploy webhook), alert labels, or a person's words on the timeline
("deploy 2026.11.25-3 of checkout-svc broke payment calls" given as the reason of a status
change), and shown as `deploy 2026.11.25-3 of checkout-svc (named by the tech lead, 20:57)`,
never as the quoted timeline line it came from. Words that name neither a service nor a version
are not a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from agents.context import IncidentContext, TimelineEntry
from i18n import t

_VERSION = r"v?\d+(?:\.\d+)+(?:[-+.][0-9A-Za-z]+)*"
_SERVICE = r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+|[a-z][a-z0-9]+"
_PATTERNS = (
    # "deploy 2026.11.25-3 of checkout-svc", "release v2.3.1 of checkout-api"
    re.compile(rf"\b(?P<kind>deploy(?:ment)?|release|rollout)\s+(?:of\s+)?(?P<version>{_VERSION})"
               rf"\s+(?:of|to|for)\s+(?P<service>{_SERVICE})", re.I),
    # "checkout-api v2.3.1 deployed", "checkout-api 2026.11.25-3 released"
    re.compile(rf"\b(?P<service>{_SERVICE})\s+(?P<version>{_VERSION})\s+"
               r"(?P<kind>deployed|released|rolled out)", re.I),
    # "deployed checkout-api v2.3.1"
    re.compile(rf"\b(?P<kind>deployed|released|rolled out)\s+(?P<service>{_SERVICE})\s+"
               rf"(?P<version>{_VERSION})", re.I),
    # The same in Chinese: "已部署 checkout-api v2.3.1", "checkout-api v2.3.1 已上線"
    re.compile(rf"(?P<kind>已?(?:部署|上線|發布)了?)\s*(?P<service>{_SERVICE})\s+(?P<version>{_VERSION})", re.I),
    re.compile(rf"\b(?P<service>{_SERVICE})\s+(?P<version>{_VERSION})\s*(?P<kind>已(?:部署|上線|發布)|部署完成)", re.I),
)
ROLE_WORDS = {"incident_commander": "agents2-detect-role-incident-commander",  # catalogue keys
              "tech_lead": "agents2-detect-role-tech-lead",
              "comms_lead": "agents2-detect-role-comms-lead", "sme": "agents2-detect-role-sme"}


@dataclass(frozen=True)
class Change:
    service: str | None
    version: str | None
    at: datetime | None
    source: str
    """"deploy webhook", "alert labels" or "named by <role or person>"."""

    def describe(self) -> str:
        version = t("agents2-detect-change-version", version=self.version) if self.version else ""
        service = t("agents2-detect-change-service", service=self.service) if self.service else ""
        when = t("agents2-detect-change-when", time=f"{self.at:%H:%M}") if self.at else ""
        return t("agents2-detect-change-deploy", version=version, service=service,
                 source=self.source, when=when)


def _said_by(entry: TimelineEntry, context: IncidentContext) -> str:
    if entry.kind == "deploy":
        return t("agents2-detect-change-webhook")
    for role, names in context.roles.items():
        if entry.actor and entry.actor in names:
            return t("agents2-detect-change-named-by-role",
                     role=t(ROLE_WORDS[role]) if role in ROLE_WORDS else role.replace("_", " "))
    return (t("agents2-detect-change-named-by-person", person=entry.actor) if entry.actor
            else t("agents2-detect-change-named-on-timeline"))


def parse_change(text: str) -> tuple[str | None, str | None] | None:
    """(service, version) a sentence names as deployed, or None."""
    reason = text.split("why:", 1)[1] if "why:" in text else text
    for pattern in _PATTERNS:
        found = pattern.search(reason)
        if found:
            return found.group("service"), found.group("version")
    return None


def timeline_changes(context: IncidentContext) -> list[Change]:
    """Changes the timeline records: deploy events and people's words, oldest first."""
    found: list[Change] = []
    for entry in sorted(context.timeline, key=lambda e: e.at):
        if re.search(r"roll(ed)?\s*back|rollback|回滾|回退", entry.text, re.I):
            continue
        parsed = parse_change(entry.text)
        if parsed is None:
            continue
        service, version = parsed
        change = Change(service=service, version=version, at=entry.at,
                        source=_said_by(entry, context))
        if all((c.service, c.version) != (service, version) for c in found):
            found.append(change)
    return found


def alert_changes(context: IncidentContext) -> list[Change]:
    """Changes alert labels name (`version` with `service`/`job`)."""
    found = []
    for alert in context.alerts:
        version = alert.labels.get("version")
        service = alert.labels.get("service") or alert.labels.get("job")
        if version:
            found.append(Change(service=service, version=version, at=alert.starts_at,
                               source=t("agents2-detect-change-alert-labels")))
    return found
