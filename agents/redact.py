"""Keep secrets out of everything the bot stores, posts, logs, exports or sends to a model.

A leaked-credential incident often quotes the credential itself; an exception message may quote a
header. Every text that enters the bot (commands, forms, events, webhook bodies, model output)
goes through `redact`, the one function that knows secret shapes. It replaces each with a marker
that keeps only the kind and the last four characters (enough to tell which key was leaked, not
enough to use it), or, for a password, nothing at all.

Text reaches it in the forms people paste: plain (`password=x`), quoted (`password: "a b c"`),
JSON (`{"db_token": "…"}`), JSON inside a log line (`\\"password\\": \\"…\\"`) and Slack's
escaping (`&` arrives as `&amp;`).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from typing import Any

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        # A key block up to its END line; a key pasted without one is cut to the end of the text.
        ("private-key",
         r"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|\Z)"),
        ("slack-webhook",
         r"https?://hooks\.slack(?:-gov)?\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\-]{8,}"),
        ("anthropic-key", r"sk-ant-[A-Za-z0-9_\-]{8,}"),
        ("aws-access-key", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b"),
        ("github-token", r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
        ("slack-token", r"\bx(?:ox[abposre]|app)-[A-Za-z0-9\-]{10,}"),
        ("stripe-key", r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}"),
        ("stripe-webhook-secret", r"\bwhsec_[A-Za-z0-9+/=]{16,}"),
        ("sendgrid-key", r"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"),
        ("npm-token", r"\bnpm_[A-Za-z0-9]{30,}\b"),
        ("google-api-key", r"\bAIza[0-9A-Za-z_\-]{35}\b"),
        ("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
        ("api-key", r"\bsk-[A-Za-z0-9_\-]{20,}"),
    )
)

# An AWS secret access key often travels without its label: 40 characters of base64 that mix
# upper case, lower case and digits. A git SHA (40 hex digits) or a plain word never does.
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=._\-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_HEX = re.compile(r"^[0-9a-fA-F]+$")

# Every repeat is bounded: webhook bodies of a megabyte go through here, and an unbounded lazy
# scan from each candidate start would be quadratic (tests/agents/test_redaction_formats.py).
# A value: Slack's entities (`&amp;` is one `&`) belong to it; whitespace, quotes, `,` and `;` end
# it, and the `}` or `]` it ends with are given back (they close the JSON around it).
_VALUE = r"(?:&(?:amp|lt|gt);|[^\s'\"`,;\\])+"
# A name, then `:` or `=`, then a value bare or quoted (JSON's quotes may themselves be escaped).
_NAMED = (r"(?i)(?<![a-z0-9])([a-z0-9_.\-]{{0,48}}?{name})(\\*[\"']?\s*[:=]\s*)"
          r"(?:(\\*[\"'])(.*?)(?:\3|(?=\n)|\Z)|({value}))")
# Passwords: any value at all, short or all digits.
_PASSWORD_NAME = r"(?:password|passwd|passphrase|pwd|secret)(?![a-z0-9_])"
_PASSWORD = re.compile(_NAMED.format(name=_PASSWORD_NAME, value=_VALUE))
# Tokens and keys: a value of six or more that is not a number (`max_tokens=1024` is no secret).
_TOKEN_NAME = (r"(?:token|api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret"
               r"|account[_-]?key|shared[_-]?access[_-]?key)[a-z0-9_]*")
_TOKEN = re.compile(_NAMED.format(name=_TOKEN_NAME, value=_VALUE))
_PASSWORD_KEY = re.compile(rf"(?i)^[a-z0-9_.\-]{{0,48}}?{_PASSWORD_NAME}$")
_TOKEN_KEY = re.compile(rf"(?i)^[a-z0-9_.\-]{{0,48}}?{_TOKEN_NAME}$")
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]{0,31}://[^/\s:@]{0,256}:)([^\s/]{1,256})(@)")
_BEARER = re.compile(r"(?i)\b(bearer\s+)([A-Za-z0-9._~+/=\-]{8,})")
_BASIC = re.compile(r"(?i)(authorization\s*\\*[\"']?\s*[:=]\s*\\*[\"']?\s*)?\b(basic\s+)([A-Za-z0-9+/]{4,}={0,2})")
_MYSQL_PASSWORD = re.compile(
    r"(?i)\b(mysql(?:dump|admin|sh)?\b[^\n|;&]{0,200}?\s(?:-p|--password=))((?:&(?:amp|lt|gt);|[^\s'\";|])+)")
_LOOKS_REDACTED = "[REDACTED"


_NO_TAIL = {"private-key"}  # its last characters are key material, not an identifier


def _marker(kind: str, secret: str) -> str:
    if kind in _NO_TAIL:
        return f"[REDACTED {kind}]"
    return f"[REDACTED {kind} ...{secret[-4:]}]" if len(secret) >= 12 else f"[REDACTED {kind}]"


def _named(match: re.Match[str], *, any_value: bool) -> str:
    name, separator, quote, quoted, bare = match.groups()
    value = quoted if quote is not None else bare
    if value.startswith(_LOOKS_REDACTED) or not value:
        return match.group(0)
    closing = ""
    if quote is None and value.rstrip("}]"):
        closing = value[len(value.rstrip("}]")):]  # the JSON's own brackets, given back
        value = value.rstrip("}]")
    if not any_value and (len(value) < 6 or value.isdigit()):
        return match.group(0)
    if quote is not None:
        return f"{name}{separator}{quote}[REDACTED]{quote}"
    return f"{name}{separator}[REDACTED]{closing}"


def _aws_secret(match: re.Match[str]) -> str:
    value = match.group(0)
    mixed = (any(c.isupper() for c in value) and any(c.islower() for c in value)
             and any(c.isdigit() for c in value))
    if not mixed or _HEX.match(value) or value.count("/") > 3:
        return value
    return _marker("aws-secret-key", value)


def _basic(match: re.Match[str]) -> str:
    header, scheme, value = match.groups()
    if header is None:  # without the header name, only a value that decodes to user:password
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return match.group(0)
        if b":" not in decoded:
            return match.group(0)
    return f"{header or ''}{scheme}[REDACTED]"


def redact(text: str, extra_secrets: Iterable[str] = ()) -> str:
    """`text` with every recognised secret (and each of `extra_secrets`) replaced by a marker."""
    for secret in extra_secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, "[REDACTED secret]")
    for kind, pattern in _PATTERNS:
        text = pattern.sub(lambda m, k=kind: _marker(k, m.group(0)), text)
    text = _AWS_SECRET.sub(_aws_secret, text)
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}[REDACTED]{m.group(3)}", text)
    text = _PASSWORD.sub(lambda m: _named(m, any_value=True), text)
    text = _TOKEN.sub(lambda m: _named(m, any_value=False), text)
    text = _MYSQL_PASSWORD.sub(lambda m: f"{m.group(1)}[REDACTED]", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)}[REDACTED]", text)
    return _BASIC.sub(_basic, text)


def _secret_under(key: Any, value: Any) -> bool:
    """True when `value`, stored under the name `key` ({"db_password": "x"}), is a secret."""
    if not isinstance(key, str) or isinstance(value, (dict, list)) or value is None:
        return False
    text = str(value)
    if not text or text.startswith(_LOOKS_REDACTED):
        return False
    if _PASSWORD_KEY.match(key):
        return True
    return bool(_TOKEN_KEY.match(key)) and len(text) >= 6 and not text.isdigit()


def redact_data(value: Any, extra_secrets: Iterable[str] = ()) -> Any:
    """`redact` applied to every string inside nested dicts and lists; a value whose key names a
    secret (`{"db_password": "x"}`, an alert label) is replaced whole."""
    extra = tuple(extra_secrets)
    if isinstance(value, str):
        return redact(value, extra)
    if isinstance(value, dict):
        return {k: "[REDACTED]" if _secret_under(k, v) else redact_data(v, extra)
                for k, v in value.items()}
    if isinstance(value, list):
        return [redact_data(v, extra) for v in value]
    return value
