"""The last door before a vendor: every text in a request body is redacted (issue 9 §3), while
the credentials a vendor wants in the body (PagerDuty's routing key) still go through. Over real
HTTP against each vendor's stand-in; the bodies the stand-in received are what is checked."""

from __future__ import annotations

import pytest

from tests.integrations.conftest import PAGE, POST, TICKET, VENDORS, _harness

SECRETS = ("hunter2hunter2", "AKIAIOSFODNN7EXAMPLE")
LEAK = f"db password={SECRETS[0]} and key {SECRETS[1]} were in the log"


def _leaky(name: str):
    if name == "statuspage":
        return lambda client: client.publish(POST.model_copy(update={"body": LEAK}))
    if name in ("pagerduty", "opsgenie"):
        return lambda client: client.trigger(PAGE.model_copy(update={"summary": f"INC-42 SEV1: {LEAK}"}))
    return lambda client: client.open_ticket(TICKET.model_copy(update={"description": LEAK}))


@pytest.mark.parametrize("name", VENDORS)
async def test_no_secret_in_a_vendor_request_body(name: str) -> None:
    harness, standin = await _harness(name)
    try:
        await _leaky(name)(harness.make())
        assert harness.count() == 1  # the vendor accepted it (its own credential intact)
        bodies = "".join(str(r.body) for r in standin.requests)
        assert "REDACTED" in bodies, name
        for secret in SECRETS:
            assert secret not in bodies, (name, secret)
    finally:
        await standin.stop()
