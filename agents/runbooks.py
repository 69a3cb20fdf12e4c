"""Runbooks: Markdown files with YAML front matter in the `runbooks` package, and a matcher.

The matcher scores each runbook against an incident by type, services, keywords and alerts and
returns the ranked matches with the reason, so agents can cite `runbooks/<file>.md` in `sources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import frontmatter
import yaml
from pydantic import BaseModel, Field, PrivateAttr, ValidationError, field_validator

from agents.context import IncidentContext
from agents.errors import RunbookError
from agents.models import INCIDENT_TYPES, SEVERITIES
from agents.text import matching_terms, normalize, tokens
from i18n import current_locale

_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rollback", ("roll back", "rollback", "revert")),
    ("credential_rotation", ("revoke", "rotate the", "deactivate")),
    ("feature_flag", ("feature flag", "turn off", "disable")),
    ("circuit_breaker", ("circuit breaker",)),
    ("failover", ("fail over", "failover")),
    ("throttle", ("throttle", "rate-limit", "rate limit", "shed")),
    ("reroute", ("reroute", "shift traffic", "drain")),
    ("scale", ("scale", "add replicas", "grow")),
    ("cleanup", ("free ", "clean", "delete", "remove", "kill")),
)


def infer_kind(action: str) -> str:
    """The mitigation kind a plain-text runbook action describes ("other" when unclear)."""
    lowered = action.lower()
    for kind, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return "other"


class RunbookAction(BaseModel):
    """One mitigation a runbook recommends."""

    action: str
    kind: str = "other"
    risk: str = "Not stated in the runbook."


class RunbookAlert(BaseModel):
    """An alert a runbook recommends so the failure is caught earlier next time."""

    name: str
    signal: str
    condition: str
    action: Literal["page", "ticket", "dashboard_only"] = "ticket"


class Runbook(BaseModel):
    """A runbook's front matter plus its Markdown body."""

    path: str = Field(description="Citable path, e.g. runbooks/disk-full.md")
    title: str
    incident_types: list[str]
    services: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    alert_names: list[str] = Field(default_factory=list)
    severity_hint: str | None = None
    mitigations: list[RunbookAction] = Field(default_factory=list)
    checks: list[str] = Field(default_factory=list)
    escalation: str = ""
    causes: list[str] = Field(default_factory=list)
    alerts: list[RunbookAlert] = Field(default_factory=list)
    monitoring: list[str] = Field(default_factory=list)
    hardening: list[str] = Field(default_factory=list)
    body: str = ""
    # The same runbook in every locale it is written in (runbooks/<locale>/<file>.md), "en" too.
    _variants: dict[str, Runbook] = PrivateAttr(default_factory=dict)

    def localized(self, locale: str | None = None) -> Runbook:
        """This runbook in `locale` (default: the current one); English when not translated."""
        wanted = locale or current_locale()
        return self._variants.get(wanted) or self._variants.get("en") or self

    @field_validator("incident_types")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in INCIDENT_TYPES]
        if unknown or not value:
            raise ValueError(f"incident_types must be from {INCIDENT_TYPES}, got {value}")
        return value

    @field_validator("severity_hint")
    @classmethod
    def _known_severity(cls, value: str | None) -> str | None:
        if value is not None and value not in SEVERITIES:
            raise ValueError(f"severity_hint must be one of {SEVERITIES}, got {value!r}")
        return value

    @field_validator("mitigations", mode="before")
    @classmethod
    def _actions(cls, value: Any) -> Any:
        # A plain string is accepted; its kind is inferred from the wording.
        return [{"action": v, "kind": infer_kind(v)} if isinstance(v, str) else v
                for v in value or []]

    @field_validator("services", "keywords", "alert_names", "checks", "causes", "monitoring",
                     "hardening", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return [str(v) for v in value or []]


@dataclass(frozen=True)
class RunbookMatch:
    """A runbook that fits the incident, with its score and why it matched."""

    runbook: Runbook
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.runbook.path

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


RUNNER_UP_SHARE = 0.4


def default_runbook_dir() -> Path:
    """The `runbooks/` folder shipped with the package (found through importlib.resources)."""
    return Path(str(resources.files("runbooks")))


def parse_runbook(text: str, path: str) -> Runbook:
    """Parse one runbook file's text; RunbookError names the file and the problem."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise RunbookError(f"{path}: front matter is not valid YAML: {exc}") from exc
    if not post.metadata:
        raise RunbookError(f"{path}: no YAML front matter (--- ... ---) at the top")
    try:
        return Runbook(path=path, body=post.content, **post.metadata)
    except ValidationError as exc:
        raise RunbookError(f"{path}: invalid front matter: {exc}") from exc


# What identifies a runbook and decides whether it matches stays the English file's, so a
# translation never changes which runbook is chosen; only the words quoted to people change.
_MATCHING_FIELDS = ("incident_types", "services", "keywords", "alert_names", "severity_hint")


def _translated(english: Runbook, text: str, path: str) -> Runbook:
    """The translation at `path` over the English runbook: its words, the English matching data;
    a mitigation without `kind` keeps the English one's."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise RunbookError(f"{path}: front matter is not valid YAML: {exc}") from exc
    metadata = {**english.model_dump(exclude={"path", "body"}), **post.metadata}
    metadata.update({name: getattr(english, name) for name in _MATCHING_FIELDS})
    kinds = [item.kind for item in english.mitigations]
    metadata["mitigations"] = [
        {"action": item, "kind": kinds[i] if i < len(kinds) else infer_kind(item)}
        if isinstance(item, str) else
        ({**item, "kind": kinds[i]} if "kind" not in item and i < len(kinds) else item)
        for i, item in enumerate(metadata.get("mitigations") or [])]
    try:
        return Runbook(path=path, body=post.content, **metadata)
    except ValidationError as exc:
        raise RunbookError(f"{path}: invalid front matter: {exc}") from exc


def load_runbooks(directory: Path | str | None = None, *,
                  locale: str | None = None) -> tuple[Runbook, ...]:
    """Every `*.md` runbook in `directory` (default: the shipped folder), sorted by path, each in
    `locale` (default: the current locale) where `<directory>/<locale>/<file>.md` exists, else in
    English. Its `path` names the file actually used, e.g. runbooks/zh-TW/disk-full.md."""
    books = _load(str(directory) if directory is not None else None)
    return tuple(book.localized(locale) for book in books)


@lru_cache(maxsize=8)
def _load(directory: str | None) -> tuple[Runbook, ...]:
    folder = Path(directory) if directory is not None else default_runbook_dir()
    books = []
    locales = sorted(p.name for p in folder.iterdir() if p.is_dir() and "-" in p.name) \
        if folder.is_dir() else []
    for file in sorted(folder.glob("*.md")):
        book = parse_runbook(file.read_text(encoding="utf-8"), f"runbooks/{file.name}")
        variants = {"en": book}
        for locale in locales:
            translation = folder / locale / file.name
            if translation.is_file():
                variants[locale] = _translated(book, translation.read_text(encoding="utf-8"),
                                               f"runbooks/{locale}/{file.name}")
        for variant in variants.values():
            variant._variants = variants
        books.append(book)
    return tuple(books)


def incident_text(context: IncidentContext) -> str:
    """Everything people and alerts said about the incident, normalized for matching."""
    parts = [context.title, context.description]
    for alert in context.alerts:
        parts.extend([alert.name, normalize(alert.name, camel=True)])
        parts.extend(alert.labels.values())
        parts.extend(alert.annotations.values())
    parts.extend(entry.text for entry in context.timeline)
    return normalize(" ".join(p for p in parts if p))


def match_runbooks(
    context: IncidentContext,
    runbooks: tuple[Runbook, ...] | None = None,
    *,
    incident_type: str | None = None,
    services: list[str] | None = None,
    limit: int = 3,
) -> list[RunbookMatch]:
    """Runbooks ranked by fit with the incident, best first, each with the reason it matched.

    Score: incident type (3 for the runbook's first type, 1.5 for another), each matching service
    (2, at most 4), each keyword found in the text or alerts (1, at most 6), each alert name the
    runbook lists (3). A runbook needs at least one keyword or alert hit to be returned.
    """
    books = runbooks if runbooks is not None else load_runbooks()
    text = incident_text(context)
    itype = incident_type or context.incident_type
    service_tokens: set[str] = set()
    labelled = [a.labels[k] for a in context.alerts for k in ("service", "app", "job")
                if a.labels.get(k)]
    for name in [*(services or []), *context.services, *labelled]:
        service_tokens |= tokens(name)
    alert_names = {a.name.lower() for a in context.alerts}

    matches: list[RunbookMatch] = []
    for book in books:
        score = 0.0
        reasons: list[str] = []
        keywords = matching_terms(text, book.keywords)
        alerts = [a for a in book.alert_names if a.lower() in alert_names]
        if not keywords and not alerts:
            continue
        if keywords:
            score += min(len(keywords), 6)
            reasons.append("keywords: " + ", ".join(keywords[:6]))
        if alerts:
            score += 3 * len(alerts)
            reasons.append("alerts: " + ", ".join(alerts))
        if itype and itype in book.incident_types:
            score += 3 if book.incident_types[0] == itype else 1.5
            reasons.append(f"type {itype}")
        hit_services = [s for s in book.services if tokens(s) & service_tokens]
        if hit_services:
            score += 2 * min(len(hit_services), 2)
            reasons.append("services: " + ", ".join(hit_services[:3]))
        matches.append(RunbookMatch(book.localized(), score, reasons))
    matches.sort(key=lambda m: (-m.score, m.path))
    if matches:
        floor = matches[0].score * RUNNER_UP_SHARE
        matches = [m for m in matches if m.score >= floor]
    return matches[:limit]
