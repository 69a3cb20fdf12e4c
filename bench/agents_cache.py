"""Prompt-cache tokens of `run all` through the Claude backend, against the Anthropic stand-in.

    uv run python bench/agents_cache.py [--min-cache-tokens N]

The stand-in (tests/support/anthropic_standin.py) applies Anthropic's documented caching rules:
prefix order tools -> system -> messages up to the last `cache_control` breakpoint, the output
schema (`output_config.format`) is part of the prefix, prefixes under the minimum cacheable
length are not cached (tokens estimated as characters / 4). It prints the tokens written to and
read from the cache for one `run all` and for the same `run all` repeated on the same incident.
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
from tests.support.anthropic_standin import AnthropicStandIn, Reply  # noqa: E402


async def measure(min_tokens: int) -> None:
    canned = await run_steps(STEP_KEYS, checkout_incident(), OfflineBackend())
    answers = {STEPS[k].output_model.__name__: r.output for k, r in canned.items()}
    async with AnthropicStandIn(min_cache_tokens=min_tokens) as api:
        api.responder = lambda body: Reply(content=[{"type": "text", "text": json.dumps(
            answers[body["output_config"]["format"]["schema"]["title"]])}])
        backend = ClaudeBackend(api_key="bench", base_url=api.base_url, max_retries=0)
        for label in ("first run all", "same run all again"):
            results = await run_steps(STEP_KEYS, checkout_incident(), backend)
            tokens = [r.tokens for r in results.values() if r.tokens]
            written = sum(t.cache_creation_input_tokens for t in tokens)
            read = sum(t.cache_read_input_tokens for t in tokens)
            plain = sum(t.input_tokens for t in tokens)
            print(f"{label}: {len(tokens)} Claude calls, input {plain} uncached, "
                  f"cache written {written}, cache read {read}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-cache-tokens", type=int, default=1024,
                        help="the model's minimum cacheable prompt length (Anthropic docs)")
    args = parser.parse_args()
    asyncio.run(measure(args.min_cache_tokens))


if __name__ == "__main__":
    main()
