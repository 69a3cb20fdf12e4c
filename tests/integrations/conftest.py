"""One harness per vendor, so every vendor passes the same contract over real HTTP:
the stand-in (served on loopback), a client factory pointing at it, the operation that creates
something at the vendor, and a count of what exists there."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from bot.integrations.paging.base import PageRequest
from bot.integrations.paging.opsgenie import OpsgeniePager
from bot.integrations.paging.pagerduty import PagerDutyPager
from bot.integrations.statuspage.atlassian import AtlassianStatuspage
from bot.integrations.statuspage.base import StatusPost
from bot.integrations.tickets.base import TicketRequest
from bot.integrations.tickets.jira import JiraTracker
from bot.integrations.tickets.linear import LinearTracker
from bot.platform.logs import JsonFormatter
from vendor_standins import (
    JiraStandIn,
    LinearStandIn,
    OpsgenieStandIn,
    PagerDutyStandIn,
    StatuspageStandIn,
    VendorStandIn,
)

SP_KEY = "sp-api-key-0123456789abcdef-secret"
PD_KEY = "R0UT1NGKEY0123456789abcdefSECRET"  # 32 characters, as PagerDuty's are
OG_KEY = "0b5c1d2e-opsgenie-secret-key-77"
JIRA_USER = "ic-bot@example.com"
JIRA_TOKEN = "ATATT3xFfGF0-jira-secret-token"
LINEAR_KEY = "lin_api_secretsecretsecret0123456789"
LINEAR_TEAM = "team-ops-1"

POST = StatusPost(incident_id="INC-42", name="Checkout errors", status="investigating", impact="major",
                  body="We are investigating failed checkouts.", components={"cmp-checkout": "major_outage"})
PAGE = PageRequest(incident_id="INC-42", target="checkout", summary="INC-42 SEV1: Checkout API returning 500s",
                   link="https://slack.example/archives/C1")
TICKET = TicketRequest(incident_id="INC-42", number=1, title="Reject db_pool_size < 1 in the validator",
                       description="From the INC-42 postmortem.", due=date(2026, 12, 15),
                       owner_email="carol@example.com")


@dataclass
class Harness:
    name: str
    standin: VendorStandIn
    make: Callable[..., Any]  # make(secret=..., timeout=..., attempts=...) -> client
    act: Callable[[Any], Awaitable[Any]]  # the creating operation
    count: Callable[[], int]  # how many things exist at the vendor
    secret: str
    create_marker: str  # a string only the creating request contains (to script faults on it)


async def _harness(name: str) -> tuple[Harness, VendorStandIn]:
    fast = {"backoff": 0.01}
    if name == "statuspage":
        standin = await StatuspageStandIn(SP_KEY, "page1", {"cmp-checkout": "Checkout"}).start()
        return Harness(
            name, standin,
            lambda secret=SP_KEY, **kw: AtlassianStatuspage(secret, "page1", api_url=standin.base_url, **(fast | kw)),
            lambda client: client.publish(POST), lambda: len(standin.incidents), SP_KEY, "POST /v1/pages"), standin
    if name == "pagerduty":
        standin = await PagerDutyStandIn([PD_KEY]).start()
        return Harness(
            name, standin,
            lambda secret=PD_KEY, **kw: PagerDutyPager(secret, events_url=standin.base_url, **(fast | kw)),
            lambda client: client.trigger(PAGE), lambda: sum(a["status"] != "resolved" for a in standin.alerts.values()),
            PD_KEY, "enqueue"), standin
    if name == "opsgenie":
        standin = await OpsgenieStandIn(OG_KEY).start()
        return Harness(
            name, standin,
            lambda secret=OG_KEY, **kw: OpsgeniePager(secret, api_url=standin.base_url, **(fast | kw)),
            lambda client: client.trigger(PAGE), lambda: len(standin.alerts), OG_KEY, "POST /v2/alerts "), standin
    if name == "jira":
        standin = await JiraStandIn(JIRA_USER, JIRA_TOKEN, accounts={"carol@example.com": "acc-carol"}).start()
        return Harness(
            name, standin,
            lambda secret=JIRA_TOKEN, **kw: JiraTracker(standin.base_url, JIRA_USER, secret, "OPS", **(fast | kw)),
            lambda client: client.open_ticket(TICKET), lambda: len(standin.issues), JIRA_TOKEN,
            "POST /rest/api/3/issue "), standin
    if name == "linear":
        standin = await LinearStandIn(LINEAR_KEY, LINEAR_TEAM, users={"carol@example.com": "usr-carol"}).start()
        return Harness(
            name, standin,
            lambda secret=LINEAR_KEY, **kw: LinearTracker(secret, LINEAR_TEAM, api_url=standin.base_url + "/graphql",
                                                          **(fast | kw)),
            lambda client: client.open_ticket(TICKET), lambda: len(standin.issues), LINEAR_KEY,
            "issueCreate"), standin
    raise AssertionError(name)


VENDORS = ["statuspage", "pagerduty", "opsgenie", "jira", "linear"]


@pytest.fixture(params=VENDORS)
async def vendor(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    harness, standin = await _harness(request.param)
    try:
        yield harness
    finally:
        await standin.stop()


@pytest.fixture
def log_text() -> Callable[[], str]:
    """Everything logged during the test (every logger, DEBUG up), as the bot writes it (JSON)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream.getvalue
    root.removeHandler(handler)
    root.setLevel(old_level)
