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


STOP_GRACE_SECONDS = 5.0


async def stop_worker(worker: Worker, main: asyncio.Task | None) -> None:
    """Stop polling and cancel running jobs (arq puts a cancelled job back in the queue for the
    next worker), waiting for that bookkeeping before the pool closes.

    The poll loop is ended through arq's burst mode, not by cancelling it: a cancellation
    landing inside a redis-py call can leave the loop waiting forever.
    """
    worker.burst = True
    worker.max_burst_jobs = 0  # main() returns at its next poll, picking nothing new
    running = [task for task in worker.tasks.values() if not task.done()]
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    if main is not None:
        # main() may end with the CancelledError of a job it gathers: wait, never re-raise.
        done, _ = await asyncio.wait({main}, timeout=STOP_GRACE_SECONDS)
        if not done:
            log.warning("job worker did not stop in time; cancelling it")
            main.cancel()
        await asyncio.gather(main, return_exceptions=True)
