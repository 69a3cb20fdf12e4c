"""`incident-commander`: serve the bot, or play a drill against the local Slack stand-in."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from bot.logs import setup_logging
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
    drill = sub.add_parser("drill", help="play a whole incident offline against a local Slack stand-in")
    drill.add_argument(
        "--out", type=Path, default=Path("drill-output"), help="folder for the transcript (default: drill-output)"
    )
    return parser


async def _serve(port: int | None) -> int:
    from bot.runtime import BotRuntime

    settings = load_settings()
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
    runtime = BotRuntime(settings)
    await runtime.start(port=port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await runtime.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            setup_logging(load_settings().log_level)
            return asyncio.run(_serve(args.port))
        if args.command == "drill":
            from bot.drill import run_drill

            setup_logging("ERROR")  # the drill says itself that the store is embedded
            return asyncio.run(run_drill(args.out))
    except ConfigError as exc:
        print(f"incident-commander: {exc}", file=sys.stderr)
        return 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
