"""Webhook authentication: a shared bearer token, and PagerDuty's V3 signatures. Pure.

PagerDuty signs the raw body with HMAC-SHA256 keyed by the subscription's secret and sends
`X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]` (several while a secret is rotated); any one
matching `v1` signature is enough.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-PagerDuty-Signature"


def bearer_ok(authorization: str | None, token: str) -> bool:
    """True when the `Authorization` header is `Bearer <token>` (constant-time compare)."""
    if not authorization:
        return False
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode(), token.encode())


def pagerduty_signature(body: bytes, secret: str) -> str:
    """The header value PagerDuty would send for `body`: `v1=<hex>`."""
    return "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def pagerduty_signature_ok(header: str | None, body: bytes, secret: str) -> bool:
    if not header:
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("v1=") and hmac.compare_digest(
            candidate[3:].lower().encode(), expected.encode()
        ):
            return True
    return False
