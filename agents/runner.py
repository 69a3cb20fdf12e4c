"""Run steps: one (`run_step`) or a set as a DAG (`run_steps`), independent ones concurrently.

A step in a run waits for the steps it needs that are in the same run (directly, or through
needed steps that are not in the run), and sees their results in its context, together with the
results the context already had. Steps that do not depend on each other run concurrently.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime

from agents.backend_protocol import Backend
from agents.context import IncidentContext
from agents.errors import StepFailedError
from agents.evidence_guard import guard
from agents.redact import redact
from agents.render import output_headline
from agents.result import StepResult
from agents.steps import STEP_KEYS, STEPS, ancestors, get_step
from i18n import reading_in

log = logging.getLogger(__name__)

OnResult = Callable[[StepResult], Awaitable[None]]
SUMMARY_LIMIT = 300


async def run_step(step_key: str, context: IncidentContext, backend: Backend) -> StepResult:
    """Run one step with whatever the context already knows; UnknownStepError for a bad key."""
    spec = get_step(step_key)
    started_at = datetime.now(UTC)
    start = time.perf_counter()
    answer = await backend.answer(spec, context)
    # evidence or silence, whichever backend answered: unfounded claims become what is missing
    output, unfounded = guard(spec.key, answer.output, context)
    if unfounded:
        log.info("agent step claims dropped incident=%s step=%s backend=%s kinds=%s",
                 context.incident_id, step_key, answer.backend, ",".join(unfounded))
    duration_ms = (time.perf_counter() - start) * 1000
    finished_at = datetime.now(UTC)
    summary = redact(output.headline())
    if context.locale != "en":  # the models' one-liners are English; the render's are in every locale
        with reading_in(context.locale):
            summary = redact(output_headline(spec.key, output.model_dump(mode="json"), summary))
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 1] + "…"
    log.info("agent step done incident=%s step=%s backend=%s duration_ms=%.1f fallback=%s",
             context.incident_id, step_key, answer.backend, duration_ms,
             answer.fallback_reason or "-")
    return StepResult(
        step=spec.key,
        title=spec.title,
        output=output.model_dump(mode="json"),
        summary=summary,
        backend=answer.backend,
        model=answer.model,
        fallback_reason=answer.fallback_reason,
        duration_ms=round(duration_ms, 3),
        started_at=started_at,
        finished_at=finished_at,
        tokens=answer.tokens,
        sources=list(dict.fromkeys(answer.sources)),
        attempts=answer.attempts,
        missing_inputs=[need for need in spec.needs if need not in context.step_results],
        unfounded_claims=unfounded,
    )


def select_steps(
    step_keys: Iterable[str], *, with_deps: bool = False, done: Iterable[str] = ()
) -> list[str]:
    """The steps a run will execute, in workflow order.

    With `with_deps`, every step a requested step needs (transitively) is added unless its
    result is already in `done` (the keys of `context.step_results`).
    """
    wanted = {get_step(key).key for key in step_keys}
    if with_deps:
        finished = set(done)
        for key in list(wanted):
            wanted |= {a for a in ancestors(key) if a not in finished}
    return [key for key in STEP_KEYS if key in wanted]


def run_dependencies(key: str, selected: Iterable[str]) -> list[str]:
    """The steps of `selected` that `key` waits for: its needs, looking through needs that are
    not selected to theirs (debug waits for triage when observe and mitigate are not run)."""
    chosen = set(selected)
    found: list[str] = []
    stack = list(STEPS[key].needs)
    seen: set[str] = set()
    while stack:
        need = stack.pop()
        if need in seen:
            continue
        seen.add(need)
        if need in chosen:
            found.append(need)
        else:
            stack.extend(STEPS[need].needs)
    return [k for k in STEP_KEYS if k in found]


def plan(step_keys: Iterable[str], *, with_deps: bool = False,
         done: Iterable[str] = ()) -> list[list[str]]:
    """The run as levels: every step of a level only needs steps of earlier levels."""
    selected = select_steps(step_keys, with_deps=with_deps, done=done)
    level: dict[str, int] = {}
    for key in selected:  # workflow order is a topological order
        deps = run_dependencies(key, selected)
        level[key] = 1 + max((level[d] for d in deps), default=-1)
    levels: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for key in selected:
        levels[level[key]].append(key)
    return levels


async def run_steps(
    step_keys: Iterable[str],
    context: IncidentContext,
    backend: Backend,
    on_result: OnResult | None = None,
    *,
    with_deps: bool = False,
) -> dict[str, StepResult]:
    """Run `step_keys` as a DAG and return their results by key (in workflow order).

    Each step starts as soon as the steps it waits for have finished, with their results (and
    their ancestors' in this run) added to its context. `on_result` is awaited for every result
    as it lands, after dependents have been released. If a step (or `on_result`) raises, the
    remaining steps are cancelled and StepFailedError names the step.
    """
    selected = select_steps(step_keys, with_deps=with_deps, done=context.step_results)
    waits = {key: run_dependencies(key, selected) for key in selected}
    landed: dict[str, asyncio.Future[StepResult]] = {
        key: asyncio.get_running_loop().create_future() for key in selected
    }
    results: dict[str, StepResult] = {}

    def lineage(key: str) -> set[str]:
        found: set[str] = set()
        stack = list(waits[key])
        while stack:
            dep = stack.pop()
            if dep not in found:
                found.add(dep)
                stack.extend(waits[dep])
        return found

    async def one(key: str) -> None:
        try:
            for dep in waits[key]:
                await landed[dep]
            earlier = {dep: results[dep] for dep in lineage(key)}
            result = await run_step(key, context.with_results(earlier), backend)
        except asyncio.CancelledError:
            raise
        except StepFailedError:
            raise
        except Exception as exc:
            raise StepFailedError(key, exc) from exc
        results[key] = result
        landed[key].set_result(result)
        if on_result is not None:
            try:
                await on_result(result)
            except Exception as exc:
                raise StepFailedError(key, exc) from exc

    tasks = [asyncio.create_task(one(key), name=f"agent-step-{key}") for key in selected]
    try:
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        failed = [t for t in tasks if t.done() and not t.cancelled() and t.exception()]
        if failed:
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            raise failed[0].exception()  # type: ignore[misc]
    finally:
        for future in landed.values():
            if not future.done():
                future.cancel()
        for task in tasks:
            if not task.done():
                task.cancel()
    return {key: results[key] for key in selected}
