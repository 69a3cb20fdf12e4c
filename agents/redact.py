"""Keep secrets out of prompts and results.

A leaked-credential incident often quotes the credential itself; an exception message may quote a
header. Everything sent to Claude and every StepResult goes through `redact`, which replaces
well-known secret shapes with a marker that keeps only the kind and the last four characters
(enough to tell which key was leaked, not enough to use it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("private-key",
         r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
        ("anthropic-key", r"sk-ant-[A-Za-z0-9_\-]{8,}"),
        ("aws-access-key", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b"),
        ("github-token", r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
        ("slack-token", r"\bx(?:ox[abposre]|app)-[A-Za-z0-9\-]{10,}"),
        ("stripe-key", r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"),
        ("google-api-key", r"\bAIza[0-9A-Za-z_\-]{35}\b"),
        ("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
        ("api-key", r"\bsk-[A-Za-z0-9_\-]{20,}"),
    )
)
_ASSIGNMENT = re.compile(
    r"(?i)\b([a-z0-9_.\-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)"
    r"[a-z0-9_]*)(\s*[:=]\s*)(['\"]?)(?![0-9]+\b)([^\s'\",;]{6,})"
)
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^/\s:@]*:)([^@\s/]+)(@)")
_BEARER = re.compile(r"(?i)\b(bearer\s+)([A-Za-z0-9._~+/=\-]{8,})")


def _marker(kind: str, secret: str) -> str:
    return f"[REDACTED {kind} ...{secret[-4:]}]" if len(secret) >= 12 else f"[REDACTED {kind}]"


def redact(text: str, extra_secrets: Iterable[str] = ()) -> str:
    """`text` with every recognised secret (and each of `extra_secrets`) replaced by a marker."""
    for secret in extra_secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, "[REDACTED secret]")
    for kind, pattern in _PATTERNS:
        text = pattern.sub(lambda m, k=kind: _marker(k, m.group(0)), text)
    text = _ASSIGNMENT.sub(
        lambda m: m.group(0) if m.group(4).startswith("[REDACTED")
        else f"{m.group(1)}{m.group(2)}{m.group(3)}[REDACTED]",
        text,
    )
    text = _BEARER.sub(lambda m: f"{m.group(1)}[REDACTED]", text)
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}[REDACTED]{m.group(3)}", text)


def redact_data(value: Any, extra_secrets: Iterable[str] = ()) -> Any:
    """`redact` applied to every string inside nested dicts and lists."""
    extra = tuple(extra_secrets)
    if isinstance(value, str):
        return redact(value, extra)
    if isinstance(value, dict):
        return {k: redact_data(v, extra) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_data(v, extra) for v in value]
    return value
