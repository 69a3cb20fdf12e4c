"""Incident type knowledge is data: one YAML file per type, validated at start-up, used by all
13 offline steps and by the classifier."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest

from agents import (
    STEP_KEYS,
    STEPS,
    IncidentTypeError,
    OfflineBackend,
    load_incident_types,
    make_backend,
    run_steps,
)
from agents.classify import classify, classify_by_rules
from agents.incident_types import default_types_dir
from agents.models import (
    CommsOutput,
    DebugOutput,
    FixOutput,
    HardeningOutput,
    MitigateOutput,
    MonitoringOutput,
    TriageOutput,
)
from tests.agents.conftest import bare_incident

INCIDENT_TYPES = tuple(load_incident_types())
AGENTS_DIR = Path(__file__).resolve().parents[2] / "agents"


def test_every_listed_type_has_exactly_one_valid_data_file():
    from agents.models import INCIDENT_TYPES as LISTED

    types = load_incident_types()
    assert tuple(types) == LISTED
    files = sorted(p.stem for p in default_types_dir().glob("*.yaml"))
    assert files == sorted(LISTED)
    assert all(types[t].id == t for t in LISTED)


def test_no_agent_code_names_an_incident_type_outside_the_type_list():
    """The guard that keeps knowledge in the data files: no dict or branch keyed by a type."""
    pattern = re.compile("|".join(re.escape(f'"{t}"') for t in INCIDENT_TYPES))
    offenders = []
    for path in sorted(AGENTS_DIR.rglob("*.py")):
        if path.name == "models.py" and path.parent == AGENTS_DIR:
            continue  # the IncidentType list itself
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and "DEFAULT_TYPE =" not in line:
                offenders.append(f"{path.relative_to(AGENTS_DIR.parent)}:{number}: {line.strip()}")
    assert offenders == []


# --- every type through every step ------------------------------------------------------------


def _incident_of(itype: str):
    """A declared incident of `itype`, worded with the type's own first classifier cue."""
    cue = load_incident_types()[itype].classifier.rules[0].terms[0]
    return bare_incident(f"checkout-api: {cue}", incident_type=itype, severity="SEV2",
                         services=["checkout-api"])


@pytest.fixture(scope="module")
def runs() -> dict[str, dict]:
    backend = OfflineBackend()
    return {t: asyncio.run(run_steps(STEP_KEYS, _incident_of(t), backend))
            for t in INCIDENT_TYPES}


@pytest.mark.parametrize("itype", INCIDENT_TYPES)
def test_every_type_runs_through_every_step_with_its_own_knowledge(itype, runs):
    profile = load_incident_types()[itype]
    results = runs[itype]
    assert list(results) == list(STEP_KEYS)
    for key, result in results.items():
        STEPS[key].output_model.model_validate(result.output)
        assert result.backend == "offline" and result.missing_inputs == [], key

    triage = TriageOutput.model_validate(results["triage"].output)
    assert triage.incident_type == itype
    svc, deps = "checkout-api", ", ".join(triage.dependencies)
    sme = next(a for a in triage.command_assignments if a.role == "sme")
    assert sme.note == f"suggested: {profile.triage.sme_hint}"
    assert triage.user_impact.startswith(
        profile.triage.impact.format(svc=svc, deps=deps or "an external provider"))

    mitigate = MitigateOutput.model_validate(results["mitigate"].output)
    expected_verify = [v.format(svc=svc, deps=deps or "the provider")
                       for v in profile.mitigate.verify]
    assert mitigate.verify_with[:len(expected_verify)] == expected_verify

    debug = DebugOutput.model_validate(results["debug"].output)
    symptom = profile.debug.symptom.format(svc=svc, deps=deps or "a provider")
    assert debug.five_whys[0].answer == f"Because {symptom} (SEV2)."
    assert debug.next_investigations[:len(profile.debug.investigations)] == \
        profile.debug.investigations

    fix = FixOutput.model_validate(results["fix"].output)
    assert fix.deployment_strategy == profile.fix.strategy
    assert fix.fix_summary == profile.fix.summary.format(svc=svc, deps=deps or "the provider")

    comms = CommsOutput.model_validate(results["comms"].output)
    assert f"investigating {profile.comms.public_symptom}" in comms.status_page.title
    assert comms.status_page.title.startswith("[Internal only") == profile.security
    for point in profile.comms.talking_points:
        assert point in comms.support_brief.talking_points

    monitoring = MonitoringOutput.model_validate(results["monitoring"].output)
    assert monitoring.chaos_scenarios[0].name == profile.chaos.name
    hardening = HardeningOutput.model_validate(results["hardening"].output)
    assert hardening.graceful_degradation[0] == profile.degradation


