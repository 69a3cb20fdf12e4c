"""Start and stop the whole bot: store, Slack client, Bolt app, HTTP server (or Socket Mode)."""

from __future__ import annotations

import asyncio
import gc
import logging

from aiohttp import web
from redis.exceptions import RedisError
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from bot.app import build_app
from bot.platform.clock import Clock, utc_now
from i18n import use_shared_locale
from i18n.times import use_timezone
from bot.flows.context import FlowContext
from bot.flows.dead_channels import watch_war_rooms
from bot.flows.beyond.common import drain as beyond_drain
from bot.intake.routes import intake_routes
from bot.platform.scheduler import IncidentScheduler
from agents import make_backend
from bot.platform.job_queue import JobQueue, build_worker, stop_worker
from bot.platform.redis_connection import RedisHandles, open_redis
from bot.settings import Settings
from bot.slack import request_guard
from bot.slack.client import make_client
from bot.slack.gateway import SlackFailure, SlackGateway
from bot.slack.outbound import Outbound, Pace
from bot.platform.alert_store import AlertStore
from bot.platform.incident_store import FollowUps, IncidentStore, StepRuns

log = logging.getLogger(__name__)

SLACK_PATH = "/slack/events"
WORKER_RETRY_SECONDS = 1.0


def build_context(
    settings: Settings, redis: RedisHandles, clock: Clock = utc_now, pace: Pace | None = None
) -> FlowContext:
    """Store, Slack and job queue for one process (serve or worker). `pace` is the time Slack's
    rate limits are counted in (real seconds unless a test or the drill shares a faster one)."""
    client = make_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    use_timezone(settings.timezone)
    use_shared_locale(settings.locale)
    ctx = FlowContext(
        settings=settings,
        store=IncidentStore(redis.store, max_notes=settings.timeline_max_notes),
        slack=SlackGateway(client, Outbound(pace)),
        steps=StepRuns(redis.store),
        followups=FollowUps(redis.store),
        alerts=AlertStore(redis.store),
        jobs=JobQueue(redis.jobs),
        clock=clock,
    )
    watch_war_rooms(ctx)  # every write into a war room that is gone marks its incident
    return ctx


def freeze_startup_objects() -> None:
    """Keep everything loaded at start (it lives as long as the process) out of the garbage
    collector's full scans, which otherwise pause every request in flight (bench/ack_latency.py)."""
    gc.collect()
    gc.freeze()


class BotRuntime:
    """One running bot process. `await start()`, then `url`; `await stop()` to shut down."""

    def __init__(
        self, settings: Settings, clock: Clock = utc_now, backend=None, pace: Pace | None = None
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.pace = pace
        self.backend = backend
        self.redis: RedisHandles | None = None
        self._worker = None
        self._worker_task: asyncio.Task | None = None
        self.ready = False
        self.triage_problem: str | None = None  # what to do so the bot can post in the triage channel
        self.ctx: FlowContext | None = None
        self.app: AsyncApp | None = None
        self._runner: web.AppRunner | None = None
        self._socket_handler = None
        self.port: int | None = None
        self.scheduler: IncidentScheduler | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def events_url(self) -> str:
        return self.url + SLACK_PATH

    async def start(self, host: str | None = None, port: int | None = None) -> None:
        settings = self.settings
        redis_url = settings.redis_url.get_secret_value() if settings.redis_url else None
        self.redis = open_redis(redis_url)
        self.ctx = build_context(settings, self.redis, self.clock, self.pace)
        self.ctx.backend = self.backend or make_backend()
        try:
            self.ctx.bot_user_id = await self.ctx.slack.bot_user_id()
        except SlackFailure as failure:  # Slack down at start: IC rules then treat the bot as a person
            log.warning("could not learn the bot's user id", extra={"error": failure.error})
        self.app = build_app(self.ctx)
        self.scheduler = IncidentScheduler(self.ctx)
        from bot.flows.triage_channel import ensure_in_triage_channel

        self.triage_problem = await ensure_in_triage_channel(self.ctx)

        web_app = web.Application()
        web_app.router.add_get("/healthz", self._healthz)
        web_app.add_routes(intake_routes(self.ctx))
        if not settings.slack_app_token:
            web_app.router.add_post(SLACK_PATH, self._slack_events)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host or settings.host, settings.port if port is None else port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # the real port when 0 was asked

        if settings.slack_app_token:
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            self._socket_handler = AsyncSocketModeHandler(
                self.app, settings.slack_app_token.get_secret_value()
            )
            await self._socket_handler.connect_async()
        await self.scheduler.start()
        if settings.embedded_worker:
            self._worker = build_worker(self.ctx, self.ctx.backend, self.redis.jobs, self.redis.embedded)
            self._worker_task = asyncio.create_task(self._run_worker())
        self.ready = True
        log.info(
            "bot ready",
            extra={
                "port": self.port,
                "mode": "socket" if settings.slack_app_token else "http",
                "store": "redis" if redis_url else "embedded",
                "worker": "embedded" if settings.embedded_worker else "separate",
            },
        )

    async def _run_worker(self) -> None:
        """Keep the embedded worker polling; a Redis outage pauses it instead of ending it."""
        assert self._worker is not None
        while True:
            try:
                await self._worker.main()
                return
            except (RedisError, OSError) as exc:
                log.warning("job worker lost the store; retrying", extra={"error": type(exc).__name__})
                await asyncio.sleep(WORKER_RETRY_SECONDS)

    async def _slack_events(self, request: web.Request) -> web.Response:
        assert self.app is not None
        # What would make Bolt raise (HTTP 500) is refused here: see bot/slack/request_guard.py.
        if not request_guard.headers_bolt_can_check(request.headers):
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            bolt_request = await to_bolt_request(request)
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            secret = self.settings.slack_signing_secret.get_secret_value()
            if not request_guard.signed(secret, await request.read(), request.headers):
                return web.json_response({"error": "invalid request"}, status=401)
            log.warning("unreadable Slack request", extra={"error": type(exc).__name__})
            return web.json_response({"error": "malformed request body"}, status=400)
        bolt_response = await self.app.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def _healthz(self, request: web.Request) -> web.Response:
        if not self.ready:
            return web.json_response({"ok": False, "state": "starting"}, status=503)
        return web.json_response({"ok": True})

    async def stop(self) -> None:
        self.ready = False
        if self.scheduler is not None:
            await self.scheduler.stop()
        if self._socket_handler is not None:
            await self._socket_handler.close_async()
        if self._worker is not None:
            await stop_worker(self._worker, self._worker_task)
        if self._runner is not None:
            await self._runner.cleanup()
        await beyond_drain()  # vendor calls in flight finish (or are cancelled) before the store closes
        if self.redis is not None:
            await self.redis.close()
