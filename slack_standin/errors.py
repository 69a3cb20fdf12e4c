"""The one exception Web API handlers raise: a Slack API error, answered as HTTP 200."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """`{"ok": false, "error": <error>, **extra}`, the way Slack reports a failed call."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"ok": False, "error": self.error, **self.extra}


def invalid_arguments(*messages: str) -> ApiError:
    return ApiError(
        "invalid_arguments",
        response_metadata={"messages": [f"[ERROR] {m}" for m in messages]},
    )