@pytest.mark.parametrize("itype", INCIDENT_TYPES)
def test_each_classifier_rule_of_a_type_points_to_that_type(itype):
    # The data files' cues: what finds a type the triage model was not trained on.
    for rule in load_incident_types()[itype].classifier.rules:
        for term in rule.terms[:3]:
            verdict = classify_by_rules(bare_incident(term))
            assert verdict.incident_type == itype, (rule.label, term, verdict.reason)
            if rule.cosmetic:
                assert verdict.severity == "SEV4", verdict.reason


# --- a bad data file stops start-up, naming the file and the field ----------------------------


@pytest.fixture
def types_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "types"
    shutil.copytree(default_types_dir(), folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("service_outage",
     "  sme_hint: owner of the failing service and the author of the last change\n", "",
     "field triage.sme_hint: Field required"),
    ("data_integrity", "    kind: feature_flag\n", "    kind: teleport\n",
     "field mitigate.fallbacks.0.kind: Input should be"),
    ("performance_degradation", "impact: '{svc} responds", "impact: '{service} responds",
     "field triage.impact: Value error, unknown placeholder {service}"),
    ("third_party_outage", "  public_symptom:", "  public_symtom: typo\n  public_symptom:",
     "field comms.public_symtom: Extra inputs are not permitted"),
    ("infrastructure_failure", "    severity: SEV3\n", "    severity: SEV5\n",
     "field classifier.rules.0.severity: Input should be 'SEV1', 'SEV2', 'SEV3' or 'SEV4'"),
    ("security_incident", "  strategy: manual\n", "  strategy: manual\n  risk: [",
     "not valid YAML"),
    ("service_outage", "id: service_outage\n", "id: service_outages\n",
     "field id: Value error, 'service_outages' is not in the IncidentType list"),
])
def test_a_bad_type_file_is_refused_with_its_file_and_field(types_dir, file, old, new, expected):
    path = types_dir / f"{file}.yaml"
    _edit(path, old, new)
    with pytest.raises(IncidentTypeError) as caught:
        load_incident_types(types_dir)
    message = str(caught.value)
    assert message.startswith(f"{path}:"), message
    assert expected in message, message


def test_a_file_whose_id_differs_from_its_name_is_refused(types_dir):
    (types_dir / "service_outage.yaml").rename(types_dir / "outage.yaml")
    with pytest.raises(IncidentTypeError, match=r"outage\.yaml: field id: 'service_outage' must "
                                                r"match the file name \('outage'\)"):
        load_incident_types(types_dir)


def test_a_listed_type_without_a_file_is_refused_naming_the_file_to_write(types_dir):
    (types_dir / "data_integrity.yaml").unlink()
    with pytest.raises(IncidentTypeError, match=r"no data file for incident type\(s\) "
                                                r"data_integrity; expected data_integrity\.yaml"):
        load_incident_types(types_dir)


def test_the_bots_start_up_path_refuses_a_bad_types_folder(types_dir, monkeypatch):
    """The bot builds its backend with make_backend() when it starts (serve, drill)."""
    _edit(types_dir / "service_outage.yaml", "  strategy: canary\n", "  strategy: yolo\n")
    monkeypatch.setenv("INCIDENT_TYPES_DIR", str(types_dir))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(IncidentTypeError, match=r"service_outage\.yaml: field fix\.strategy"):
        make_backend()
    monkeypatch.setenv("INCIDENT_TYPES_DIR", "")
    assert isinstance(make_backend(), OfflineBackend)
