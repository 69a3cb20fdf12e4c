"""What Bolt cannot answer cleanly on the HTTP request URL, answered before it is asked.

Bolt's own signature check raises (so aiohttp answers 500) on a timestamp that is not an
integer or a signature that is not ASCII, and building its request raises on a body that is not
UTF-8, a `payload=` field or JSON body that is not JSON, or JSON that is not an object. Such a
request is refused: 401 when it is not validly signed (a forgery or a replay), else 400.
Everything else goes to Bolt, which checks the signature again and does the rest.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Mapping

MAX_AGE_SECONDS = 5 * 60  # as Bolt: older requests are replays
_TIMESTAMP = re.compile(r"-?\d{1,12}")
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SIGNATURE_HEADER = "X-Slack-Signature"


def headers_bolt_can_check(headers: Mapping[str, str]) -> bool:
    """False when Bolt's check would raise on the signing headers instead of refusing them."""
    timestamp = headers.get(TIMESTAMP_HEADER)
    signature = headers.get(SIGNATURE_HEADER)
    if timestamp is not None and not _TIMESTAMP.fullmatch(timestamp):
        return False
    return signature is None or signature.isascii()


def signed(secret: str, body: bytes, headers: Mapping[str, str], now: float | None = None) -> bool:
    """Slack's v0 signature over the raw bytes, within five minutes; never raises."""
    timestamp = headers.get(TIMESTAMP_HEADER) or ""
    signature = headers.get(SIGNATURE_HEADER) or ""
    if not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())
