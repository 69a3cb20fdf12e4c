"""Redaction on adversarial input: every text that enters goes through `agents.redact.redact`,
webhook bodies of up to a megabyte included, so no pattern may be quadratic.

Redacts a megabyte-scale text of each shape below once and prints the time. Exits non-zero when
one takes longer than the target (default 5 s: linear patterns take about a second a megabyte on
2 shared cores; a quadratic one takes hours).

    uv run python bench/redact_throughput.py [--target 5]
"""

from __future__ import annotations

import argparse
import sys
import time

from agents.redact import redact

CASES = {
    "plain text": "a" * 1_000_000,
    "prose": "the quick brown fox " * 50_000,
    "password: repeated": "password: " * 100_000,
    "unclosed quoted password": 'password="' + "a b " * 100_000,
    "mysql repeated": "mysql " * 100_000,
    "one value of &amp;": "password=" + "&amp;" * 200_000,
    "BEGIN without END": "-----BEGIN RSA PRIVATE KEY-----" * 20_000,
    "base64": "aB3/" * 250_000,
    "Basic repeated": "Basic dXNlcjpwYXNz " * 50_000,
    "JSON-escaped passwords": '\\"password\\": \\"x\\" ' * 50_000,
    "URL of @": "postgres://u:" + "@" * 100_000,
    "long name prefix": "a_" * 100_000 + "password=x",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=5.0, help="seconds allowed per case")
    args = parser.parse_args()
    slow = []
    for name, text in CASES.items():
        started = time.perf_counter()
        redact(text)
        took = time.perf_counter() - started
        print(f"{name:26s} {len(text):>9,d} chars {took:6.2f} s", flush=True)
        if took > args.target:
            slow.append(name)
    if slow:
        print(f"slower than {args.target} s: {', '.join(slow)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
