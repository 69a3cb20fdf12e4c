"""Every vendor client against its stand-in over real HTTP: the same contract for each."""

from __future__ import annotations

import pytest

from bot.integrations.http import AuthRejected, IntegrationFailed, Transient
from tests.integrations.conftest import Harness


async def test_success_creates_one_thing(vendor: Harness) -> None:
    result = await vendor.act(vendor.make())
    assert result is not None
    assert vendor.count() == 1


async def test_auth_failure_is_typed_names_the_system_and_hides_the_secret(vendor: Harness) -> None:
    wrong = vendor.secret[:-6] + "WRONG!"
    with pytest.raises(AuthRejected) as failure:
        await vendor.act(vendor.make(secret=wrong))
    message = str(failure.value)
    assert message.startswith(failure.value.system + ":")
    assert wrong not in message and vendor.secret not in message
    assert vendor.count() == 0
    # a credentials problem is not retried: one request (Jira/Linear: the first lookup) only
    assert len(vendor.standin.requests) == 1


async def test_rate_limit_is_retried_after_retry_after(vendor: Harness) -> None:
    vendor.standin.fail_next(429, retry_after=0.05, contains=vendor.create_marker)
    await vendor.act(vendor.make())
    assert vendor.count() == 1
    creates = [r for r in vendor.standin.requests
               if vendor.create_marker in f"{r.method} {r.path} {r.body}" or vendor.create_marker in str(r.body)]
    assert len(creates) >= 2


async def test_server_errors_are_retried_then_succeed(vendor: Harness) -> None:
    vendor.standin.fail_next(503, times=2)
    await vendor.act(vendor.make(attempts=3))
    assert vendor.count() == 1


async def test_server_errors_past_the_attempts_fail_as_transient(vendor: Harness) -> None:
    vendor.standin.fail_next(502, times=3)
    with pytest.raises(Transient) as failure:
        await vendor.act(vendor.make(attempts=3))
    assert "HTTP 502" in str(failure.value)
    assert vendor.count() == 0


async def test_timeout_fails_with_a_clear_reason(vendor: Harness) -> None:
    vendor.standin.slow_next(1.5)
    with pytest.raises(Transient) as failure:
        await vendor.act(vendor.make(timeout=0.3, attempts=1))
    assert "no answer within 0.3s" in str(failure.value)


async def test_a_retry_after_a_lost_answer_does_not_create_twice(vendor: Harness) -> None:
    # The vendor creates it, but its answer comes after the client gave up; the retry must find it.
    vendor.standin.slow_next(1.5, contains=vendor.create_marker)
    await vendor.act(vendor.make(timeout=0.4, attempts=3))
    assert vendor.count() == 1


async def test_calling_twice_is_idempotent(vendor: Harness) -> None:
    client = vendor.make()
    first = await vendor.act(client)
    second = await vendor.act(client)
    assert vendor.count() == 1
    assert first.model_dump(exclude={"created"}) == second.model_dump(exclude={"created"})


async def test_no_secret_in_logs_or_errors(vendor: Harness, log_text) -> None:
    await vendor.act(vendor.make())
    vendor.standin.fail_next(500, times=3)
    with pytest.raises(IntegrationFailed) as failure:
        await vendor.act(vendor.make(attempts=3))
    with pytest.raises(AuthRejected) as rejected:
        await vendor.act(vendor.make(secret=vendor.secret + "x"))
    logged = log_text()
    assert "retried" in logged  # the retries were logged, so the check below looked at something
    for text in (logged, str(failure.value), str(rejected.value), repr(vendor.make())):
        assert vendor.secret not in text


async def test_past_the_vendors_rate_limit_the_client_says_rate_limited_and_creates_nothing(vendor: Harness) -> None:
    # Each stand-in refuses in its vendor's own shape (Statuspage 420, PagerDuty "throttle event",
    # Linear a RATELIMITED GraphQL error, Jira and Opsgenie 429); the client must read each as a rate limit.
    vendor.standin.rate_limit = (0, 60.0)
    with pytest.raises(Transient, match="rate limited") as failure:
        await vendor.act(vendor.make(attempts=2))
    assert failure.value.system in str(failure.value) and vendor.secret not in str(failure.value)
    assert vendor.count() == 0 and vendor.standin.throttled == 2
    vendor.standin.rate_limit = None
    await vendor.act(vendor.make())
    assert vendor.count() == 1
