"""Agent steps as arq jobs: queued in Redis, run by any worker (embedded in `serve`, or
`incident-commander worker` processes), re-run after a worker dies mid-job."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import arq.worker
from arq.connections import ArqRedis
from arq.worker import Worker, func

from agents import Backend
from bot.flows.agent_steps import run_agent_steps
from bot.flows.context import FlowContext

log = logging.getLogger(__name__)

JOB_FUNCTION = "run_agent_steps"


class JobQueue:
    def __init__(self, pool: ArqRedis) -> None:
        self.pool = pool

    async def enqueue_steps(self, job_id: str, incident_id: str, steps: list[str], actor: str) -> None:
        job = await self.pool.enqueue_job(JOB_FUNCTION, incident_id, steps, actor, _job_id=job_id)
        if job is None:
            raise RuntimeError(f"job {job_id} exists already")


async def _job(arq_ctx: dict[str, Any], incident_id: str, steps: list[str], actor: str) -> None:
    await run_agent_steps(arq_ctx["flows"], arq_ctx["backend"], arq_ctx["job_id"], incident_id, steps, actor)


async def _skip_server_info(*args: Any, **kwargs: Any) -> None:
    return None


def build_worker(ctx: FlowContext, backend: Backend, pool: ArqRedis, embedded_store: bool) -> Worker:
    if embedded_store:
        # arq logs `INFO server` at start, a command the embedded fakeredis does not have.
        arq.worker.log_redis_info = _skip_server_info
    timeout = ctx.settings.agent_job_timeout_s
    return Worker(
        functions=[func(_job, name=JOB_FUNCTION, timeout=timeout)],
        redis_pool=pool,
        ctx={"flows": ctx, "backend": backend},
        handle_signals=False,
        keep_result=0,
        max_jobs=ctx.settings.agent_max_jobs,
        poll_delay=0.1,
        job_timeout=timeout,
    )


async def stop_worker(worker: Worker, main: asyncio.Task | None) -> None:
    """Stop polling, cancel running jobs (arq puts a cancelled job back in the queue for the
    next worker), and wait for that bookkeeping to finish before the pool closes."""
    worker.allow_pick_jobs = False
    running = [task for task in worker.tasks.values() if not task.done()]
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    if main is not None:
        main.cancel()
        await asyncio.gather(main, return_exceptions=True)
