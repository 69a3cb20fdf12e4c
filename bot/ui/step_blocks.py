"""Block Kit for agent steps: one message per run (a line per step), a single step's essentials,
and the whole answer in a *Details* view."""

from __future__ import annotations

import re

from agents import StepResult, StepSpec, render_markdown
from agents.render import essentials, humanise
from bot.ui.kit import MAX_MESSAGE_BLOCKS, button, chunk_lines, escape, escape_keeping_mentions, mrkdwn, plain
from i18n import t

ACTION_RUN_STEPS = "run_steps"


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
                "placeholder": plain(t("ui-steps-run-placeholder")),
                "option_groups": [
                    {"label": plain(t("ui-steps-workflow")), "options": [option(t("ui-steps-all", count=str(len(steps))), "all")]
                     + [option(t("ui-steps-phase", phase=str(p)), f"phase {p}") for p in phases]},
                    {"label": plain(t("ui-steps-one-step")), "options": [option(f"{s.number}. {s.title}", s.key) for s in steps]},
                ],
            }
        ],
    }


# --- short answers, details on demand (issue 10 §4) -------------------------------------------

ACTION_STEP_DETAILS = "step_details"  # value "<incident id>|<step key>"
MODAL_BLOCKS = 100  # Slack: a modal holds at most 100 blocks
_STATE_ICON = {"waiting": ":white_circle:", "running": ":hourglass_flowing_sand:",
               "done": ":white_check_mark:", "failed": ":x:"}
_STATE_WORD = {"waiting": "ui-steps-state-waiting", "running": "ui-steps-state-running",
               "done": "ui-steps-state-done", "failed": "ui-steps-state-failed"}


def details_button(incident_id: str, step: str) -> dict:
    return button(t("ui-steps-details"), ACTION_STEP_DETAILS, f"{incident_id}|{step}")


def _origin(result: StepResult) -> str:
    """Where an answer came from, in words (no role, phase or timing: they mean nothing to a responder)."""
    if result.fallback_reason:
        return t("ui-steps-origin-fallback")
    if result.backend == "claude":
        return t("ui-steps-origin-claude-model", model=result.model) if result.model else t("ui-steps-origin-claude")
    return t("ui-steps-origin-builtin")


def run_progress(incident_id: str, title: str, rows: list[tuple[StepSpec, str, str]]) -> list[dict]:
    """One message for a whole run, edited as steps finish: one line per step (its state and,
    once done, its headline) with a *Details* button for the full answer."""
    done = sum(1 for _, state, _ in rows if state == "done")
    blocks: list[dict] = [{"type": "section", "text": mrkdwn(f"*{title}* · " + t("ui-steps-done-count", done=str(done), total=str(len(rows))))}]
    for spec, state, line in rows:
        section: dict = {"type": "section", "text": mrkdwn(f"{_STATE_ICON.get(state, '')} *{spec.number}. {spec.title}* · {escape(line)}")}
        if state == "done":
            section["accessory"] = details_button(incident_id, spec.key)
        blocks.append(section)
    return blocks[:MAX_MESSAGE_BLOCKS]


def step_answer(incident_id: str, spec: StepSpec, result: StepResult | None, state: str) -> list[dict]:
    """A single step's message: its state while it runs, then the headline and the essentials
    (at most ~1,200 characters) with a *Details* button for the rest."""
    title = f"*{spec.number}. {spec.title}*"
    if result is None:
        return [{"type": "section", "text": mrkdwn(f"{_STATE_ICON.get(state, '')} {title} · {t(_STATE_WORD[state]) if state in _STATE_WORD else state}")}]
    return [
        {"type": "section", "text": mrkdwn(f"{title}\n{markdown_to_mrkdwn(essentials(result))}")},
        {"type": "context", "elements": [mrkdwn(_origin(result))]},
        {"type": "actions", "elements": [details_button(incident_id, spec.key)]},
    ]


def details_modal(spec: StepSpec, result: StepResult) -> dict:
    """The whole answer of one step, on demand, in a modal nobody else sees."""
    body = humanise(markdown_to_mrkdwn(render_markdown(result)))
    sections = [{"type": "section", "text": mrkdwn(chunk)} for chunk in chunk_lines(body.splitlines())]
    if len(sections) > MODAL_BLOCKS:
        sections = sections[: MODAL_BLOCKS - 1] + [
            {"type": "context", "elements": [mrkdwn(t("ui-steps-answer-cut"))]}
        ]
    return {
        "type": "modal",
        "title": plain(f"{spec.number}. {spec.title}", 24),
        "close": plain(t("ui-steps-close"), 24),
        "blocks": sections,
    }
