"""The Web API: authenticate, apply injected faults, run the method, record the call.

Transport-free: the server hands in the method name, merged arguments and the token, and
gets back the HTTP status, headers and body to send.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import Any

from slack_standin.errors import ApiError
from slack_standin.faults import FaultPlan
from slack_standin.methods import HANDLERS, ApiContext, Args
from slack_standin.rate_limits import RateLimits
from slack_standin.state import ApiCall

logger = logging.getLogger(__name__)

_NO_AUTH_METHODS = frozenset({"api.test"})
_APP_TOKEN_METHODS = frozenset({"apps.connections.open"})


@dataclass(frozen=True)
class ApiReply:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


class WebApi:
    def __init__(
        self,
        ctx: ApiContext,
        bot_token: str,
        app_token: str,
        faults: FaultPlan,
        rate_limits: RateLimits | None = None,
    ) -> None:
        self._ctx = ctx
        self.rate_limits = rate_limits or RateLimits()
        self._bot_token = bot_token
        self._app_token = app_token
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
        auth_error = self._auth_error(method, token)
        if auth_error is not None:
            return ApiReply(200, {"ok": False, "error": auth_error})
        retry_after = self.rate_limits.check(method, args.string("channel"))
        if retry_after is not None:
            # https://api.slack.com/docs/rate-limits "Responding to rate limiting conditions":
            # HTTP 429, Retry-After in seconds, and the call is not run.
            return ApiReply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
        fault = self._faults.take(method)
        if fault is not None:
            return ApiReply(fault.status, fault.body, dict(fault.headers))
        try:
            return ApiReply(200, handler(self._ctx, args))
        except ApiError as error:
            return ApiReply(200, error.body())

    def _auth_error(self, method: str, token: str | None) -> str | None:
        """Bot token for everything except Socket Mode's connection call, which takes the
        app-level token; the wrong kind of valid token is `not_allowed_token_type`."""
        if method in _NO_AUTH_METHODS:
            return None
        if not token:
            return "not_authed"
        wanted = self._app_token if method in _APP_TOKEN_METHODS else self._bot_token
        if token == wanted:
            return None
        if token in (self._bot_token, self._app_token):
            return "not_allowed_token_type"
        return "invalid_auth"
