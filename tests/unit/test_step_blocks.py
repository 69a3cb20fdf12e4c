"""Agent step results in Slack: mrkdwn conversion, the run message, the details view, limits."""

from datetime import datetime, timezone

from agents import STEPS, StepResult, TokenUsage, get_step
from slack_standin import validate_message_blocks, validate_view
from bot.ui import blocks
from bot.ui.step_blocks import details_modal, markdown_to_mrkdwn, run_progress, run_steps_select, step_answer
from tests.unit.test_blocks import _incident

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _result(**changes) -> StepResult:
    values = dict(step="triage", title="Detect and classify", output={}, summary="SEV1 service outage",
                  backend="claude", model="claude-sonnet-4-6", duration_ms=2300, started_at=NOW, finished_at=NOW,
                  tokens=TokenUsage(input_tokens=1200, output_tokens=300, cache_read_input_tokens=1000))
    values.update(changes)
    return StepResult(**values)


def test_markdown_headings_bold_and_lists_become_mrkdwn():
    converted = markdown_to_mrkdwn("# 1. Triage\n**SEV1**\n## Findings\n- **db** — slow\n  * nested")
    assert converted == "*1. Triage*\n*SEV1*\n*Findings*\n• *db* — slow\n  • nested"


def test_the_run_message_has_a_line_and_a_details_button_per_finished_step():
    rows = [(get_step("triage"), "done", "SEV1 service outage on checkout-api (high confidence)"),
            (get_step("observe"), "running", "running"),
            (get_step("mitigate"), "waiting", "waits for observability scan")]
    shown = run_progress("INC-1", "AI agent steps", rows)
    assert "1 of 3 done" in shown[0]["text"]["text"]
    assert shown[1]["accessory"]["value"] == "INC-1|triage" and "accessory" not in shown[2]
    assert validate_message_blocks(shown) == []


def test_a_single_answer_says_where_it_came_from_without_internals():
    shown = str(step_answer("INC-1", get_step("triage"), _result(output=_TRIAGE), "done"))
    assert "Answered by Claude (claude-sonnet-4-6)" in shown and "2.3s" not in shown and "phase" not in shown
    fell_back = str(step_answer("INC-1", get_step("triage"),
                                _result(backend="offline", fallback_reason="429 rate limited", output=_TRIAGE), "done"))
    assert "Claude was unavailable" in fell_back and "429 rate limited" in fell_back
    assert validate_message_blocks(step_answer("INC-1", get_step("triage"), _result(output=_TRIAGE), "done")) == []


def test_the_details_view_holds_a_long_answer_within_slacks_limits():
    findings = [{"summary": f"finding {n}: " + "x" * 400, "source": "text"} for n in range(1000)]
    view = details_modal(get_step("observe"), _result(step="observe", title="Observability scan",
                                                      output={"findings": findings}))
    assert len(view["blocks"]) <= 100 and "rest is cut" in str(view["blocks"][-1])
    assert validate_view(view) == []


_TRIAGE = {"severity": "SEV1", "incident_type": "service_outage", "confidence": "high", "reason": "x",
           "severity_source": "declared", "user_impact": "Checkout fails", "business_risk": "revenue",
           "slo_status": {"status": "unknown", "detail": "none", "error_budget": "unknown"},
           "affected_services": [{"name": "checkout-api", "evidence": "title"}],
           "command_assignments": [{"role": "incident_commander", "status": "assigned", "assignee": "alice"}]}


def test_the_card_offers_every_step_phase_and_all():
    select = run_steps_select(list(STEPS.values()))
    values = [o["value"] for g in select["elements"][0]["option_groups"] for o in g["options"]]
    assert values[0] == "all" and "phase 5" in values and "hardening" in values and len(values) == 1 + 5 + 13
    assert validate_message_blocks(blocks.incident_card(_incident(), NOW)) == []


def test_model_text_is_escaped_but_names_people_with_mentions():
    from bot.ui.step_blocks import markdown_to_mrkdwn

    shown = markdown_to_mrkdwn("- IC: <@U0ALICE>\n- ping <!channel> at <https://evil.example|login> & rollback <svc>")
    assert "<@U0ALICE>" in shown
    assert "<!channel>" not in shown and "<https://evil" not in shown
    assert "&lt;!channel&gt;" in shown and "&amp; rollback &lt;svc&gt;" in shown
