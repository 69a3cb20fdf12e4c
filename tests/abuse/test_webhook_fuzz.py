"""The three webhooks with any body: random JSON shapes, wrong types, huge arrays, invalid
UTF-8, non-JSON. Always a 2xx or 4xx with a JSON reason, never a 5xx; a refusal changes
nothing (Redis and the stand-in exactly as before); an accepted delivery leaves no half-made
incident and no `pending:` claim on an alert group."""

from __future__ import annotations

import copy
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.incident.model import Incident
from tests.abuse.support import assert_nothing_half_made, leaks
from tests.intake import payloads

AM = "/webhooks/alertmanager"
PD = "/webhooks/pagerduty"
DEPLOY = "/webhooks/deploy"
ENDPOINTS = (AM, PD, DEPLOY)
ANSWER_SECONDS = 3.0

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        ["", "firing", "resolved", "4", "critical", "0001-01-01T00:00:00Z", "x" * 5000]
    ),
)
_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.characters(max_codepoint=0x1F) | st.sampled_from(["\u202e", "\ufeff", "<!channel>"]),
        max_size=8,
    ).map("".join),
    st.builds(
        lambda c, n: c * n,
        st.characters(blacklist_categories=("Cs",)),
        st.integers(150, 20_000),
    ),
)
JSON = st.recursive(
    _SCALAR,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


def _valid(path: str) -> dict:
    if path == AM:
        return payloads.alertmanager()
    if path == PD:
        return payloads.pagerduty()
    return {"service": "payments", "version": "1.2.3", "who": "ci", "at": "2026-11-25T12:00:00Z"}


def _paths(value, prefix=()):
    """Every (path to a value) in a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _set(document, path, value):
    if not path:
        return value
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


def _delete(document, path):
    if not path:
        return document
    target = document
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return document


@st.composite
def mutated(draw, path: str) -> bytes:
    """A real sender's body with one to three things wrong: a value of another type, a key
    gone, a huge array or string in its place."""
    document = copy.deepcopy(_valid(path))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        where = draw(st.sampled_from(list(_paths(document))))
        how = draw(
            st.sampled_from(["replace", "retext", "retext", "delete", "huge_array", "huge_string"])
        )
        if how == "retext":  # the right type, any content: these often pass validation
            document = _set(document, where, draw(_TEXT))
        elif how == "replace":
            document = _set(document, where, draw(JSON))
        elif how == "delete" and where:
            document = _delete(document, where)
        elif how == "huge_array":
            document = _set(document, where, [draw(_SCALAR)] * draw(st.integers(1000, 20_000)))
        elif how == "huge_string":
            huge = draw(st.characters()) * draw(st.integers(1000, 200_000))
            document = _set(document, where, huge)
    return json.dumps(document).encode()


@st.composite
def body(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(ENDPOINTS))
    kind = draw(
        st.sampled_from(
            ["mutated", "mutated", "mutated", "json", "binary", "bad_utf8", "truncated"]
        )
    )
    if kind == "mutated":
        return path, draw(mutated(path))
    if kind == "json":  # any JSON at all
        return path, json.dumps(draw(JSON)).encode()
    if kind == "binary":  # not JSON
        return path, draw(st.binary(max_size=300))
    if kind == "bad_utf8":  # a real body with bytes that are not UTF-8 inside a string
        raw = json.dumps(_valid(path)).encode()
        cut = draw(st.integers(min_value=1, max_value=len(raw) - 1))
        bad = draw(
            st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])
        )
        return path, raw[:cut] + bad + raw[cut:]
    raw = json.dumps(_valid(path)).encode()  # cut off in the middle
    return path, raw[: draw(st.integers(min_value=0, max_value=len(raw) - 1))]


async def redis_snapshot(harness) -> dict[bytes, bytes]:
    redis = harness.store.redis
    snapshot = {}
    async for key in redis.scan_iter(count=1000):
        snapshot[key] = await redis.dump(key)
    return snapshot


def slack_snapshot(harness) -> tuple:
    slack = harness.slack
    return (
        len(slack.calls()),
        len(slack.channels()),
        sum(len(slack.find_messages(c.id)) for c in slack.channels()),
    )


async def assert_alert_state_consistent(harness) -> None:
    """No alert group left claimed by a delivery that finished; every group, alert list and
    triage record points at an incident that exists."""
    redis = harness.store.redis
    records = {}
    async for key in redis.scan_iter(match="ic:incident:*"):
        incident = Incident.model_validate_json(await redis.get(key))
        records[incident.id] = incident
    async for key in redis.scan_iter(match="ic:alertgroup:*"):
        value = await redis.get(key)
        value = value.decode() if isinstance(value, bytes) else value
        assert not value.startswith("pending:"), f"{key} still claimed after every answer"
        assert value in records, f"{key} points at {value}, which does not exist"
    async for key in redis.scan_iter(match="ic:alerts:*"):
        incident_id = (key.decode() if isinstance(key, bytes) else key).split(":", 2)[2]
        assert incident_id in records, f"alerts stored for {incident_id}, which does not exist"


async def post_and_check(harness, path: str, raw: bytes) -> tuple[int, dict]:
    before_redis = await redis_snapshot(harness)
    before_slack = slack_snapshot(harness)
    started = time.perf_counter()
    status, answer = await harness.post(path, raw=raw)
    elapsed = time.perf_counter() - started
    shown = raw[:120]
    assert status < 500, f"{path} answered {status} {answer} to {shown!r}"
    assert status in (200, 400, 413), f"{path} answered {status} {answer} to {shown!r}"
    assert elapsed < ANSWER_SECONDS, f"{path} took {elapsed:.2f}s for {shown!r}"
    assert isinstance(answer, dict) and "ok" in answer, f"not a JSON answer: {answer!r}"
    assert answer["ok"] is (status == 200), answer
    if status != 200:
        reason = answer.get("error")
        assert isinstance(reason, str) and reason.strip(), f"no reason given: {answer!r}"
        assert len(reason) < 2000, f"a {len(reason)}-character reason"
        assert not leaks(reason), f"internals in the reason: {reason!r}"
        assert await redis_snapshot(harness) == before_redis, f"a refused {path} wrote to Redis"
        assert slack_snapshot(harness) == before_slack, f"a refused {path} reached Slack"
    else:
        assert {"action", "recorded"} & answer.keys(), f"no outcome in {answer!r}"
    return status, answer


@FUZZ
@given(batch=st.lists(body(), min_size=3, max_size=6))
async def test_any_webhook_body_gets_a_json_answer_and_never_a_partial_write(harness, batch):
    for path, raw in batch:
        await post_and_check(harness, path, raw)
    await assert_alert_state_consistent(harness)
    await assert_nothing_half_made(harness)


async def test_hand_picked_hostile_bodies(harness):
    """The shapes a fuzzer rarely reaches: nesting the JSON parser gives up on, a byte-order
    mark, numbers out of every range, dates at both ends of time, NUL in a group key."""
    valid_am = payloads.alertmanager()
    pd_event = payloads.pagerduty()["event"]
    deploy = {"service": "s", "version": "v"}
    cases = [
        (AM, b"[" * 100_000),
        (AM, b'{"a":' * 20_000 + b"1" + b"}" * 20_000),
        (PD, b'{"event": ' * 5_000 + b"{}" + b"}" * 5_000),
        (DEPLOY, b"[" * 50_000 + b"]" * 50_000),
        (AM, b"\xef\xbb\xbf" + json.dumps(valid_am).encode()),
        (AM, b"\xff\xfe" + json.dumps(valid_am).encode("utf-16-le")),
        (AM, b"NaN"),
        (AM, b"1e999999"),
        (AM, b'"' + b"x" * 100_000 + b'"'),
        (AM, json.dumps({**valid_am, "truncatedAlerts": 10**40}).encode()),
        (AM, json.dumps({**valid_am, "groupKey": "\x00"}).encode()),
        (PD, json.dumps({"event": {**pd_event, "occurred_at": "0000-00-00"}}).encode()),
        (DEPLOY, json.dumps({**deploy, "at": 10**30}).encode()),
        (DEPLOY, json.dumps({**deploy, "at": "9999-12-31T23:59:59-14:00"}).encode()),
        (DEPLOY, json.dumps({**deploy, "link": "javascript:alert(1)"}).encode()),
        (DEPLOY, b"\x00" * 1000),
    ]
    for path, raw in cases:
        status, answer = await post_and_check(harness, path, raw)
        if path == AM and raw.startswith(b"["):
            assert status == 400 and "nested too deeply" in answer["error"]
    await assert_alert_state_consistent(harness)
    await assert_nothing_half_made(harness)


@pytest.mark.parametrize("surrogate", [b"\xed\xa0\x80", b"\\ud800"])
async def test_a_lone_surrogate_in_an_alert_is_refused_not_a_500(harness, surrogate):
    body = (b'{"version": "4", "status": "firing", "groupKey": "g", "receiver": "r", "alerts": '
            b'[{"status": "firing", "labels": {"alertname": "X' + surrogate + b'", "severity": "critical"},'
            b' "annotations": {}, "startsAt": "2026-11-25T12:00:00Z", "fingerprint": "ab"}]}')
    status, answer = await post_and_check(harness, "/webhooks/alertmanager", body)
    assert status == 400
    assert "surrogate" in answer["error"] or "utf-8" in answer["error"]
