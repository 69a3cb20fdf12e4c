"""Prompt-cache tokens of `run all` through the Claude backend, against the Anthropic stand-in.

    uv run python bench/agents_cache.py [--min-cache-tokens N] [--latency-ms MS]

The stand-in (tests/support/anthropic_standin.py) applies Anthropic's documented caching rules:
prefix order tools -> system -> messages up to each `cache_control` breakpoint (at most 4), the
longest cached breakpoint is read and the rest written, `output_config.format` is part of every
prefix and `tool_choice` only of message-level ones, prefixes under the minimum cacheable length
are not cached, and an entry is readable only once its response has begun (steps running at the
same time each write; each call takes `--latency-ms`). Tokens are estimated as characters / 4.
It prints the tokens written to and read from the cache for one `run all`, the same `run all`
again, and `run all` on a second incident, with the input cost against no caching (cache writes
cost 1.25x, reads 0.1x the base input price: Anthropic's pricing page).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents import STEP_KEYS, STEPS, ClaudeBackend, OfflineBackend, run_steps  # noqa: E402
from tests.agents.conftest import checkout_incident  # noqa: E402
from tests.support.anthropic_standin import AnthropicStandIn, Reply, requested_model  # noqa: E402


def _cost(tokens) -> tuple[int, int, int, float]:
    plain = sum(t.input_tokens for t in tokens)
    written = sum(t.cache_creation_input_tokens for t in tokens)
    read = sum(t.cache_read_input_tokens for t in tokens)
    relative = (plain + 1.25 * written + 0.1 * read) / max(1, plain + written + read)
    return plain, written, read, relative


async def measure(min_tokens: int | None, latency_s: float) -> None:
    canned = await run_steps(STEP_KEYS, checkout_incident(), OfflineBackend())
    answers = {STEPS[k].output_model.__name__: r.output for k, r in canned.items()}
    async with AnthropicStandIn(min_cache_tokens=min_tokens) as api:
        api.responder = lambda body: Reply(content=[{"type": "text", "text": json.dumps(
            answers[requested_model(body)])}], delay_s=latency_s)
        backend = ClaudeBackend(api_key="bench", base_url=api.base_url, max_retries=0)
        runs = (("first run all", checkout_incident()), ("same run all again", checkout_incident()),
                ("run all on another incident", checkout_incident(
                    incident_id="INC-43", title="Search API timing out for EU users")))
        for label, context in runs:
            results = await run_steps(STEP_KEYS, context, backend)
            tokens = [r.tokens for r in results.values() if r.tokens]
            plain, written, read, relative = _cost(tokens)
            print(f"{label}: {len(tokens)} Claude calls, input {plain} uncached, cache written "
                  f"{written}, cache read {read}; input cost {relative:.0%} of no caching")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-cache-tokens", type=int, default=None,
                        help="minimum cacheable prompt length (default: the model's, per "
                             "Anthropic's docs: 1024 for claude-sonnet-4-6)")
    parser.add_argument("--latency-ms", type=float, default=200,
                        help="how long each Claude call takes in the stand-in")
    args = parser.parse_args()
    asyncio.run(measure(args.min_cache_tokens, args.latency_ms / 1000))


if __name__ == "__main__":
    main()
