"""Which alerts declare an incident, at which severity, and which go to triage. Pure.

Rules are tried in order; the first whose matchers all hold decides. Configured as
`alert_routes` (YAML) or `ALERT_ROUTES` (JSON), e.g.

    alert_routes:
      - match: {severity: critical, team: payments}
        severity: sev1
      - match: {severity: critical}
        severity: sev2                # action defaults to declare
      - match_re: {alertname: "Watchdog|InfoInhibitor"}
        action: ignore
      - match: {severity: warning}
        action: triage
        severity: sev3                # what the triage button declares at

`match` compares label values exactly (as Alertmanager does); `match_re` full-matches a regular
expression. A label a rule names but the alert lacks does not match (an empty `match` value
matches a missing label, like Alertmanager's `label=""`). With no rules configured the default is
`severity=critical` declares at SEV2. An alert no rule matches goes to triage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.incident.severity import Severity, UnknownSeverity, parse_severity

Action = Literal["declare", "triage", "ignore"]
TRIAGE_DEFAULT_SEVERITY = Severity.SEV3


class AlertRoute(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    match: dict[str, str] = Field(default_factory=dict)
    match_re: dict[str, str] = Field(default_factory=dict)
    action: Action = "declare"
    severity: Severity | None = None

    @field_validator("severity", mode="before")
    @classmethod
    def _severity(cls, value: Any) -> Any:
        if value is None or isinstance(value, Severity):
            return value
        try:
            return parse_severity(str(value))
        except UnknownSeverity as exc:
            raise ValueError(str(exc)) from None

    @field_validator("match_re")
    @classmethod
    def _patterns_compile(cls, value: dict[str, str]) -> dict[str, str]:
        for label, pattern in value.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"match_re.{label}: {exc}") from None
        return value

    def matches(self, labels: Mapping[str, str]) -> bool:
        for label, wanted in self.match.items():
            if labels.get(label, "") != wanted:
                return False
        for label, pattern in self.match_re.items():
            if re.fullmatch(pattern, labels.get(label, "")) is None:
                return False
        return True

    def describe(self) -> str:
        parts = [f"{k}={v}" for k, v in self.match.items()]
        parts += [f"{k}=~{v}" for k, v in self.match_re.items()]
        return " ".join(parts) or "every alert"


DEFAULT_ROUTES: tuple[AlertRoute, ...] = (
    AlertRoute(match={"severity": "critical"}, action="declare", severity=Severity.SEV2),
)

_ACTION_RANK = {"declare": 2, "triage": 1, "ignore": 0}


@dataclass(frozen=True)
class Decision:
    """What to do with an alert (or a group): `severity` is set for declare and triage."""

    action: Action
    severity: Severity | None
    reason: str

    def more_urgent_than(self, other: Decision) -> bool:
        if _ACTION_RANK[self.action] != _ACTION_RANK[other.action]:
            return _ACTION_RANK[self.action] > _ACTION_RANK[other.action]
        mine = self.severity.level if self.severity else 9
        theirs = other.severity.level if other.severity else 9
        return mine < theirs


def parse_routes(raw: Iterable[Mapping[str, Any]] | None) -> list[AlertRoute]:
    """Validate configured rules; raises ValueError naming the rule (`alert_routes[1]: ...`)."""
    routes = []
    for index, item in enumerate(raw or []):
        try:
            routes.append(AlertRoute.model_validate(item))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'rule'}: {e['msg']}" for e in exc.errors()
            )
            raise ValueError(f"alert_routes[{index}]: {problems}") from None
    return routes


def decide(labels: Mapping[str, str], routes: Iterable[AlertRoute] | None = None) -> Decision:
    """The first matching rule's decision; no rule matching means triage."""
    rules = list(routes) if routes else list(DEFAULT_ROUTES)
    for index, route in enumerate(rules):
        if route.matches(labels):
            severity = route.severity
            if route.action == "declare" and severity is None:
                severity = Severity.SEV2
            if route.action == "triage" and severity is None:
                severity = TRIAGE_DEFAULT_SEVERITY
            if route.action == "ignore":
                severity = None
            return Decision(route.action, severity, f"rule {index + 1}: {route.describe()}")
    return Decision("triage", TRIAGE_DEFAULT_SEVERITY, "no routing rule matched")


def decide_group(
    label_sets: Iterable[Mapping[str, str]], routes: Iterable[AlertRoute] | None = None
) -> Decision:
    """The most urgent decision over a group's alerts (declare beats triage beats ignore; a
    lower SEV number wins a tie)."""
    rules = list(routes) if routes else None
    best: Decision | None = None
    for labels in label_sets:
        decision = decide(labels, rules)
        if best is None or decision.more_urgent_than(best):
            best = decision
    return best or Decision("ignore", None, "no firing alerts")
