"""Adding an incident type is one data file plus one entry in the IncidentType list.

The test does exactly that in a temporary directory: it copies the `agents` package, adds one line
to the IncidentType Literal, writes one YAML file next to copies of the shipped ones, points
INCIDENT_TYPES_DIR at them and runs the copy in a fresh interpreter: the classifier picks the new
type from its cues, all 13 offline steps answer with its knowledge, and the bot's declare form
offers it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from agents.incident_types import default_types_dir

REPO = Path(__file__).resolve().parents[2]
NEW_TYPE = "ml_model_drift"
NEW_TYPE_FILE = """\
id: ml_model_drift
label: ML model drift
classifier:
  priority: 70
  rules:
  - label: model quality drop
    severity: SEV3
    weight: 4
    terms: [model drift, prediction quality, feature drift, false positive rate]
triage:
  impact: Decisions made by {svc} are wrong more often than usual
  sme_hint: owner of the model and its feature pipeline
mitigate:
  rollback: after_change
  order: [rollback, feature_flag]
  fallbacks:
  - action: Pin {svc} to the last model version that scored well offline
    kind: rollback
    risk: Low; the older model misses recent patterns
  verify:
  - precision and recall of {svc} back within the model's acceptance band
debug:
  symptom: the model behind {svc} makes worse predictions
  investigations:
  - Compare feature distributions of the last day with the training set
fix:
  summary: Retrain the model behind {svc} on recent data and gate releases on offline scores
  changes:
  - Retrain on the last 30 days and compare with the pinned version offline
  strategy: canary
  risk: medium
comms:
  public_symptom: less accurate results
chaos:
  name: Skewed features
  hypothesis: The drift alert fires before precision drops below the acceptance band
  method: Replay a day of traffic with one feature shifted by two standard deviations
degradation: Fall back to rules when the model's confidence is low
"""

SCRIPT = """
import asyncio, json
import agents
from agents import STEP_KEYS, STEPS, OfflineBackend, load_incident_types, run_steps
from agents.classify import classify
from agents.context import IncidentContext
from agents.models import TriageOutput
from agents.prompts import COMMON
from datetime import datetime, timezone
from bot.incident.kinds import IncidentType as BotIncidentType
from bot.ui.blocks import declare_modal

ctx = IncidentContext(incident_id="INC-7", title="Model drift on fraud-api: prediction quality "
                      "dropped", declared_at=datetime(2025, 3, 4, 14, tzinfo=timezone.utc))
results = asyncio.run(run_steps(STEP_KEYS, ctx, OfflineBackend()))
for key, result in results.items():
    STEPS[key].output_model.model_validate(result.output)
schema = TriageOutput.model_json_schema()
print(json.dumps({
    "agents_file": agents.__file__,
    "types": list(load_incident_types()),
    "classified": classify(ctx).incident_type,
    "steps": list(results),
    "step_keys": list(STEP_KEYS),
    "backends": sorted({r.backend for r in results.values()}),
    "outputs": {k: r.output for k, r in results.items()},
    "prompt_lists_it": "ml_model_drift" in COMMON,
    "schema_enum": schema["properties"]["incident_type"]["enum"],
    "bot_type": BotIncidentType("ml_model_drift").label,
    "declare_form_offers_it": "ml_model_drift" in json.dumps(declare_modal(None)),
}))
"""


def _add_enum_entry(package: Path) -> Path:
    """Add the new type to the one IncidentType Literal, wherever in `agents` it lives."""
    marker = "IncidentType = Literal["
    holders = [p for p in package.rglob("*.py") if marker in p.read_text(encoding="utf-8")]
    assert len(holders) == 1, f"expected one IncidentType Literal, found {holders}"
    text = holders[0].read_text(encoding="utf-8")
    holders[0].write_text(text.replace(marker, f'{marker}\n    "{NEW_TYPE}",', 1),
                          encoding="utf-8")
    return holders[0]


def test_a_seventh_type_is_one_data_file_plus_one_enum_entry(tmp_path):
    package = tmp_path / "src" / "agents"
    shutil.copytree(REPO / "agents", package, ignore=shutil.ignore_patterns("__pycache__"))
    _add_enum_entry(package)
    types = tmp_path / "types"
    shutil.copytree(default_types_dir(), types)
    (types / f"{NEW_TYPE}.yaml").write_text(NEW_TYPE_FILE, encoding="utf-8")

    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    env.update(PYTHONPATH=os.pathsep.join([str(tmp_path / "src"), str(REPO)]), INCIDENT_TYPES_DIR=str(types))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)

    assert report["agents_file"].startswith(str(tmp_path))  # the edited copy ran
    assert report["types"][0] == NEW_TYPE and len(report["types"]) == 7
    assert report["classified"] == NEW_TYPE
    assert report["steps"] == report["step_keys"] and len(report["steps"]) == 13
    assert report["backends"] == ["offline"]
    assert report["prompt_lists_it"] and NEW_TYPE in report["schema_enum"]
    # the bot's own type (and so the declare form) follows the one list
    assert report["bot_type"] == "Ml model drift" and report["declare_form_offers_it"]

    out = report["outputs"]
    assert out["triage"]["incident_type"] == NEW_TYPE
    assert "model quality drop (model drift, prediction quality)" in out["triage"]["reason"]
    assert out["triage"]["user_impact"].startswith(
        "Decisions made by fraud-api are wrong more often than usual")
    assert out["mitigate"]["actions"][0]["action"] == (
        "Pin fraud-api to the last model version that scored well offline")
    assert out["debug"]["next_investigations"][0] == (
        "Compare feature distributions of the last day with the training set")
    assert out["fix"]["deployment_strategy"] == "canary"
    assert "investigating less accurate results" in out["comms"]["status_page"]["title"]
    assert out["monitoring"]["chaos_scenarios"][0]["name"] == "Skewed features"
    assert out["hardening"]["graceful_degradation"][0] == (
        "Fall back to rules when the model's confidence is low")


def test_the_new_type_without_its_data_file_stops_start_up_naming_the_file(tmp_path):
    package = tmp_path / "src" / "agents"
    shutil.copytree(REPO / "agents", package, ignore=shutil.ignore_patterns("__pycache__"))
    _add_enum_entry(package)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    env.update(PYTHONPATH=os.pathsep.join([str(tmp_path / "src"), str(REPO)]), INCIDENT_TYPES_DIR=str(default_types_dir()))
    start_up = "from agents import make_backend; make_backend()"
    done = subprocess.run([sys.executable, "-c", start_up], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert f"no data file for incident type(s) {NEW_TYPE}; expected {NEW_TYPE}.yaml" in done.stderr
