"""The Claude backend with the real anthropic client against the local Messages API stand-in."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest

from agents import (
    STEP_KEYS,
    STEPS,
    ClaudeBackend,
    OfflineBackend,
    make_backend,
    run_step,
    run_steps,
)
from agents.settings import AgentSettings
from tests.agents.conftest import bare_incident, checkout_incident
from tests.support.anthropic_standin import AnthropicStandIn, Reply, requested_model

API_KEY = "sk-ant-api03-test-key-do-not-leak-0123456789"
MARKED_ROOT_CAUSE = "Null pointer in the v2.3.1 coupon code path (CLAUDE-RC-7731)"


def claude(api: AnthropicStandIn, **kw) -> ClaudeBackend:
    kw.setdefault("max_retries", 0)
    kw.setdefault("interactive_timeout_s", 5)
    return ClaudeBackend(api_key=API_KEY, base_url=api.base_url, **kw)


@pytest.fixture(scope="module")
def canned() -> dict[str, dict]:
    """A valid answer per output schema title (offline outputs, with a marked root cause)."""
    results = asyncio.run(run_steps(STEP_KEYS, checkout_incident(), OfflineBackend()))
    answers = {STEPS[k].output_model.__name__: dict(r.output) for k, r in results.items()}
    answers["DebugOutput"]["root_cause"] = MARKED_ROOT_CAUSE
    return answers


def by_schema(canned: dict[str, dict]):
    def respond(body: dict) -> Reply:
        title = requested_model(body)
        return Reply(content=[{"type": "text", "text": json.dumps(canned[title])}])

    return respond


async def test_claude_answers_every_step_with_structured_output(api, canned, incident):
    api.responder = by_schema(canned)
    results = await run_steps(STEP_KEYS, incident, claude(api))
    assert list(results) == list(STEP_KEYS)
    for key, result in results.items():
        STEPS[key].output_model.model_validate(result.output)
        assert result.backend == "claude" and result.fallback_reason is None, key
        assert result.model == "claude-sonnet-4-6" and result.tokens.output_tokens > 0
        assert "runbooks/http-5xx-after-deploy.md" in result.sources
    assert len(api.requests) == 13
    titles = [r.schema_title for r in api.requests]
    assert sorted(titles) == sorted(STEPS[k].output_model.__name__ for k in STEP_KEYS)


async def test_each_prompt_carries_the_earlier_results_the_step_needs(api, canned, incident):
    api.responder = by_schema(canned)
    await run_steps(STEP_KEYS, incident, claude(api))
    sent = {r.schema_title: r for r in api.requests}
    debug, fix, postmortem = sent["DebugOutput"], sent["FixOutput"], sent["PostmortemOutput"]
    assert "## observe" in debug.text and "http_5xx_ratio" in debug.text  # observe's findings
    assert MARKED_ROOT_CAUSE in fix.text  # debug's root cause reaches the fix
    assert MARKED_ROOT_CAUSE in sent["SecurityOutput"].text
    for key in STEP_KEYS[:10]:  # exactly what it waits for in a run (test_step_needs.py)
        assert (f"## {key} (" in postmortem.text) == (key in STEPS["postmortem"].needs), key
    assert "Rolled back checkout-api to v2.3.0" in postmortem.text  # the timeline
    assert "## observe" not in sent["TriageOutput"].text


async def test_success_records_usage_and_the_steps_of_an_incident_share_a_cached_prefix(
        api, canned, incident):
    api.responder = by_schema(canned)
    backend = claude(api)
    first = await run_step("triage", incident, backend)
    second = await run_step("observe", incident.with_results({"triage": first}), backend)

    request = api.requests[0]
    system = request.body["system"]
    # breakpoint 1 after the instructions (tools + instructions: every incident), breakpoint 2
    # after the incident (every step of it); the step's own part comes after both
    assert system[0]["cache_control"] == {"type": "ephemeral"}
    assert system[1]["cache_control"] == {"type": "ephemeral"}
    assert "# Incident INC-42" in system[1]["text"] and "HighErrorRate" in system[1]["text"]
    assert "output_config" not in request.body  # a per-step schema would split the prefix
    assert [t["name"] for t in request.body["tools"]] == [f"answer_{k}" for k in STEP_KEYS]
    assert all(t["strict"] for t in request.body["tools"])
    assert request.body["tool_choice"] == {"type": "tool", "name": "answer_triage"}
    assert request.body["model"] == "claude-sonnet-4-6"
    # this SDK version sends the key as a bearer token; older ones used x-api-key
    assert API_KEY in (request.headers.get("x-api-key"), request.headers.get("authorization",
                                                                          "")[7:])
    following = api.requests[1].body
    assert following["system"] == system and following["tools"] == request.body["tools"]
    assert following["tool_choice"] == {"type": "tool", "name": "answer_observe"}

    # the first step writes tools + instructions + incident; the next step reads all of it
    assert first.tokens.cache_creation_input_tokens > 0
    assert first.tokens.cache_read_input_tokens == 0
    assert second.tokens.cache_read_input_tokens == first.tokens.cache_creation_input_tokens
    assert second.tokens.cache_creation_input_tokens == 0
    assert first.tokens.input_tokens > 0 and first.tokens.output_tokens > 0

    # another incident still reads tools + instructions, and writes only its own block
    other = await run_step("triage", bare_incident("Search is slow for EU users"), backend)
    assert 0 < other.tokens.cache_read_input_tokens < first.tokens.cache_creation_input_tokens
    assert other.tokens.cache_creation_input_tokens > 0


async def test_malformed_answer_is_retried_once_then_offline_answers_with_the_reason(api,
                                                                                   incident):
    api.reply_text("Sure! Here is the triage: SEV2").reply_json({"severity": "SEV9"})
    result = await run_step("triage", incident, claude(api))
    assert result.backend == "offline" and result.output["severity"] == "SEV2"
    assert result.fallback_reason.startswith("malformed answer")
    assert result.fallback_reason.endswith("retried once")
    assert result.attempts == 2 and len(api.requests) == 2
    assert result.tokens is not None and result.tokens.output_tokens > 0  # both were paid for


async def test_malformed_then_valid_answer_is_used(api, canned, incident):
    api.reply_text("{not json").reply_json(canned["TriageOutput"])
    result = await run_step("triage", incident, claude(api))
    assert result.backend == "claude" and result.attempts == 2


async def test_tool_use_instead_of_text_counts_as_malformed(api, canned, incident):
    api.reply_tool_use("lookup_metrics", {"q": "5xx"}).reply_tool_use("lookup_metrics", {})
    result = await run_step("triage", incident, claude(api))
    assert result.backend == "offline"
    assert "no answer_triage call; stop_reason tool_use, content tool_use" in result.fallback_reason


async def test_rate_limit_is_retried_by_the_sdk_honouring_retry_after(api, canned, incident):
    api.reply_rate_limited(retry_after=0.05).reply_json(canned["TriageOutput"])
    result = await run_step("triage", incident, claude(api, max_retries=2))
    assert result.backend == "claude" and result.fallback_reason is None
    assert len(api.requests) == 2


async def test_overloaded_after_sdk_retries_falls_back_to_offline(api, incident):
    api.reply_overloaded().reply_overloaded()
    result = await run_step("triage", incident, claude(api, max_retries=1))
    assert result.backend == "offline"
    assert result.fallback_reason == "Claude API overloaded (529) after 1 SDK retry"
    assert len(api.requests) == 2 and result.tokens is None


async def test_slow_answer_beyond_the_timeout_falls_back_to_offline(api, canned, incident):
    api.reply_slow(3, canned["TriageOutput"])
    result = await run_step("triage", incident, claude(api, interactive_timeout_s=0.3))
    assert result.backend == "offline"
    assert result.fallback_reason == "Claude did not answer within 0.3s"


async def test_unreachable_api_falls_back_to_offline(incident):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    backend = ClaudeBackend(api_key=API_KEY, base_url=f"http://127.0.0.1:{port}",
                            max_retries=0)
    result = await run_step("triage", incident, backend)
    assert result.backend == "offline"
    assert result.fallback_reason == "could not connect to the Claude API"


async def test_rejected_key_falls_back_without_showing_the_key(api, incident):
    api.reply_error(401, "authentication_error", f"invalid x-api-key {API_KEY}")
    result = await run_step("triage", incident, claude(api))
    assert result.fallback_reason == "Claude API rejected the API key (401)"


async def test_no_api_key_or_leaked_secret_reaches_a_prompt_or_a_result(api, canned):
    leaked = "AKIAIOSFODNN7EXAMPLE"
    ctx = bare_incident(f"Leaked AWS key {leaked} on GitHub",
                        description=f"found in repo; also saw {API_KEY} and "
                                    "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    poisoned = dict(canned["SecurityOutput"], assessment=f"The key {leaked} was used")
    api.responder = lambda body: Reply(content=[{"type": "text", "text": json.dumps(
        poisoned if requested_model(body) == "SecurityOutput"
        else canned[requested_model(body)])}])
    backend = claude(api)
    results = await run_steps(["triage", "security", "comms"], ctx, backend)
    api.reply_overloaded()
    results["fallback"] = await run_step("triage", ctx, backend)
    for request in api.requests:
        body = json.dumps(request.body)
        assert API_KEY not in body and leaked not in body and "wJalrXUtnFEMI" not in body
    for result in results.values():
        dumped = result.model_dump_json()
        assert API_KEY not in dumped and leaked not in dumped and "wJalrXUtnFEMI" not in dumped
    assert "[REDACTED aws-access-key ...MPLE]" in results["security"].output["assessment"]


def test_interactive_steps_get_the_short_timeout():
    backend = ClaudeBackend(api_key=API_KEY, interactive_timeout_s=20, long_timeout_s=120)
    assert backend.timeout_for(STEPS["triage"]) == 20
    assert backend.timeout_for(STEPS["comms"]) == 20
    assert backend.timeout_for(STEPS["postmortem"]) == 120


def test_backend_is_chosen_by_the_api_key(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    assert isinstance(make_backend(AgentSettings()), OfflineBackend)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "   ")
    assert isinstance(make_backend(AgentSettings()), OfflineBackend)
    monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("ANTHROPIC_MODEL", "claude-haiku-4-5")
    backend = make_backend(AgentSettings())
    assert isinstance(backend, ClaudeBackend) and backend.model == "claude-haiku-4-5"
    assert str(backend._client.base_url).startswith("http://127.0.0.1:9")


async def test_a_long_retry_after_cannot_stall_an_interactive_step(api, canned, incident):
    api.reply_rate_limited(retry_after=30).reply_json(canned["TriageOutput"])
    backend = claude(api, max_retries=2, interactive_deadline_s=0.5)
    result = await run_step("triage", incident, backend)
    assert result.backend == "offline"
    assert result.fallback_reason == "Claude gave no usable answer within the 0.5s step deadline"
    assert len(api.requests) == 1  # the SDK was still sleeping on retry-after: 30


def test_the_prompt_states_the_bots_cadence_and_late_updates_rather_than_a_table():
    from agents.context import LateUpdate, UpdateCadence
    from agents.prompting import incident_block
    from agents.prompts import STEP_PROMPTS
    from datetime import timedelta

    from tests.agents.conftest import T0

    late = LateUpdate(due_at=T0, posted_at=T0 + timedelta(minutes=7), late_by_minutes=7)
    block = incident_block(checkout_incident(updates=UpdateCadence(every_minutes=10, late=[late])), [])
    assert "updates.every_minutes: 10" in block and "(7 min late)" in block
    assert "updates.every_minutes: null" in incident_block(checkout_incident(updates=UpdateCadence()), [])
    assert not any("SEV1 15" in p or "every 15 minutes" in p for p in STEP_PROMPTS.values())


async def test_a_zh_tw_incident_asks_claude_for_traditional_chinese_and_still_validates(
        api, canned, incident):
    """The language is part of the instruction (user turn, after the cache breakpoints), the
    structured output still validates against the step's schema, and English asks for nothing."""
    api.responder = by_schema(canned)
    chinese = incident.model_copy(update={"locale": "zh-TW"})
    results = await run_steps(["triage", "debug"], chinese, claude(api))
    for key, result in results.items():
        STEPS[key].output_model.model_validate(result.output)
        assert result.backend == "claude" and result.fallback_reason is None, key
    assert len(api.requests) == 2
    for request in api.requests:
        assert "Traditional Chinese as used in Taiwan (zh-TW)" in request.text
        assert "enum values" in request.text
    api.requests.clear()
    await run_steps(["triage"], incident, claude(api))
    assert "Traditional Chinese" not in api.requests[0].text
