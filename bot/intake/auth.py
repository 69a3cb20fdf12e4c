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


# --- the trackers' webhooks (tickets closed in Jira or Linear) ---

JIRA_SIGNATURE_HEADER = "X-Hub-Signature"
JIRA_DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier"
LINEAR_SIGNATURE_HEADER = "Linear-Signature"
LINEAR_DELIVERY_HEADER = "Linear-Delivery"
LINEAR_MAX_AGE_S = 60


def _hmac_hex(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def jira_signature(body: bytes, secret: str) -> str:
    """What a Jira admin webhook with a secret sends: `X-Hub-Signature: sha256=<hex>`, an
    HMAC-SHA256 of the raw body (WebSub's `method=signature`; "Secure admin webhooks",
    https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks)."""
    return "sha256=" + _hmac_hex(body, secret)


def jira_signature_ok(header: str | None, body: bytes, secret: str) -> bool:
    if not header:
        return False
    method, _, signature = header.strip().partition("=")
    if method.lower() != "sha256":
        return False
    return hmac.compare_digest(signature.strip().lower().encode(), _hmac_hex(body, secret).encode())


def linear_signature(body: bytes, secret: str) -> str:
    """What Linear sends: `Linear-Signature: <hex>`, an HMAC-SHA256 of the raw body with the
    webhook's signing secret ("Securing webhooks", https://linear.app/developers/webhooks)."""
    return _hmac_hex(body, secret)


def linear_signature_ok(header: str | None, body: bytes, secret: str) -> bool:
    if not header:
        return False
    return hmac.compare_digest(header.strip().lower().encode(), _hmac_hex(body, secret).encode())


def linear_fresh(webhook_timestamp_ms: int, now_s: float) -> bool:
    """Linear puts `webhookTimestamp` (ms) in the body and advises refusing a delivery older than
    a minute, against replays (https://linear.app/developers/webhooks)."""
    return abs(now_s - webhook_timestamp_ms / 1000) <= LINEAR_MAX_AGE_S
