"""`incident-commander`: serve the bot, or play a drill against the local Slack stand-in."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import signal
import sys
from pathlib import Path

from agents.errors import IncidentTypeError
from bot.platform.logs import setup_logging
from bot.settings import ConfigError, load_settings

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incident-commander",
        description="A Slack incident commander: war rooms, ICS roles, timeline, postmortems.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the bot (HTTP on PORT, or Socket Mode with SLACK_APP_TOKEN)")
    serve.add_argument("--port", type=int, default=None, help="HTTP port (default: PORT or 3000)")
    sub.add_parser(
        "worker", help="run agent-step jobs from the shared Redis queue (needs REDIS_URL)"
    )
    agent = sub.add_parser(
        "agent", help="run one agent step from the command line", add_help=False
    )
    agent.add_argument("agent_args", nargs=argparse.REMAINDER)
    drill = sub.add_parser("drill", help="play a whole incident offline against a local Slack stand-in")
    drill.add_argument(
        "--out", type=Path, default=Path("drill-output"), help="folder for the transcript (default: drill-output)"
    )
    drill.add_argument(
        "--no-metrics", action="store_true",
        help="skip the metrics scenario (real Prometheus and Alertmanager, about 35 s)",
    )
    drill.add_argument(
        "--locale", choices=("en", "zh-TW"), default="en",
        help="the language the incident is played in (zh-TW: Chinese commands, war room and postmortem)",
    )
    return parser


def _require_slack(settings) -> None:
    missing = [
        name
        for name, value in (
            ("SLACK_BOT_TOKEN", settings.slack_bot_token),
            ("SLACK_SIGNING_SECRET", settings.slack_signing_secret),
        )
        if not value.get_secret_value()
    ]
    if missing:
        raise ConfigError(f"missing settings: {', '.join(missing)} (see README, Configuration)")


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def _serve(port: int | None) -> int:
    from bot.runtime import BotRuntime, freeze_startup_objects

    settings = load_settings()
    _require_slack(settings)
    runtime = BotRuntime(settings)
    await runtime.start(port=port)
    freeze_startup_objects()
    await _until_signalled()
    await runtime.stop()
    return 0


async def _worker() -> int:
    from agents import make_backend
    from bot.platform.job_queue import build_worker, stop_worker
    from bot.platform.redis_connection import open_redis
    from bot.runtime import build_context

    settings = load_settings()
    _require_slack(settings)
    if settings.redis_url is None:
        raise ConfigError(
            "the worker needs REDIS_URL (the queue it shares with serve); with the embedded "
            "store, serve runs its own worker"
        )
    redis = open_redis(settings.redis_url.get_secret_value())
    worker = build_worker(build_context(settings, redis), make_backend(), redis.jobs, embedded_store=False)
    main_task = asyncio.create_task(worker.main())
    log.info("worker ready", extra={"max_jobs": settings.agent_max_jobs})
    stopped = asyncio.create_task(_until_signalled())
    await asyncio.wait({main_task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    await stop_worker(worker, main_task)
    stopped.cancel()
    await redis.close()
    return 0


def _agent(argv: list[str]) -> int:
    """`agent <step> (--text T | --incident FILE_OR_ID) [--json] [--with-deps]`: an incident id
    such as INC-42 is read from the store at REDIS_URL, anything else is a JSON file."""
    from agents.cli import main as agents_main

    argv = list(argv)
    if "--incident" in argv:
        position = argv.index("--incident") + 1
        if position < len(argv) and re.fullmatch(r"INC-\d+", argv[position]) and not Path(argv[position]).exists():
            exported = asyncio.run(_export_incident(argv[position]))
            argv[position] = str(exported)
    return agents_main(argv)


async def _export_incident(incident_id: str) -> Path:
    import tempfile

    from bot.flows.agent_steps import incident_context
    from bot.platform.redis_connection import open_redis
    from bot.runtime import build_context

    settings = load_settings()
    if settings.redis_url is None:
        raise ConfigError(f"reading {incident_id} needs REDIS_URL (or pass an exported JSON file)")
    redis = open_redis(settings.redis_url.get_secret_value())
    try:
        ctx = build_context(settings, redis)
        incident = await ctx.store.get(incident_id)
        if incident is None:
            raise ConfigError(f"no incident {incident_id} in the store at REDIS_URL")
        context = await incident_context(ctx, incident)
    finally:
        await redis.close()
    handle = tempfile.NamedTemporaryFile("w", suffix=f"-{incident_id}.json", delete=False, encoding="utf-8")
    with handle:
        handle.write(context.model_dump_json())
    return Path(handle.name)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            setup_logging(load_settings().log_level)
            return asyncio.run(_serve(args.port))
        if args.command == "worker":
            setup_logging(load_settings().log_level)
            return asyncio.run(_worker())
        if args.command == "agent":
            setup_logging("WARNING")
            return _agent(args.agent_args)
        if args.command == "drill":
            from drill.run import run_drill

            setup_logging("ERROR")  # the drill says itself that the store is embedded
            return asyncio.run(run_drill(args.out, metrics=not args.no_metrics, locale=args.locale))
    except (ConfigError, IncidentTypeError) as exc:
        # a setting or an incident type file a person must fix: the message names it
        print(f"incident-commander: {exc}", file=sys.stderr)
        return 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
