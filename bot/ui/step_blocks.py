"""Block Kit for agent steps: the per-step header in the war room and the result in its thread."""

from __future__ import annotations

import re

from agents import StepResult, StepSpec
from bot.ui.kit import chunk_lines, escape, escape_keeping_mentions, mrkdwn, plain

ACTION_RUN_STEPS = "run_steps"
# Thread messages stay readable (and under Slack's cap on a message's total block text):
# at most 5 sections each, at most 2 inline; a longer result shows its start and comes whole
# as a Markdown file.
SECTIONS_PER_MESSAGE = 5
MAX_RESULT_MESSAGES = 2


def markdown_to_mrkdwn(markdown: str) -> str:
    """The agents' Markdown in Slack's mrkdwn: headings and **bold** become *bold*, - lists •.
    Escaped first (model text never pings a channel or hides a link); a person's `<@U…>` (the
    roles the result names) still mentions them."""
    lines = []
    for line in escape_keeping_mentions(markdown).splitlines():
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            line = f"*{heading.group(1).strip()}*"
        else:
            line = re.sub(r"^(\s*)[-*]\s+", r"\1• ", line)
            line = re.sub(r"\*\*(.+?)\*\*", r"*\1*", line)
        lines.append(line)
    return "\n".join(lines)


def _usage(result: StepResult) -> str:
    took = f"{result.duration_ms:.0f} ms" if result.duration_ms < 1000 else f"{result.duration_ms / 1000:.1f}s"
    parts = [result.backend + (f" ({result.model})" if result.model else ""), took]
    if result.tokens:
        t = result.tokens
        parts.append(
            f"{t.input_tokens} in / {t.output_tokens} out tokens"
            + (f", {t.cache_read_input_tokens} from cache" if t.cache_read_input_tokens else "")
        )
    return " · ".join(parts)


def step_header(spec: StepSpec, state: str, result: StepResult | None = None) -> list[dict]:
    """The message a step's thread hangs from: what runs, then its summary once done."""
    title = f"*{spec.number}. {spec.title}* · _{spec.role}_ · phase {spec.phase}"
    if result is None:
        body = f":hourglass_flowing_sand: {state}"
        context = "The result will appear in this thread."
    else:
        body = f":robot_face: {escape(result.summary)}"
        context = _usage(result)
        if result.fallback_reason:
            context += f" · :warning: Claude unavailable, offline answer: {escape(result.fallback_reason)}"
        if result.missing_inputs:
            context += f" · ran without: {escape(', '.join(result.missing_inputs))}"
    return [
        {"type": "section", "text": mrkdwn(f"{title}\n{body}")},
        {"type": "context", "elements": [mrkdwn(context[:3000])]},
    ]


def result_messages(markdown: str) -> tuple[list[list[dict]], bool]:
    """Thread messages (each within Slack's 50-block limit) and whether the whole result
    needs a file because it is longer than MAX_RESULT_MESSAGES messages."""
    sections = [{"type": "section", "text": mrkdwn(chunk)} for chunk in chunk_lines(markdown_to_mrkdwn(markdown).splitlines())]
    messages = [sections[i : i + SECTIONS_PER_MESSAGE] for i in range(0, len(sections), SECTIONS_PER_MESSAGE)]
    if len(messages) <= MAX_RESULT_MESSAGES:
        return messages, False
    return messages[:1], True


def run_steps_select(steps: list[StepSpec]) -> dict:
    """The card's control to start agent steps: everything, a phase, or one step."""
    def option(label: str, value: str) -> dict:
        return {"text": plain(label[:75]), "value": value}

    phases = sorted({s.phase for s in steps})
    return {
        "type": "actions",
        "block_id": "agents",
        "elements": [
            {
                "type": "static_select",
                "action_id": ACTION_RUN_STEPS,
                "placeholder": plain("Run AI agent steps…"),
                "option_groups": [
                    {"label": plain("Workflow"), "options": [option("All 13 steps (in dependency order)", "all")]
                     + [option(f"Phase {p}", f"phase {p}") for p in phases]},
                    {"label": plain("One step"), "options": [option(f"{s.number}. {s.title}", s.key) for s in steps]},
                ],
            }
        ],
    }

