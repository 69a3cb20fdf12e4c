"""The Claude backend: structured output into the step's model, offline fallback on trouble.

- Every request carries one strict tool per step (its input schema is the step's model) and
  `tool_choice` forces the step's tool; the tool call's input is validated into the model. The
  tools, the instructions and the incident are the same for every step of an incident, so they
  form a cached prefix the steps share (see `agents.prompting`).
- The SDK retries 408/409/429/5xx/529 and connection errors itself (`max_retries`, honouring
  `retry-after`); what still fails, and an answer that is malformed twice, falls back to the
  offline engine with a `fallback_reason` that names the problem (never a secret).
- Usage of every HTTP attempt is recorded through a client middleware, so tokens spent on a
  malformed answer are counted too.
- The SDK sleeps as long as a 429's `retry-after` says (uncapped), and the per-request timeout
  does not bound those sleeps; a per-step deadline (`*_deadline_s`) does, so a person waiting in
  the war room gets the offline answer instead of a stalled step.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from typing import Any

import anthropic
import pydantic
from anthropic import AsyncAnthropic

from agents.backend_protocol import Answer, Backend
from agents.context import IncidentContext
from agents.prompting import build_request, incident_runbooks, tool_name
from agents.redact import redact, redact_data
from agents.result import TokenUsage
from agents.runbooks import Runbook, load_runbooks
from agents.settings import DEFAULT_MODEL
from agents.steps import StepSpec

log = logging.getLogger(__name__)

_attempt_usage: contextvars.ContextVar[list[TokenUsage] | None] = contextvars.ContextVar(
    "agent_attempt_usage", default=None
)


async def _usage_tap(request: Any, call_next: Any) -> Any:
    """Client middleware: note the usage of every successful HTTP attempt of this task."""
    response = await call_next(request)
    sink = _attempt_usage.get()
    if sink is not None and response.status_code == 200:
        try:
            body = await response.json()
            usage = body.get("usage") or {}
            sink.append(TokenUsage(
                input_tokens=int(usage.get("input_tokens") or 0),
                output_tokens=int(usage.get("output_tokens") or 0),
                cache_creation_input_tokens=int(usage.get("cache_creation_input_tokens") or 0),
                cache_read_input_tokens=int(usage.get("cache_read_input_tokens") or 0),
            ))
        except (ValueError, TypeError, AttributeError):
            log.debug("usage not readable from a 200 response")
    return response


def _total(usages: list[TokenUsage]) -> TokenUsage | None:
    if not usages:
        return None
    total = usages[0]
    for usage in usages[1:]:
        total = total + usage
    return total


def _describe_error(exc: Exception, timeout: float, retries: int) -> str:
    after = f" after {retries} SDK {'retry' if retries == 1 else 'retries'}" if retries else ""
    if isinstance(exc, anthropic.APITimeoutError):
        return f"Claude did not answer within {timeout:g}s{after}"
    if isinstance(exc, anthropic.APIConnectionError):
        return f"could not connect to the Claude API{after}"
    if isinstance(exc, anthropic.RateLimitError):
        return f"Claude API rate limit (429){after}"
    if isinstance(exc, anthropic.OverloadedError):
        return f"Claude API overloaded (529){after}"
    if isinstance(exc, anthropic.AuthenticationError):
        return "Claude API rejected the API key (401)"
    if isinstance(exc, anthropic.APIStatusError):
        return f"Claude API error {exc.status_code} ({type(exc).__name__}){after}"
    return f"Claude call failed ({type(exc).__name__})"


class ClaudeBackend:
    """Answers steps with Claude; every failure ends in an offline answer that says why."""

    name = "claude"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        interactive_timeout_s: float = 45.0,
        long_timeout_s: float = 180.0,
        max_retries: int = 2,
        client: AsyncAnthropic | None = None,
        fallback: Backend | None = None,
        runbooks: tuple[Runbook, ...] | None = None,
        cache_ttl: str | None = None,
        interactive_deadline_s: float = 90.0,
        long_deadline_s: float = 600.0,
    ) -> None:
        base = client or AsyncAnthropic(
            api_key=api_key, base_url=base_url, max_retries=max_retries, timeout=long_timeout_s
        )
        self._client = base.with_middleware(_usage_tap)
        self.model = model
        self.interactive_timeout_s = interactive_timeout_s
        self.long_timeout_s = long_timeout_s
        self.interactive_deadline_s = interactive_deadline_s
        self.long_deadline_s = long_deadline_s
        self._retries = self._client.max_retries
        self._secrets = tuple(s for s in (api_key, getattr(base, "api_key", None)) if s)
        self._runbooks = runbooks if runbooks is not None else load_runbooks()
        self._cache_ttl = cache_ttl
        if fallback is None:
            from agents.offline import OfflineBackend

            fallback = OfflineBackend(runbooks=self._runbooks)
        self.fallback = fallback

    def timeout_for(self, spec: StepSpec) -> float:
        return self.interactive_timeout_s if spec.interactive else self.long_timeout_s

    def deadline_for(self, spec: StepSpec) -> float:
        return self.interactive_deadline_s if spec.interactive else self.long_deadline_s

    async def answer(self, spec: StepSpec, context: IncidentContext) -> Answer:
        usages: list[TokenUsage] = []
        token = _attempt_usage.set(usages)
        deadline = self.deadline_for(spec)
        try:
            return await asyncio.wait_for(self._answer(spec, context, usages), deadline)
        except TimeoutError:
            log.warning("claude step deadline step=%s deadline_s=%s", spec.key, deadline)
            answer = await self.fallback.answer(spec, context)
            answer.fallback_reason = f"Claude gave no usable answer within the {deadline:g}s " \
                                     "step deadline"
            answer.tokens = _total(usages)
            return answer
        finally:
            _attempt_usage.reset(token)

    async def _answer(self, spec: StepSpec, context: IncidentContext,
                      usages: list[TokenUsage]) -> Answer:
        runbooks = incident_runbooks(context, self._runbooks)
        request = build_request(spec, context, runbooks, secrets=self._secrets,
                                cache_ttl=self._cache_ttl)
        sources = [m.path for m in runbooks]
        sources += [f"alert: {a.source}/{a.name}" for a in context.alerts]
        gathered = context.evidence.model_dump(exclude_defaults=True)
        if gathered:
            sources.append("evidence: " + ", ".join(sorted(gathered)))
        timeout = self.timeout_for(spec)
        problem = ""
        attempts = 0
        for attempts in (1, 2):
            try:
                message = await self._client.messages.create(
                    model=self.model,
                    max_tokens=spec.max_tokens,
                    tools=request["tools"],
                    tool_choice=request["tool_choice"],
                    system=request["system"],
                    messages=request["messages"],
                    timeout=timeout,
                )
            except anthropic.APIError as exc:
                problem = _describe_error(exc, timeout, self._retries)
                log.warning("claude call failed step=%s reason=%s", spec.key, problem)
                break
            call = next((block for block in message.content if block.type == "tool_use"
                         and block.name == tool_name(spec)), None)
            if call is None:
                kinds = sorted({block.type for block in message.content}) or ["none"]
                problem = (f"malformed answer (no {tool_name(spec)} call; stop_reason "
                           f"{message.stop_reason}, content {', '.join(kinds)})")
                log.warning("claude no tool call step=%s attempt=%d", spec.key, attempts)
                continue
            try:
                parsed = spec.output_model.model_validate(call.input)
            except pydantic.ValidationError as exc:
                problem = f"malformed answer ({exc.error_count()} schema errors)"
                log.warning("claude malformed answer step=%s attempt=%d", spec.key, attempts)
                continue
            clean = spec.output_model.model_validate(
                redact_data(parsed.model_dump(mode="json"), self._secrets))
            return Answer(output=clean, backend="claude", model=message.model,
                          tokens=_total(usages), sources=sources, attempts=attempts)
        else:
            problem += ", retried once"
        answer = await self.fallback.answer(spec, context)
        answer.fallback_reason = redact(problem, self._secrets)
        answer.tokens = _total(usages)
        answer.attempts = attempts
        return answer
