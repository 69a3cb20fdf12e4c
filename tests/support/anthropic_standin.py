"""A local stand-in of the Anthropic Messages API (`POST /v1/messages`) for tests and drills.

It answers the way the real API does, so the real `anthropic` client (which speaks httpx2 and
cannot be mocked with httpx tools) runs unchanged against it through `base_url`:

- checks the credential (`x-api-key`, or `Authorization: Bearer`, which anthropic 2.14 sends;
  401 `authentication_error`), `anthropic-version`, the required body fields and the shape of
  `output_config.format` (400 `invalid_request_error`);
- answers `{"type": "message", "content": [...], "stop_reason": ..., "usage": {...}}` with a
  `request-id` header, usage including `cache_creation_input_tokens` / `cache_read_input_tokens`
  computed from the `cache_control` breakpoints it sees (a prefix is written the first time and
  read afterwards, if at least `min_cache_tokens` long; tokens are estimated as chars / 4);
- errors as `{"type": "error", "error": {"type": ..., "message": ...}, "request_id": ...}`.

Scripting: queue one reply per call with `reply_json`, `reply_text` (malformed), `reply_error`
(429 with `retry-after`, 529 overloaded, ...), `reply_slow` (sleeps past the client timeout),
`reply_tool_use`; when the queue is empty, `responder(body) -> Reply` answers (default: 500).
Every request is recorded in `requests` (headers and JSON body).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

_ids = itertools.count(1)


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    content: list[dict[str, Any]] | None = None
    stop_reason: str = "end_turn"
    error_type: str | None = None
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    output_tokens: int | None = None
    model: str | None = None


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """Every text the request carries (system and messages), joined: for prompt asserts."""
        parts: list[str] = []
        system = self.body.get("system")
        if isinstance(system, str):
            parts.append(system)
        for block in system or []:
            if isinstance(block, dict):
                parts.append(block.get("text", ""))
        for message in self.body.get("messages", []):
            content = message.get("content")
            if isinstance(content, str):
                parts.append(content)
            else:
                parts += [b.get("text", "") for b in content if isinstance(b, dict)]
        return "\n".join(parts)

    @property
    def schema_title(self) -> str | None:
        return requested_model(self.body)


def requested_model(body: dict[str, Any]) -> str | None:
    """The title of the schema a request asks the answer to fit: `output_config.format`, or the
    input schema of the tool `tool_choice` forces."""
    fmt = (body.get("output_config") or {}).get("format") or {}
    if fmt.get("schema"):
        return fmt["schema"].get("title")
    choice = body.get("tool_choice") or {}
    for tool in body.get("tools") or []:
        if choice.get("type") == "tool" and tool.get("name") == choice.get("name"):
            return (tool.get("input_schema") or {}).get("title")
    return None


def _tokens(value: Any) -> int:
    return max(1, len(json.dumps(value, ensure_ascii=False)) // 4)


class AnthropicStandIn:
    """`async with AnthropicStandIn() as api: client = AsyncAnthropic(base_url=api.base_url)`."""

    def __init__(self, *, min_cache_tokens: int = 0, model: str = "claude-sonnet-4-6") -> None:
        self.requests: list[RecordedRequest] = []
        self.min_cache_tokens = min_cache_tokens
        self.model = model
        self.responder: Callable[[dict[str, Any]], Reply] | None = None
        self._queue: deque[Reply] = deque()
        self._cache: set[str] = set()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_post("/v1/messages", self._messages)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> AnthropicStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- scripting ---------------------------------------------------------------------------

    def reply(self, reply: Reply) -> AnthropicStandIn:
        self._queue.append(reply)
        return self

    def reply_json(self, obj: Any, **kw: Any) -> AnthropicStandIn:
        """Answer with `obj` as the JSON text of the structured output."""
        text = json.dumps(obj, ensure_ascii=False)
        return self.reply(Reply(content=[{"type": "text", "text": text}], **kw))

    def reply_text(self, text: str, **kw: Any) -> AnthropicStandIn:
        """Answer with free text (malformed for a structured-output request)."""
        return self.reply(Reply(content=[{"type": "text", "text": text}], **kw))

    def reply_tool_use(self, name: str, tool_input: dict[str, Any]) -> AnthropicStandIn:
        block = {"type": "tool_use", "id": f"toolu_{next(_ids):08d}", "name": name,
                 "input": tool_input}
        return self.reply(Reply(content=[block], stop_reason="tool_use"))

    def reply_error(self, status: int, error_type: str, message: str = "",
                    retry_after: float | None = None) -> AnthropicStandIn:
        headers = {"retry-after": f"{retry_after:g}"} if retry_after is not None else {}
        return self.reply(Reply(status=status, error_type=error_type,
                                message=message or error_type.replace("_", " "),
                                headers=headers))

    def reply_rate_limited(self, retry_after: float = 0.05) -> AnthropicStandIn:
        return self.reply_error(429, "rate_limit_error", "Number of request tokens has "
                                "exceeded your per-minute rate limit", retry_after)

    def reply_overloaded(self, retry_after: float | None = 0.01) -> AnthropicStandIn:
        return self.reply_error(529, "overloaded_error", "Overloaded", retry_after)

    def reply_slow(self, delay_s: float, obj: Any | None = None) -> AnthropicStandIn:
        """Answer after `delay_s` seconds (beyond a short client timeout)."""
        content = [{"type": "text", "text": json.dumps(obj if obj is not None else {})}]
        return self.reply(Reply(content=content, delay_s=delay_s))

    @property
    def pending(self) -> int:
        return len(self._queue)

    # --- the endpoint ------------------------------------------------------------------------

    async def _messages(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return self._error(400, "invalid_request_error", "body is not JSON")
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.requests.append(RecordedRequest(request.path, headers, body))
        if not request.headers.get("x-api-key") and not request.headers.get("authorization"):
            return self._error(401, "authentication_error", "x-api-key header is required")
        if not request.headers.get("anthropic-version"):
            return self._error(400, "invalid_request_error",
                               "anthropic-version header is required")
        for key in ("model", "max_tokens", "messages"):
            if key not in body:
                return self._error(400, "invalid_request_error", f"{key}: Field required")
        fmt = (body.get("output_config") or {}).get("format")
        if fmt is not None and (fmt.get("type") != "json_schema" or "schema" not in fmt):
            return self._error(400, "invalid_request_error",
                               "output_config.format: expected {type: json_schema, schema}")

        if self._queue:
            reply = self._queue.popleft()
        elif self.responder is not None:
            reply = self.responder(body)
        else:
            reply = Reply(status=500, error_type="api_error", message="no scripted reply")
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.status != 200:
            return self._error(reply.status, reply.error_type or "api_error", reply.message,
                               reply.headers)

        written, read = self._cache_usage(body)
        prompt = _tokens(body.get("system")) + _tokens(body["messages"])
        content = reply.content or [{"type": "text", "text": "{}"}]
        out = reply.output_tokens if reply.output_tokens is not None else _tokens(content)
        message = {
            "id": f"msg_{next(_ids):012d}",
            "type": "message",
            "role": "assistant",
            "model": reply.model or body["model"],
            "content": content,
            "stop_reason": reply.stop_reason,
            "stop_sequence": None,
            "usage": {
                "input_tokens": max(1, prompt - written - read),
                "output_tokens": out,
                "cache_creation_input_tokens": written,
                "cache_read_input_tokens": read,
                "cache_creation": {"ephemeral_5m_input_tokens": written,
                                   "ephemeral_1h_input_tokens": 0},
                "service_tier": "standard",
            },
        }
        return web.json_response(message, headers={"request-id": f"req_{next(_ids):012d}",
                                                   **reply.headers})

    def _cache_usage(self, body: dict[str, Any]) -> tuple[int, int]:
        """Prompt caching as the API does it: the prefix up to the last breakpoint (tools, then
        system, then messages) is written once and read by later identical prefixes.

        The output schema is part of the prefix: Anthropic's structured-outputs docs say that
        changing `output_config.format` invalidates the prompt cache (the schema is compiled
        into the request ahead of the prompt), so a step with a different output model never
        reads another step's cache. Prefixes shorter than `min_cache_tokens` are not cached
        (the documented minimum cacheable length; 0 here unless a test sets it)."""
        blocks: list[Any] = [*(body.get("tools") or [])]
        system = body.get("system")
        blocks += system if isinstance(system, list) else ([system] if system else [])
        for message in body.get("messages", []):
            content = message.get("content")
            blocks += content if isinstance(content, list) else [content]
        last = max((i for i, b in enumerate(blocks)
                    if isinstance(b, dict) and b.get("cache_control")), default=None)
        if last is None:
            return 0, 0
        schema = (body.get("output_config") or {}).get("format")
        prefix = [body["model"], schema, blocks[: last + 1]]
        size = _tokens(prefix)
        if size < self.min_cache_tokens:
            return 0, 0
        key = json.dumps(prefix, sort_keys=True, ensure_ascii=False)
        if key in self._cache:
            return 0, size
        self._cache.add(key)
        return size, 0

    @staticmethod
    def _error(status: int, error_type: str, message: str,
               headers: dict[str, str] | None = None) -> web.Response:
        request_id = f"req_{next(_ids):012d}"
        payload = {"type": "error", "error": {"type": error_type, "message": message},
                   "request_id": request_id}
        return web.json_response(payload, status=status,
                                 headers={"request-id": request_id, **(headers or {})})
