"""The trackers' webhook signatures (Jira admin webhooks, Linear), pure: what each vendor sends
is accepted, anything else is not."""

from __future__ import annotations

from bot.intake.auth import (
    jira_signature,
    jira_signature_ok,
    linear_fresh,
    linear_signature,
    linear_signature_ok,
)

BODY = b'{"webhookEvent": "jira:issue_updated"}'
SECRET = "s3cret"


def test_jira_signature_is_websub_sha256_of_the_raw_body() -> None:
    header = jira_signature(BODY, SECRET)
    assert header.startswith("sha256=") and len(header) == len("sha256=") + 64
    assert jira_signature_ok(header, BODY, SECRET)
    assert jira_signature_ok(header.upper().replace("SHA256=", "sha256="), BODY, SECRET)  # hex case
    assert not jira_signature_ok(header, BODY + b" ", SECRET)
    assert not jira_signature_ok(header, BODY, "other")
    assert not jira_signature_ok(header.replace("sha256=", "sha1="), BODY, SECRET)
    assert not jira_signature_ok(header.removeprefix("sha256="), BODY, SECRET)  # the method is required
    assert not jira_signature_ok(None, BODY, SECRET) and not jira_signature_ok("", BODY, SECRET)


def test_linear_signature_is_the_hex_hmac_of_the_raw_body() -> None:
    header = linear_signature(BODY, SECRET)
    assert linear_signature_ok(header, BODY, SECRET)
    assert not linear_signature_ok(header, BODY, "other")
    assert not linear_signature_ok("sha256=" + header, BODY, SECRET)
    assert not linear_signature_ok(None, BODY, SECRET)


def test_a_linear_delivery_older_or_newer_than_a_minute_is_stale() -> None:
    now = 1_764_547_200.0
    assert linear_fresh(int(now * 1000), now)
    assert linear_fresh(int((now - 59) * 1000), now)
    assert not linear_fresh(int((now - 61) * 1000), now)
    assert not linear_fresh(int((now + 61) * 1000), now)
