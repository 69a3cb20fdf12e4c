"""A local stand-in of the Anthropic Messages API (`POST /v1/messages`) for tests and drills.

It answers the way the real API does, so the real `anthropic` client (which speaks httpx2 and
cannot be mocked with httpx tools) runs unchanged against it through `base_url`:

- checks the credential (`x-api-key`, or `Authorization: Bearer`, which anthropic 2.14 sends;
  401 `authentication_error`), `anthropic-version`, the required body fields and the shape of
  `output_config.format` (400 `invalid_request_error`);
- answers `{"type": "message", "content": [...], "stop_reason": ..., "usage": {...}}` with a
  `request-id` header, usage including `cache_creation_input_tokens` / `cache_read_input_tokens`
  computed from the `cache_control` breakpoints it sees, by the documented rules (see
  `_cache_usage`; tokens are estimated as chars / 4);
- when `tool_choice` forces a tool, a scripted JSON answer comes back as that tool's `tool_use`
  block (as the API answers a forced tool call); strict tools are held to the documented limits
  (at most 20 strict tools, 24 optional and 16 union-typed parameters across them; 400 beyond);
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


MIN_CACHEABLE_TOKENS = {
    # the minimum cacheable prompt length per model (prompt-caching docs)
    "claude-sonnet-4-6": 1024, "claude-sonnet-4-5": 1024, "claude-opus-4-1": 1024,
    "claude-opus-4-6": 4096, "claude-opus-4-5": 4096, "claude-haiku-4-5": 4096,
}
MAX_BREAKPOINTS = 4
MAX_STRICT_TOOLS, MAX_OPTIONAL, MAX_UNION = 20, 24, 16


def _without_cache_control(block: Any) -> Any:
    return {k: v for k, v in block.items() if k != "cache_control"} if isinstance(
        block, dict) else block


def _schema_objects(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _schema_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _schema_objects(item)


def _request_problem(body: dict[str, Any]) -> str | None:
    """What the API refuses with 400 before answering (cache breakpoints, tools)."""
    blocks = [*(body.get("tools") or [])]
    system = body.get("system")
    blocks += system if isinstance(system, list) else []
    for message in body.get("messages", []):
        content = message.get("content")
        blocks += content if isinstance(content, list) else []
    marked = sum(1 for b in blocks if isinstance(b, dict) and b.get("cache_control"))
    if marked > MAX_BREAKPOINTS:
        return (f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided. "
                f"Found {marked}.")
    tools = body.get("tools") or []
    choice = body.get("tool_choice") or {}
    if choice.get("type") == "tool" and choice.get("name") not in {t.get("name") for t in tools}:
        return f"tool_choice: tool {choice.get('name')!r} is not in tools"
    strict = [t for t in tools if t.get("strict")]
    if len(strict) > MAX_STRICT_TOOLS:
        return f"At most {MAX_STRICT_TOOLS} strict tools per request; found {len(strict)}."
    optional = unions = 0
    for tool in strict:
        for node in _schema_objects(tool.get("input_schema") or {}):
            if node.get("type") == "object" and isinstance(node.get("properties"), dict):
                required = set(node.get("required") or [])
                for name, prop in node["properties"].items():
                    optional += name not in required
                    unions += isinstance(prop, dict) and (
                        "anyOf" in prop or isinstance(prop.get("type"), list))
    if optional > MAX_OPTIONAL:
        return (f"Schemas contains too many optional parameters ({optional}), which would "
                f"make grammar compilation inefficient. Reduce to {MAX_OPTIONAL} or fewer.")
    if unions > MAX_UNION:
        return f"Too many parameters with union types ({unions}); at most {MAX_UNION}."
    return None


def _as_forced_tool_call(body: dict[str, Any], reply: Reply) -> tuple[list[dict[str, Any]], str]:
    """A scripted JSON text answer to a request that forces a tool, as that tool's call."""
    content = reply.content or [{"type": "text", "text": "{}"}]
    choice = body.get("tool_choice") or {}
    if choice.get("type") != "tool" or len(content) != 1 or content[0].get("type") != "text":
        return content, reply.stop_reason
    try:
        value = json.loads(content[0]["text"])
    except json.JSONDecodeError:
        return content, reply.stop_reason  # free text: no tool call, a malformed answer
    if not isinstance(value, dict):
        return content, reply.stop_reason
    block = {"type": "tool_use", "id": f"toolu_{next(_ids):08d}", "name": choice["name"],
             "input": value}
    return [block], "tool_use"


