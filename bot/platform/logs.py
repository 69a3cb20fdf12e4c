"""Structured logs: one JSON object per line, secrets redacted before anything is written."""

from __future__ import annotations

import json
import logging
import sys

from agents.redact import redact, redact_data

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        # Values first (so a key pasted without its END line cannot cut the JSON short), then
        # the line as a whole (a secret split across two fields' text).
        entry = redact_data(json.loads(json.dumps(entry, default=str)))
        return redact(json.dumps(entry, default=str, ensure_ascii=False))


def setup_logging(level: str = "INFO", stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # aiohttp's access log says nothing we need at INFO.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
