"""Severity and incident type of a declaration text, each with its reason in words.

    >>> triage("Memcache unavailable for applications in all regions").severity_reason
    'SEV1: all regions, fully unavailable, …'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from agents.incident_types import load_incident_types
from agents.triage.features import Features, describe, extract
from agents.triage.model import TriageModel, is_named



@dataclass(frozen=True)
class TriageVerdict:
    severity: str
    incident_type: str
    severity_reason: str  # "SEV1: all regions, 91% affected"
    type_reason: str  # "infrastructure failure: “region”, “unreachable”"
    severity_confidence: str  # high | medium | low
    type_confidence: str
    severity_evidence: bool  # whether any cue or telling word backs the severity
    type_evidence: bool

    @property
    def reason(self) -> str:
        return f"{self.severity_reason}; {self.type_reason}"


@lru_cache(maxsize=1)
def model() -> TriageModel:
    return TriageModel.load()


def _confidence(probability: float) -> str:
    return "high" if probability >= 0.7 else "medium" if probability >= 0.45 else "low"


# Words too common to explain anything; the model may lean on them, a reason does not show them.
_QUIET = frozenset("""
a an the and or of to in on at for from by with is are was were be been has have had it its this
that as our we us your their some all any no not but may can cannot s""".split())


def _tellable(name: str) -> bool:
    body = name.split(":", 1)[1]
    if name.startswith("c:"):
        return len(body) >= 2
    words = body.split()
    return any(w not in _QUIET and len(w) > 2 for w in words)


def _because(pulls: list[tuple[str, float]], features: Features, limit: int = 3) -> list[str]:
    """The strongest reasons in words: named cues first, then the words the model leaned on."""
    named = [describe(name, features) for name, _ in pulls if is_named(name)]
    grams = [describe(name, features) for name, _ in pulls
             if not is_named(name) and _tellable(name)]
    chosen: list[str] = []
    for words in named + grams:
        bare = words.strip("“”")
        if not any(bare in already for already in chosen):
            chosen.append(words)
        if len(chosen) == limit:
            break
    return chosen


def _said(words: list[str]) -> str:
    return ", ".join(words) if words else "no telling words"


_FAILING = ("cue:server_errors", "cue:fully_down", "cue:outage_words")
_CONTAINED = ("cue:internal", "cue:nonprod", "cue:no_customer_impact", "cue:management_only")


def _magnitude_floor(severity: str, features: Features) -> tuple[str, str | None]:
    """A rule the model's few examples cannot learn well: half or more failing is SEV1.

    Only for a share of users or requests (not a resource gauge), with a failure word, and not
    when the text says the impact is internal, non-production or management only.
    """
    if severity == "SEV1" or "share_50_up" not in features.values:
        return severity, None
    if not any(c in features.values for c in _FAILING):
        return severity, None
    if any(c in features.values for c in _CONTAINED):
        return severity, None
    return "SEV1", f"{features.words['share_50_up']} and failing"


def triage(text: str) -> TriageVerdict:
    """Classify one declaration text (title, description, alert names and summaries)."""
    features = extract(text)
    trained = model()
    severity, sev_p, sev_pulls = trained.severity.predict(features)
    itype, type_p, type_pulls = trained.incident_type.predict(features)
    sev_words = _because(sev_pulls, features)
    severity, floor = _magnitude_floor(severity, features)
    if floor:
        sev_words = [floor] + [w for w in sev_words if w != features.words["share_50_up"]][:2]
    type_words = _because(type_pulls, features)
    return TriageVerdict(
        severity=severity,
        incident_type=itype,
        severity_reason=f"{severity}: {_said(sev_words)}",
        type_reason=f"{load_incident_types()[itype].label.lower()}: {_said(type_words)}",
        severity_confidence=_confidence(float(sev_p.max())) if sev_words else "low",
        type_confidence=_confidence(float(type_p.max())) if type_words else "low",
        severity_evidence=bool(sev_words),
        type_evidence=bool(type_words),
    )
