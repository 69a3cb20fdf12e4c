"""What the engine knows about each incident type, read from one YAML file per type.

The list of types is the `IncidentType` Literal in `agents/models.py`; each type's knowledge
(impact wording, mitigations, checks, comms phrasing, classifier cues...) lives in
`runbooks/types/<type>.yaml` and is validated here into one `IncidentTypeProfile`. A missing or bad
file raises `IncidentTypeError` naming the file and the field, so the bot refuses to start
instead of failing with a KeyError in the middle of an incident.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agents.errors import IncidentTypeError
from agents.models import INCIDENT_TYPES, MitigationKind, Severity
from i18n import current_locale

TYPES_DIR_ENV = "INCIDENT_TYPES_DIR"
Role = Literal["incident_commander", "tech_lead", "comms_lead", "sme"]
DEFAULT_NEEDED_ROLES: dict[str, list[str]] = {
    "SEV1": ["incident_commander", "tech_lead", "comms_lead"],
    "SEV2": ["incident_commander", "tech_lead", "comms_lead"],
    "SEV3": ["incident_commander", "tech_lead"],
    "SEV4": ["incident_commander"],
}
DEFAULT_MITIGATION_ORDER: list[str] = [
    "rollback", "feature_flag", "reroute", "throttle", "circuit_breaker", "scale", "failover",
    "cleanup",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


class Template(str):
    """Text that may name `{svc}` (the affected services) and `{deps}` (their dependencies)."""

    ALLOWED = frozenset({"svc", "deps"})

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        from pydantic_core import core_schema

        def check(value: str) -> str:
            try:
                names = _placeholders(value)
            except ValueError as exc:
                raise ValueError(f"bad braces in {value!r}: {exc}") from None
            unknown = names - cls.ALLOWED
            if unknown:
                raise ValueError(f"unknown placeholder {{{min(unknown)}}} in {value!r}; "
                                 "only {svc} and {deps} are filled in")
            return value

        return core_schema.no_info_after_validator_function(check, core_schema.str_schema())


class ClassifierRule(_Strict):
    """Words in the declaration or alerts that point to this type and the severity they suggest.

    A `cosmetic` rule marks a content or styling problem: alone it makes the incident SEV4; next
    to other rules it takes its weight back (a typo that broke something is not cosmetic)."""

    label: str = Field(min_length=1)
    severity: Severity
    weight: float = Field(gt=0)
    terms: list[str] = Field(min_length=1)
    cosmetic: bool = False


class Classifier(_Strict):
    priority: int = Field(description="Breaks ties between types of equal weight; lower wins.")
    rules: list[ClassifierRule] = Field(min_length=1)


class Triage(_Strict):
    impact: Template = Field(description="Who is hurt and how, e.g. 'Users of {svc} get errors'.")
    sme_hint: str
    business_risk: str | None = Field(None, description="A risk this type always carries.")
    needed_roles: dict[Severity, list[Role]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_NEEDED_ROLES.items()})


class FallbackMitigation(_Strict):
    action: Template
    kind: MitigationKind
    risk: str


class Mitigate(_Strict):
    rollback: Literal["after_change", "never", "undecided_after_change"] = Field(
        description="after_change: a recorded change is rolled back first (and is the suspected "
                    "cause); never: a release cannot cause this type; undecided_after_change: "
                    "no rollback unless a change is recorded, then undecided.")
    order: list[MitigationKind] = Field(default_factory=lambda: list(DEFAULT_MITIGATION_ORDER))
    fallbacks: list[FallbackMitigation] = Field(
        min_length=1, description="Used when no runbook matched.")
    verify: list[Template] = Field(min_length=1)


class Debug(_Strict):
    symptom: Template = Field(description="Completes 'Because ...': 'requests to {svc} fail'.")
    question: Template | None = Field(
        None, description="The second why; default 'Why does {svc} misbehave?'.")
    investigations: list[str] = Field(min_length=1)
    dependency_impact: str | None = Field(
        None, description="When set, dependencies are shown downstream with this text ({name} "
                          "is the dependency); otherwise they are upstream causes.")


class Fix(_Strict):
    summary: Template
    changes: list[Template] = Field(min_length=1)
    strategy: Literal["canary", "blue_green", "rolling", "config_change", "manual"]
    risk: Literal["low", "medium", "high"]
    revert_change_first: bool = Field(
        False, description="Put 'revert the recorded change' first when debugging blamed it.")


class Comms(_Strict):
    public_symptom: str = Field(description="What customers read: 'errors', 'slow responses'.")
    talking_points: list[str] = Field(default_factory=list)


class ContactSuggestion(_Strict):
    segment: str
    reason: str
    channel: str


class Impact(_Strict):
    segments: list[str] = Field(default_factory=list)
    data_loss: str | None = Field(None, description="What this type says about data loss, "
                                  "ahead of anything the incident text suggests.")
    data_loss_default: str | None = Field(None, description="Said only when nothing more "
                                          "specific (a full disk) is known.")
    sla: str | None = Field(None, description="Replaces the availability-budget arithmetic.")
    contacts: list[ContactSuggestion] = Field(default_factory=list)


class Chaos(_Strict):
    name: str
    hypothesis: str
    method: str


class IncidentTypeProfile(_Strict):
    """Everything the offline engine needs to know about one incident type."""

    id: str
    label: str
    security: bool = Field(False, description="Runs the security-incident paths: confidential "
                           "comms, blast radius, audit trail.")
    user_facing: bool = Field(True, description="False when no user-facing failure is implied.")
    capacity: bool = Field(False, description="Its runbooks' scale/throttle actions feed the "
                           "performance step.")
    sev4_is_cosmetic: bool = Field(False, description="At SEV4 this type is a cosmetic issue.")
    classifier: Classifier
    triage: Triage
    mitigate: Mitigate
    debug: Debug
    fix: Fix
    comms: Comms
    impact: Impact = Field(default_factory=Impact)
    chaos: Chaos
    degradation: str
    translations: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="The human-readable fields in another language, by locale "
        "(`zh-TW:`): same shape as the fields above, lists entry by entry (see TRANSLATABLE).")

    @field_validator("id")
    @classmethod
    def _listed(cls, value: str) -> str:
        if value not in INCIDENT_TYPES:
            raise ValueError(f"{value!r} is not in the IncidentType list in agents/models.py "
                             f"({', '.join(INCIDENT_TYPES)}); add it there too")
        return value


# The fields people read, which a `translations.<locale>` block gives in that language (True: a
# string; a one-item list: each entry). Ids, kinds, policies and the classifier's terms are shared;
# comms.public_symptom / talking_points are keys the comms step looks up in the catalogue.
TRANSLATABLE: dict[str, Any] = {
    "label": True,
    "triage": {"impact": True, "sme_hint": True, "business_risk": True},
    "mitigate": {"fallbacks": [{"action": True, "risk": True}], "verify": [True]},
    "debug": {"symptom": True, "question": True, "investigations": [True], "dependency_impact": True},
    "fix": {"summary": True, "changes": [True]},
    "impact": {"segments": [True], "data_loss": True, "data_loss_default": True, "sla": True,
               "contacts": [{"segment": True, "reason": True, "channel": True}]},
    "chaos": {"name": True, "hypothesis": True, "method": True},
    "degradation": True,
}


def _overlay(base: Any, said: Any, spec: Any, where: str) -> Any:
    """`base` with the translated parts `said` put in; ValueError names the field that is wrong."""
    if spec is True:
        if not isinstance(said, str) or not said.strip():
            raise ValueError(f"{where}: expected the translated text")
        if _placeholders(said) != _placeholders(base):
            raise ValueError(f"{where}: must name the same placeholders as the English "
                             f"({', '.join(sorted(_placeholders(base))) or 'none'})")
        return said
    if isinstance(spec, list):
        if not isinstance(said, list) or len(said) != len(base):
            raise ValueError(f"{where}: expected {len(base)} entries, one per English entry")
        return [_overlay(b, s, spec[0], f"{where}.{i}") for i, (b, s) in enumerate(zip(base, said))]
    if not isinstance(said, dict):
        raise ValueError(f"{where}: expected a mapping of fields")
    merged = dict(base)
    for key, value in said.items():
        if key not in spec:
            raise ValueError(f"{where}.{key}: not a field people read (or not a field)")
        if base.get(key) is None:
            raise ValueError(f"{where}.{key}: the English file has no {key} to translate")
        merged[key] = _overlay(base[key], value, spec[key], f"{where}.{key}")
    return merged


def untranslated(profile: IncidentTypeProfile, locale: str) -> list[str]:
    """The fields people read that have English text but none in `locale`."""
    def walk(base: Any, said: Any, spec: Any, where: str) -> list[str]:
        if base is None or base == []:
            return []
        if spec is True:
            return [] if said else [where]
        if isinstance(spec, list):
            said = said or [None] * len(base)
            return [m for i, (b, s) in enumerate(zip(base, said)) for m in walk(b, s, spec[0], f"{where}.{i}")]
        said = said or {}
        return [m for key in spec for m in walk(base.get(key), said.get(key), spec[key], f"{where}.{key}")]

    base = profile.model_dump(exclude={"translations"})
    return walk(base, profile.translations.get(locale), TRANSLATABLE, locale)


def localize(profile: IncidentTypeProfile, locale: str) -> IncidentTypeProfile:
    """The profile with its human-readable fields in `locale` (ValueError on a bad translation)."""
    base = profile.model_dump(exclude={"translations"})
    merged = _overlay(base, profile.translations[locale], TRANSLATABLE, f"translations.{locale}")
    return IncidentTypeProfile.model_validate(merged)


@dataclass(frozen=True)
class TypedRule:
    """A classifier rule with the type it points to."""

    incident_type: str
    rule: ClassifierRule


class IncidentTypes(Mapping[str, IncidentTypeProfile]):
    """Every type's profile by id, plus the classifier rules in the order they are tried."""

    def __init__(self, profiles: dict[str, IncidentTypeProfile], directory: str) -> None:
        self.profiles = profiles
        self.directory = directory
        self.localized = {(locale, key): localize(profile, locale)
                          for key, profile in profiles.items() for locale in profile.translations}

    def __getitem__(self, key: str) -> IncidentTypeProfile:
        """The type's profile, its words in the current locale when its file has them."""
        return self.localized.get((current_locale(), key)) or self.profiles[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    @property
    def by_priority(self) -> list[IncidentTypeProfile]:
        return sorted(self.profiles.values(), key=lambda p: (p.classifier.priority, p.id))

    @property
    def rules(self) -> list[TypedRule]:
        """Functional rules by type priority, then cosmetic ones (so signals read in that order)."""
        ordered = [TypedRule(p.id, r) for p in self.by_priority for r in p.classifier.rules]
        return [r for r in ordered if not r.rule.cosmetic] + [r for r in ordered if r.rule.cosmetic]

    @property
    def cosmetic_terms(self) -> list[str]:
        return [t for r in self.rules if r.rule.cosmetic for t in r.rule.terms]

    def priority_index(self, incident_type: str) -> int:
        return [p.id for p in self.by_priority].index(incident_type)


def default_types_dir() -> Path:
    """`$INCIDENT_TYPES_DIR` (AgentSettings) if set, else `runbooks/types/` in the package."""
    from agents.settings import AgentSettings

    configured = AgentSettings().incident_types_dir
    if configured is not None:
        return configured
    return Path(str(resources.files("runbooks"))) / "types"


def _field_path(loc: tuple) -> str:
    return ".".join(str(p) for p in loc) or "(top level)"


def parse_profile(text: str, path: str) -> IncidentTypeProfile:
    """One type file's text as a profile; IncidentTypeError names the file and each bad field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise IncidentTypeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise IncidentTypeError(f"{path}: expected a mapping of fields at the top level")
    try:
        profile = IncidentTypeProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"field {_field_path(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise IncidentTypeError(f"{path}: {problems}") from exc
    for locale in profile.translations:
        try:
            localize(profile, locale)
        except ValidationError as exc:
            problems = "; ".join(f"field translations.{locale}.{_field_path(e['loc'])}: {e['msg']}"
                                 for e in exc.errors())
            raise IncidentTypeError(f"{path}: {problems}") from exc
        except ValueError as exc:
            raise IncidentTypeError(f"{path}: field {exc}") from exc
    return profile


def load_incident_types(directory: Path | str | None = None) -> IncidentTypes:
    """Every type's profile from `directory` (default: `default_types_dir()`), validated.

    Call it at start-up: it raises IncidentTypeError when a type in the IncidentType list has no
    file, when a file's `id` does not match its name, or when a field is missing or wrong."""
    folder = Path(directory) if directory is not None else default_types_dir()
    return _load(str(folder.resolve()))


@lru_cache(maxsize=8)
def _load(folder: str) -> IncidentTypes:
    root = Path(folder)
    if not root.is_dir():
        raise IncidentTypeError(f"{root}: incident type folder not found (set {TYPES_DIR_ENV})")
    profiles: dict[str, IncidentTypeProfile] = {}
    for file in sorted(root.glob("*.yaml")):
        profile = parse_profile(file.read_text(encoding="utf-8"), str(file))
        if profile.id != file.stem:
            raise IncidentTypeError(f"{file}: field id: {profile.id!r} must match the file name "
                                    f"({file.stem!r})")
        profiles[profile.id] = profile
    missing = [t for t in INCIDENT_TYPES if t not in profiles]
    if missing:
        raise IncidentTypeError(
            f"{root}: no data file for incident type(s) {', '.join(missing)}; "
            f"expected {', '.join(f'{t}.yaml' for t in missing)}")
    return IncidentTypes(profiles={t: profiles[t] for t in INCIDENT_TYPES}, directory=str(root))


__all__ = [
    "IncidentTypeProfile",
    "IncidentTypes",
    "default_types_dir",
    "load_incident_types",
    "localize",
    "parse_profile",
    "untranslated",
]
