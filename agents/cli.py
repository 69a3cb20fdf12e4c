"""`agent <step> (--text TEXT | --incident FILE) [--json] [--with-deps]`.

The bot's CLI calls `main(argv)` for its `agent` subcommand; `python -m agents` works too.
Claude is used when ANTHROPIC_API_KEY is set (ANTHROPIC_BASE_URL, ANTHROPIC_MODEL optional),
otherwise the offline engine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from agents.backend import make_backend
from agents.backend_protocol import Backend
from agents.context import MAX_TITLE, IncidentContext
from agents.errors import IncidentFileError, UnknownStepError
from agents.render import render_markdown
from agents.runner import run_steps
from agents.steps import STEP_KEYS, get_step


def context_from_text(text: str, *, now: datetime | None = None) -> IncidentContext:
    """A fresh incident declared with `text` (first line as the title)."""
    text = text.strip()
    title = text.splitlines()[0][:MAX_TITLE] if text else "Untitled incident"
    return IncidentContext(
        incident_id="INC-CLI", title=title, description=text if text != title else "",
        declared_at=now or datetime.now(UTC),
    )


def load_incident(path: str | Path) -> IncidentContext:
    """An exported IncidentContext JSON file; IncidentFileError says what is wrong with it."""
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise IncidentFileError(f"cannot read incident file {file}: {exc.strerror}") from exc
    try:
        return IncidentContext.model_validate_json(raw)
    except ValidationError as exc:
        raise IncidentFileError(f"{file} is not an exported incident: {exc}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent", description="Run one incident-response agent step.",
        epilog="steps: " + ", ".join(STEP_KEYS))
    parser.add_argument("step", help="step key, e.g. triage")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="declare a fresh incident with this text")
    source.add_argument("--incident", help="exported IncidentContext JSON file")
    parser.add_argument("--json", action="store_true",
                        help="print the step's structured output as JSON")
    parser.add_argument("--with-deps", action="store_true",
                        help="run the earlier steps this step needs first")
    return parser


def main(argv: list[str] | None = None, *, backend: Backend | None = None) -> int:
    """Exit 0 on success, 2 on a usage error (unknown step, bad arguments), 1 on a bad file."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["agent"]:
        args_list = args_list[1:]
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        get_step(args.step)
    except UnknownStepError as exc:
        print(f"agent: {exc}", file=sys.stderr)
        return 2
    try:
        context = load_incident(args.incident) if args.incident else context_from_text(args.text)
    except IncidentFileError as exc:
        print(f"agent: {exc}", file=sys.stderr)
        return 1
    backend = backend or make_backend()
    results = asyncio.run(run_steps([args.step], context, backend, with_deps=args.with_deps))
    result = results[args.step]
    if args.json:
        print(json.dumps(result.output, ensure_ascii=False, indent=2))
    else:
        if args.with_deps:
            for key, earlier in results.items():
                if key != args.step:
                    print(f"({key}: {earlier.summary})")
        print(render_markdown(result))
    if result.fallback_reason:
        print(f"agent: Claude unavailable, offline answer used: {result.fallback_reason}",
              file=sys.stderr)
    return 0
