"""Markdown rendering and the `agent` command line."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from agents import STEP_KEYS, OfflineBackend, render_markdown, run_step, run_steps
from agents.cli import context_from_text, main
from tests.agents.conftest import bare_incident, checkout_incident

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results() -> dict:
    return asyncio.run(run_steps(STEP_KEYS, checkout_incident(), OfflineBackend()))


@pytest.mark.parametrize("key", STEP_KEYS)
def test_every_step_renders_readable_markdown(key, results):
    text = render_markdown(results[key])
    lines = text.splitlines()
    assert lines[0].startswith("# ") and results[key].title in lines[0]
    assert f"**{results[key].summary}**" in text
    assert lines[2].startswith("_Built-in answer (no AI model) in ")  # where from, in words
    assert text.count("\n## ") >= 2
    assert "{'" not in text and "[{" not in text  # no raw Python or JSON dumps
    if results[key].sources:
        assert "## Sources" in text and results[key].sources[0] in text


def test_triage_markdown_leads_with_severity_and_type(results):
    text = render_markdown(results["triage"])
    assert "**Severity:** SEV2 · **Incident type:** service outage" in text
    assert "## Command assignments" in text and "**incident_commander** — Mei" in text


def test_postmortem_markdown_lists_timeline_and_action_items(results):
    text = render_markdown(results["postmortem"])
    assert "## Timeline" in text and "Rolled back checkout-api to v2.3.0" in text
    assert "## Action items" in text and "type: prevent" in text


async def test_fallback_and_missing_inputs_are_shown_in_the_header(offline):
    result = await run_step("debug", bare_incident("結帳 API 回傳 500 錯誤"), offline)
    result = result.model_copy(update={"fallback_reason": "Claude API overloaded (529)"})
    header = render_markdown(result).splitlines()[2]
    assert "Claude was unavailable (Claude API overloaded (529)); built-in answer" in header
    assert ("without the answers of: detect and classify, observability scan, initial mitigation"
            in header)


def test_cli_triage_json_has_severity_and_type_at_the_top(capsys):
    assert main(["triage", "--text", "Leaked AWS key on GitHub", "--json"],
                backend=OfflineBackend()) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["severity"] == "SEV1" and out["incident_type"] == "security_incident"
    assert "credential leak" in out["reason"]


def test_cli_accepts_the_agent_word_and_prints_markdown(capsys):
    assert main(["agent", "triage", "--text", "Database disk full on orders-db"],
                backend=OfflineBackend()) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 1. Detect and classify") and "runbooks/disk-full.md" in out


def test_cli_unknown_step_lists_the_valid_ones(capsys):
    assert main(["rca", "--text", "x"], backend=OfflineBackend()) == 2
    err = capsys.readouterr().err
    assert "unknown step 'rca'" in err and "triage, observe, mitigate" in err


def test_cli_needs_text_or_incident(capsys):
    assert main(["triage"], backend=OfflineBackend()) == 2
    assert "one of the arguments --text --incident is required" in capsys.readouterr().err


def test_cli_reads_an_exported_incident_and_runs_dependencies(tmp_path, capsys):
    file = tmp_path / "inc.json"
    file.write_text(checkout_incident().model_dump_json(), encoding="utf-8")
    assert main(["debug", "--incident", str(file), "--with-deps", "--json"],
                backend=OfflineBackend()) == 0
    out = json.loads(capsys.readouterr().out)
    assert any("observe anomaly: http_5xx_ratio" in e for e in out["evidence_used"])


def test_cli_reports_a_bad_incident_file(tmp_path, capsys):
    file = tmp_path / "bad.json"
    file.write_text('{"title": "no id"}', encoding="utf-8")
    assert main(["triage", "--incident", str(file)], backend=OfflineBackend()) == 1
    assert "is not an exported incident" in capsys.readouterr().err
    assert main(["triage", "--incident", str(tmp_path / "none.json")],
                backend=OfflineBackend()) == 1
    assert "cannot read incident file" in capsys.readouterr().err


def test_context_from_text_uses_the_first_line_as_title():
    ctx = context_from_text("Checkout down\nsince 10:00, all regions")
    assert ctx.title == "Checkout down" and "all regions" in ctx.description


async def test_cli_uses_claude_when_the_api_key_is_set(api, tmp_path):
    """End to end: a real process, configured only through the environment."""
    triage = await run_step("triage", bare_incident("Stripe API timeouts"), OfflineBackend())
    api.reply_json(dict(triage.output, reason="CLAUDE SAYS: Stripe is timing out"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    env.update(ANTHROPIC_API_KEY="sk-ant-cli-test-000000000", ANTHROPIC_BASE_URL=api.base_url,
               ANTHROPIC_MODEL="claude-haiku-4-5")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agents", "triage", "--text", "Stripe API timeouts", "--json",
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, err.decode()
    assert json.loads(out)["reason"] == "CLAUDE SAYS: Stripe is timing out"
    assert api.requests[0].body["model"] == "claude-haiku-4-5"
