"""The Anthropic stand-in keeps the documented prompt-caching and strict-tool rules, so the cache
figures bench/agents_cache.py prints are the ones the real API would report.
(platform.claude.com/docs: build-with-claude/prompt-caching; agents-and-tools/tool-use/
tool-use-with-prompt-caching "What invalidates the cache"; structured-outputs limits.)"""

from __future__ import annotations

import asyncio

import anthropic
import pytest
from anthropic import AsyncAnthropic

from tests.support.anthropic_standin import AnthropicStandIn, Reply

LONG = "Incident context line with enough words to count. " * 200  # ~2,500 tokens
EPHEMERAL = {"type": "ephemeral"}


def _tool(name: str, optional: int = 0) -> dict:
    props = {f"f{i}": {"type": "string"} for i in range(optional + 1)}
    return {"name": name, "strict": True, "input_schema": {
        "type": "object", "properties": props, "required": ["f0"],
        "additionalProperties": False}}


async def _call(client: AsyncAnthropic, *, system=None, tools=None, tool_choice=None,
                output_config=None, messages=None):
    kwargs = {"model": "claude-sonnet-4-6", "max_tokens": 100,
              "messages": messages or [{"role": "user", "content": "go"}]}
    if system is not None:
        kwargs["system"] = system
    if tools is not None:
        kwargs["tools"] = tools
    if tool_choice is not None:
        kwargs["tool_choice"] = tool_choice
    if output_config is not None:
        kwargs["extra_body"] = {"output_config": output_config}
    return (await client.messages.create(**kwargs)).usage


@pytest.fixture
async def client(api):
    api.responder = lambda body: Reply(content=[{"type": "text", "text": '{"f0": "x"}'}])
    return AsyncAnthropic(api_key="k", base_url=api.base_url, max_retries=0)


async def test_more_than_four_breakpoints_are_refused(client):
    system = [{"type": "text", "text": f"block {i}", "cache_control": EPHEMERAL}
              for i in range(5)]
    with pytest.raises(anthropic.BadRequestError, match="maximum of 4 blocks"):
        await _call(client, system=system)


async def test_a_prefix_under_the_models_minimum_is_not_cached(client):
    short = [{"type": "text", "text": "short instructions", "cache_control": EPHEMERAL}]
    for _ in range(2):
        usage = await _call(client, system=short)
        assert (usage.cache_creation_input_tokens, usage.cache_read_input_tokens) == (0, 0)


async def test_tool_choice_keeps_a_system_breakpoint_but_output_format_does_not(client):
    tools = [_tool("answer_a"), _tool("answer_b")]
    system = [{"type": "text", "text": LONG, "cache_control": EPHEMERAL}]
    first = await _call(client, system=system, tools=tools,
                        tool_choice={"type": "tool", "name": "answer_a"})
    assert first.cache_creation_input_tokens > 1024 and first.cache_read_input_tokens == 0
    other_tool = await _call(client, system=system, tools=tools,
                             tool_choice={"type": "tool", "name": "answer_b"})
    assert other_tool.cache_read_input_tokens == first.cache_creation_input_tokens

    fmt = {"format": {"type": "json_schema", "schema": {"type": "object", "title": "A"}}}
    with_format = await _call(client, system=system, tools=tools, output_config=fmt)
    assert with_format.cache_read_input_tokens == 0  # a schema is part of every prefix
    other = {"format": {"type": "json_schema", "schema": {"type": "object", "title": "B"}}}
    assert (await _call(client, system=system, tools=tools,
                        output_config=other)).cache_read_input_tokens == 0


async def test_tool_choice_invalidates_a_breakpoint_in_the_messages(client):
    tools = [_tool("answer_a"), _tool("answer_b")]
    messages = [{"role": "user", "content": [{"type": "text", "text": LONG,
                                               "cache_control": EPHEMERAL}]}]
    await _call(client, tools=tools, messages=messages,
                tool_choice={"type": "tool", "name": "answer_a"})
    again = await _call(client, tools=tools, messages=messages,
                        tool_choice={"type": "tool", "name": "answer_b"})
    assert again.cache_read_input_tokens == 0 and again.cache_creation_input_tokens > 0


async def test_requests_in_flight_together_each_write(api, client):
    api.responder = lambda body: Reply(content=[{"type": "text", "text": "{}"}], delay_s=0.2)
    system = [{"type": "text", "text": LONG, "cache_control": EPHEMERAL}]
    both = await asyncio.gather(_call(client, system=system), _call(client, system=system))
    assert all(u.cache_creation_input_tokens > 0 and u.cache_read_input_tokens == 0
               for u in both)
    later = await _call(client, system=system)
    assert later.cache_read_input_tokens > 0 and later.cache_creation_input_tokens == 0


async def test_strict_tools_over_the_documented_limits_are_refused(client):
    with pytest.raises(anthropic.BadRequestError, match="too many optional parameters"):
        await _call(client, tools=[_tool("a", optional=13), _tool("b", optional=12)])
    with pytest.raises(anthropic.BadRequestError, match="not in tools"):
        await _call(client, tools=[_tool("a")], tool_choice={"type": "tool", "name": "b"})


async def test_a_json_answer_to_a_forced_tool_comes_back_as_its_call(api):
    async with AnthropicStandIn() as standin:
        standin.reply_json({"f0": "x"})
        client = AsyncAnthropic(api_key="k", base_url=standin.base_url, max_retries=0)
        message = await client.messages.create(
            model="claude-sonnet-4-6", max_tokens=10, tools=[_tool("answer_a")],
            tool_choice={"type": "tool", "name": "answer_a"},
            messages=[{"role": "user", "content": "go"}])
    assert message.stop_reason == "tool_use"
    assert (message.content[0].name, message.content[0].input) == ("answer_a", {"f0": "x"})
