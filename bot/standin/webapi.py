"""The Web API: authenticate, apply injected faults, run the method, record the call.

Transport-free: the server hands in the method name, merged arguments and the token, and
gets back the HTTP status, headers and body to send.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import Any

from bot.standin.errors import ApiError
from bot.standin.faults import FaultPlan
from bot.standin.methods import HANDLERS, ApiContext, Args
from bot.standin.state import ApiCall

logger = logging.getLogger(__name__)

_NO_AUTH_METHODS = frozenset({"api.test"})


@dataclass(frozen=True)
class ApiReply:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


class WebApi:
    def __init__(self, ctx: ApiContext, bot_token: str, faults: FaultPlan) -> None:
        self._ctx = ctx
        self._bot_token = bot_token
        self._faults = faults
        self._seq = itertools.count(1)

    @property
    def methods(self) -> list[str]:
        return sorted(HANDLERS)

    def call(self, method: str, values: dict[str, Any], token: str | None) -> ApiReply:
        args = {k: v for k, v in values.items() if k != "token"}
        reply = self._answer(method, Args(args), token)
        body = reply.body if isinstance(reply.body, dict) else None
        ok = bool(body and body.get("ok"))
        error = None if ok else (str(body.get("error")) if body else f"http_{reply.status}")
        self._ctx.workspace.record_call(
            ApiCall(
                seq=next(self._seq),
                method=method,
                args=args,
                ok=ok,
                error=error,
                http_status=reply.status,
                at=self._ctx.now,
                response=body,
            )
        )
        if not ok:
            logger.debug("standin %s -> %s", method, error)
        return reply

    def _answer(self, method: str, args: Args, token: str | None) -> ApiReply:
        handler = HANDLERS.get(method)
        if handler is None:
            return ApiReply(200, {"ok": False, "error": "unknown_method", "req_method": method})
        if method in _NO_AUTH_METHODS:
            pass
        elif not token:
            return ApiReply(200, {"ok": False, "error": "not_authed"})
        elif token != self._bot_token:
            return ApiReply(200, {"ok": False, "error": "invalid_auth"})
        fault = self._faults.take(method)
        if fault is not None:
            return ApiReply(fault.status, fault.body, dict(fault.headers))
        try:
            return ApiReply(200, handler(self._ctx, args))
        except ApiError as error:
            return ApiReply(200, error.body())