class AnthropicStandIn:
    """`async with AnthropicStandIn() as api: client = AsyncAnthropic(base_url=api.base_url)`."""

    def __init__(self, *, min_cache_tokens: int | None = None,
                 model: str = "claude-sonnet-4-6") -> None:
        self.requests: list[RecordedRequest] = []
        self.min_cache_tokens = min_cache_tokens
        """None: the documented minimum cacheable length of the requested model."""
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
        problem = _request_problem(body)
        if problem:
            return self._error(400, "invalid_request_error", problem)

        if self._queue:
            reply = self._queue.popleft()
        elif self.responder is not None:
            reply = self.responder(body)
        else:
            reply = Reply(status=500, error_type="api_error", message="no scripted reply")
        written, read, entries = self._cache_usage(body)  # looked up as the request arrives
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.status != 200:
            return self._error(reply.status, reply.error_type or "api_error", reply.message,
                               reply.headers)
        self._cache |= entries  # readable once the response begins (prompt-caching docs)

        prompt = (_tokens(body.get("tools") or []) + _tokens(body.get("system"))
                  + _tokens(body["messages"]))
        content, stop_reason = _as_forced_tool_call(body, reply)
        out = reply.output_tokens if reply.output_tokens is not None else _tokens(content)
        message = {
            "id": f"msg_{next(_ids):012d}",
            "type": "message",
            "role": "assistant",
            "model": reply.model or body["model"],
            "content": content,
            "stop_reason": stop_reason,
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

    def _cache_usage(self, body: dict[str, Any]) -> tuple[int, int, set[str]]:
        """Prompt caching as Anthropic documents it (build-with-claude/prompt-caching, and
        tool-use-with-prompt-caching "What invalidates the cache"):

        - the prefix is tools, then system, then messages, up to a block carrying
          `cache_control` (at most 4 such blocks: `_request_problem` refuses more);
        - each breakpoint's prefix is looked up; the longest one cached is read, and the
          prompt from there to the last breakpoint is written;
        - a prefix shorter than the model's minimum cacheable length is not cached;
        - `output_config.format` is part of every prefix (structured-outputs docs: changing it
          invalidates the cache); `tool_choice` only of breakpoints in the messages (a change of
          it invalidates message blocks, not tools or system);
        - an entry becomes readable once its response begins: requests in flight at the same
          time all write (the caller registers the returned entries after the reply's delay).
        Returns (tokens written, tokens read, cache keys to register)."""
        tools = list(body.get("tools") or [])
        system = body.get("system")
        system_blocks = system if isinstance(system, list) else ([system] if system else [])
        message_blocks: list[Any] = []
        for message in body.get("messages", []):
            content = message.get("content")
            message_blocks += content if isinstance(content, list) else [content]
        blocks = [("tools", b) for b in tools] + [("system", b) for b in system_blocks] + [
            ("messages", b) for b in message_blocks]
        marks = [i for i, (_, b) in enumerate(blocks)
                 if isinstance(b, dict) and b.get("cache_control")]
        if not marks:
            return 0, 0, set()
        minimum = self.min_cache_tokens
        if minimum is None:
            minimum = MIN_CACHEABLE_TOKENS.get(body["model"], 1024)
        schema = (body.get("output_config") or {}).get("format")
        prefixes = []  # (size, key) per breakpoint that is long enough to cache
        for mark in marks:
            part = blocks[mark][0]
            choice = body.get("tool_choice") if part == "messages" else None
            prefix = [body["model"], schema, choice,
                      [_without_cache_control(b) for _, b in blocks[: mark + 1]]]
            size = _tokens(prefix)
            if size >= minimum:
                prefixes.append((size, json.dumps(prefix, sort_keys=True, ensure_ascii=False)))
        if not prefixes:
            return 0, 0, set()
        read = max((size for size, key in prefixes if key in self._cache), default=0)
        written = max(0, prefixes[-1][0] - read)
        return written, read, {key for _, key in prefixes}

    @staticmethod
    def _error(status: int, error_type: str, message: str,
               headers: dict[str, str] | None = None) -> web.Response:
        request_id = f"req_{next(_ids):012d}"
        payload = {"type": "error", "error": {"type": error_type, "message": message},
                   "request_id": request_id}
        return web.json_response(payload, status=status,
                                 headers={"request-id": request_id, **(headers or {})})
