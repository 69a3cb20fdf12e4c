"""What each vendor client does beyond creating: update, read, resolve, close, ask if done."""

from __future__ import annotations

import pytest

from bot.integrations.http import IntegrationFailed
from bot.integrations.tickets.base import TicketRequest
from bot.integrations.statuspage.base import StatusPost
from tests.integrations.conftest import PAGE, POST, TICKET, _harness


@pytest.fixture
async def make():
    started = []

    async def build(name: str):
        harness, standin = await _harness(name)
        started.append(standin)
        return harness

    yield build
    for standin in started:
        await standin.stop()


async def test_statuspage_updates_then_resolves_the_same_incident(make) -> None:
    vendor = await make("statuspage")
    client = vendor.make()
    first = await client.publish(POST)
    second = await client.publish(POST.model_copy(update={"status": "resolved", "body": "Fixed.",
                                                          "components": {"cmp-checkout": "operational"}}))
    assert first.created and not second.created and first.public_id == second.public_id
    public = vendor.standin.incidents[first.public_id]
    assert public["status"] == "resolved" and [u["body"] for u in public["incident_updates"]] == [
        "Fixed.", POST.body]
    assert (await client.read(first.public_id)).status == "resolved"


async def test_statuspage_refuses_an_unknown_component(make) -> None:
    vendor = await make("statuspage")
    with pytest.raises(IntegrationFailed, match="HTTP 422"):
        await vendor.make().publish(StatusPost(**(POST.model_dump() | {"components": {"cmp-nope": "major_outage"}})))


@pytest.mark.parametrize("name", ["pagerduty", "opsgenie"])
async def test_a_page_resolves(make, name: str) -> None:
    vendor = await make(name)
    client = vendor.make()
    result = await client.trigger(PAGE)
    await client.resolve(result.dedup_key, PAGE.target)
    alerts = vendor.standin.alerts
    assert [a["status"] for a in alerts.values()] == ["resolved" if name == "pagerduty" else "closed"]


@pytest.mark.parametrize("name", ["jira", "linear"])
async def test_a_ticket_closes_and_says_it_is_done(make, name: str) -> None:
    vendor = await make(name)
    client = vendor.make()
    ticket = await client.open_ticket(TICKET)
    assert ticket.assigned and ticket.url
    assert not await client.is_done(ticket.ref)
    await client.close_ticket(ticket.ref)
    assert await client.is_done(ticket.ref)
    await client.close_ticket(ticket.ref)  # closing a closed ticket is fine


@pytest.mark.parametrize("name", ["jira", "linear"])
async def test_an_owner_without_an_account_leaves_the_ticket_unassigned(make, name: str) -> None:
    vendor = await make(name)
    ticket = await vendor.make().open_ticket(TicketRequest(**(TICKET.model_dump() | {"owner_email": "x@example.com"})))
    assert ticket.created and not ticket.assigned


@pytest.mark.parametrize("name", ["jira", "linear"])
async def test_a_ticket_closed_in_the_tracker_is_seen_as_done(make, name: str) -> None:
    vendor = await make(name)
    client = vendor.make()
    ticket = await client.open_ticket(TICKET)
    vendor.standin.close(ticket.ref)
    assert await client.is_done(ticket.ref)


async def test_the_rate_limit_is_a_rolling_window_per_credential(make) -> None:
    from bot.integrations.http import Transient
    from bot.integrations.paging.base import PageRequest
    from tests.support.waiting import eventually

    vendor = await make("pagerduty")
    vendor.standin.rate_limit = (2, 0.5)
    client = vendor.make(attempts=1)
    pages = [PageRequest(incident_id=f"INC-{n}", summary=f"page {n}") for n in range(4)]
    await client.trigger(pages[0])
    await client.trigger(pages[1])
    with pytest.raises(Transient, match="rate limited"):
        await client.trigger(pages[2])

    async def room_again() -> bool:
        try:
            await client.trigger(pages[3])
        except Transient:
            return False
        return True

    await eventually(room_again, what="the window to roll on")
    assert set(vendor.standin.alerts) == {p.dedup_key for p in (pages[0], pages[1], pages[3])}
