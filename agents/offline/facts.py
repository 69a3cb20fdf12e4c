"""What the offline engine knows about an incident, computed once per step run.

Every offline step reads the same facts: the classification, the services, the matching runbooks,
the evidence signals and the earlier steps' outputs (parsed back into their models). A step records
what it cites with `cite()`, which becomes the result's `sources`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import TypeVar

from pydantic import ValidationError

from agents.changes import alert_changes, timeline_changes
from agents.classify import (
    Classification,
    ServiceMention,
    classify,
    extract_services,
)
from agents.context import IncidentContext, TimelineEntry, TimelineKind
from agents.incident_types import IncidentTypeProfile, IncidentTypes, load_incident_types
from agents.models import StepOutput, TriageOutput
from agents.runbooks import Runbook, RunbookMatch, incident_text, match_runbooks
from i18n import t
from i18n.times import shown_time
from agents.signals import Signals, read_signals
from agents.text import matching_terms

M = TypeVar("M", bound=StepOutput)

CHANGE_TERMS = ["deploy", "deployed", "deployment", "release", "released", "rollout",
                "rolled out", "new version", "config change", "migration", "upgrade",
                "upgraded", "部署", "上線", "發布", "更新版本"]
ROLE_NAMES = {
    "incident_commander": "Incident Commander",
    "tech_lead": "Tech Lead",
    "comms_lead": "Communications Lead",
    "sme": "Subject Matter Expert",
}


def fmt_time(at: datetime | None) -> str:
    """`2024-05-01 14:03 UTC`, in INCIDENT_TIMEZONE (`2024-05-01 22:03 UTC+08:00`)."""
    if at is None:
        return t("agents-facts-unknown-time")
    return shown_time(at)


def minutes_between(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds() / 60, 1)


@dataclass
class Facts:
    context: IncidentContext
    runbook_library: tuple[Runbook, ...]
    types: IncidentTypes = field(default_factory=load_incident_types)
    cited: list[str] = field(default_factory=list)
    needs: tuple[str, ...] | None = None
    """The earlier steps this step may read (its spec's `needs`); None: any."""

    # --- citing ------------------------------------------------------------------------------

    def cite(self, *sources: str) -> None:
        for source in sources:
            if source and source not in self.cited:
                self.cited.append(source)

    def cite_runbook(self, match: RunbookMatch | Runbook) -> str:
        path = match.path
        self.cite(path)
        return path

    # --- earlier steps -----------------------------------------------------------------------

    def prior(self, step: str, model: type[M]) -> M | None:
        """An earlier step's output as its model, or None when absent, unreadable or not one of
        the step's `needs` (so a single run reads what the same step reads inside `run all`)."""
        if self.needs is not None and step not in self.needs:
            return None
        output = self.context.output_of(step)
        if output is None:
            return None
        try:
            return model.model_validate(output)
        except ValidationError:
            return None

    # --- classification and services ---------------------------------------------------------

    @cached_property
    def text(self) -> str:
        return incident_text(self.context)

    @cached_property
    def triage(self) -> TriageOutput | None:
        return self.prior("triage", TriageOutput)

    @cached_property
    def classification(self) -> Classification:
        first = classify(self.context, types=self.types)
        if first.confidence == "low":
            matches = match_runbooks(self.context, self.runbook_library,
                                     services=[s.name for s in self.mentions])
            if matches:
                return classify(self.context, runbook_type=matches[0].runbook.incident_types[0],
                                types=self.types)
        return first

    @property
    def severity(self) -> str:
        return self.triage.severity if self.triage else self.classification.severity

    @property
    def incident_type(self) -> str:
        return self.triage.incident_type if self.triage else self.classification.incident_type

    @property
    def profile(self) -> IncidentTypeProfile:
        """What the type's data file (runbooks/types/<type>.yaml) says about this incident."""
        return self.types[self.incident_type]

    @cached_property
    def mentions(self) -> list[ServiceMention]:
        return extract_services(self.context)

    @property
    def primary_services(self) -> list[str]:
        if self.triage:
            names = [s.name for s in self.triage.affected_services if s.role == "primary"]
            if names:
                return names
        names = [m.name for m in self.mentions if m.role == "primary"]
        return names or self.signals.top_services(1)

    @property
    def dependencies(self) -> list[str]:
        if self.triage and self.triage.dependencies:
            return self.triage.dependencies
        return [m.name for m in self.mentions if m.role == "dependency"]

    def services_phrase(self, default: str | None = None) -> str:
        if self.primary_services:
            return ", ".join(self.primary_services[:3])
        if self.dependencies:
            return t("agents-facts-services-calling", dependencies=", ".join(self.dependencies[:2]))
        return default if default is not None else t("agents-facts-affected-service")

    @property
    def is_cosmetic(self) -> bool:
        """A SEV4 content or styling problem (typo, wrong colour): no functional impact."""
        cosmetic = matching_terms(self.text, self.types.cosmetic_terms)
        return self.severity == "SEV4" and bool(cosmetic)

    @property
    def cadence(self) -> int | None:
        """The update cadence in whole minutes, as the bot runs it (None: no cadence)."""
        every = self.context.updates.every_minutes
        return max(1, math.ceil(every)) if every else None

    # --- runbooks ----------------------------------------------------------------------------

    @cached_property
    def runbooks(self) -> list[RunbookMatch]:
        return match_runbooks(
            self.context, self.runbook_library, incident_type=self.incident_type,
            services=[s.name for s in self.mentions],
        )

    def top_runbook(self) -> RunbookMatch | None:
        return self.runbooks[0] if self.runbooks else None

    # --- evidence ----------------------------------------------------------------------------

    @cached_property
    def signals(self) -> Signals:
        return read_signals(self.context.evidence)

    def cite_signals(self) -> None:
        if self.signals.anomalies or self.signals.health:
            label = t("agents4-facts-anomaly-scan")
            if self.signals.source:
                label = t("agents4-facts-anomaly-scan-from", source=self.signals.source)
            self.cite(label)

    def cite_alerts(self) -> None:
        for alert in self.context.alerts:
            self.cite(t("agents4-facts-alert", source=alert.source, alert=alert.name))

    @property
    def timeline(self) -> list[TimelineEntry]:
        return sorted(self.context.timeline, key=lambda e: e.at)

    def timeline_with(self, *terms: str, kinds: tuple[TimelineKind, ...] = ()) -> list[TimelineEntry]:
        """Timeline entries of one of `kinds`, or whose text contains one of `terms`."""
        found = []
        for entry in self.timeline:
            text = entry.text.lower()
            if entry.kind in kinds or any(t in text for t in terms):
                found.append(entry)
        return found

    @cached_property
    def changes(self) -> list[str]:
        """Recent changes (deploys, config, migrations) known from evidence, timeline and text."""
        found = list(self.signals.changes)
        # a fact (service, version, time, source), never the timeline line quoted
        found += [c.describe() for c in timeline_changes(self.context) + alert_changes(self.context)]
        for text in (self.context.title, *self.context.description.splitlines()):
            if found:
                break
            if matching_terms(text.lower(), CHANGE_TERMS):
                clause = text.strip()
                found.append(t("agents-facts-declared-change", clause=clause[:140]))
                break
        return found

    def mitigated(self) -> TimelineEntry | None:
        """The first move to monitoring (the workflow's "mitigated"), or None."""
        return next((e for e in self.timeline
                     if e.kind == "status_changed" and e.to == "monitoring"), None)

    @property
    def as_of(self) -> datetime:
        """The latest moment the context speaks of (no wall clock, so results are repeatable)."""
        moments = [self.context.declared_at, *(e.at for e in self.context.timeline)]
        moments += [a.starts_at for a in self.context.alerts if a.starts_at]
        if self.context.resolved_at:
            moments.append(self.context.resolved_at)
        return max(moments)

    @property
    def duration_minutes(self) -> float:
        end = self.context.resolved_at or self.as_of
        return minutes_between(self.context.declared_at, end)

    def in_window(self, at: datetime) -> bool:
        """Whether `at` belongs to this incident (a day either side): step results replayed on
        an old incident carry today's timestamps and must not be read as incident events."""
        start = self.context.declared_at - timedelta(days=1)
        end = (self.context.resolved_at or self.as_of) + timedelta(days=2)
        return start <= at <= end

    def due(self, days: int) -> str:
        base = self.context.resolved_at or self.as_of
        return (base + timedelta(days=days)).date().isoformat()

    def role_holder(self, role: str) -> str | None:
        names = self.context.roles.get(role) or []
        return names[0] if names else None

    def owner_for(self, role: str, fallback: str) -> str:
        return self.role_holder(role) or fallback

    def missing_basics(self) -> list[str]:
        """What the context lacks that every step would like to have."""
        missing = []
        if not self.signals.has_metrics:
            missing.append(t("agents-facts-missing-metrics"))
        if not self.context.alerts:
            missing.append(t("agents-facts-missing-alerts"))
        if not self.primary_services:
            missing.append(t("agents-facts-missing-service"))
        if not self.changes:
            missing.append(t("agents-facts-missing-changes"))
        return missing
