"""Agent step results in Slack: mrkdwn conversion, splitting, limits."""

from datetime import datetime, timezone

from agents import STEPS, StepResult, TokenUsage, get_step
from slack_standin import validate_message_blocks
from bot.ui import blocks
from bot.ui.step_blocks import markdown_to_mrkdwn, result_messages, run_steps_select, step_header
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


def test_header_names_the_step_backend_duration_and_tokens():
    header = step_header(get_step("triage"), "done", _result())
    shown = str(header)
    assert "1. Detect and classify" in shown and "claude (claude-sonnet-4-6)" in shown and "2.3s" in shown
    assert "1200 in / 300 out tokens, 1000 from cache" in shown
    assert validate_message_blocks(header) == []


def test_header_says_when_claude_fell_back():
    shown = str(step_header(get_step("triage"), "done", _result(backend="offline", fallback_reason="429 rate limited")))
    assert "offline answer: 429 rate limited" in shown


def test_short_results_are_inline_long_ones_come_as_a_file():
    messages, needs_file = result_messages("## A\n" + "line\n" * 100)
    assert len(messages) == 1 and not needs_file
    long_lines = "\n".join(f"- finding {n}: " + "x" * 400 for n in range(300))
    messages, needs_file = result_messages(long_lines)
    assert needs_file and len(messages) == 1
    for message in messages:
        assert validate_message_blocks(message) == []


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
