"""Issue 15 §2, the parts of paging the other tests leave out: a routing key per service
(PAGERDUTY_ROUTING_KEYS) and the automatic page when an incident is raised to SEV1."""

from __future__ import annotations

from bot.incident.severity import Severity
from tests.integration.conftest import Harness
from tests.integrations.conftest import PD_KEY
from tests.support.waiting import eventually
from vendor_standins import PagerDutyStandIn

PAYMENTS_KEY = "PAYMENTSR0UT1NGKEY0123456789abcd"  # 32 characters, as PagerDuty's are


async def test_a_service_with_its_own_routing_key_is_paged_through_it(slack, redis_url) -> None:
    async with PagerDutyStandIn([PD_KEY, PAYMENTS_KEY]) as pagerduty:
        harness = Harness(slack, redis_url)
        harness.settings_overrides |= dict(pagerduty_routing_key=PD_KEY, pagerduty_routing_keys={"payments": PAYMENTS_KEY},
                                           pagerduty_events_url=pagerduty.base_url, integration_timeout_seconds=2.0)
        await harness.start_bot()
        try:
            incident = await harness.declare("declare sev2 Payments slow")
            await slack.user("alice").command("/incident", "page Payments card payments time out", incident.channel_id)
            await slack.wait_for_message(incident.channel_id, "paged Payments through PagerDuty")
            await slack.user("alice").command("/incident", "page", incident.channel_id)
            await slack.wait_for_message(incident.channel_id, "paged the on-call through PagerDuty")
            routes = {dedup: alert["routing_key"] for dedup, alert in pagerduty.alerts.items()}
            assert routes == {f"incident-commander/{incident.id}/Payments": PAYMENTS_KEY,
                              f"incident-commander/{incident.id}": PD_KEY}
        finally:
            await harness.stop_all()


async def test_raising_an_incident_to_sev1_pages_once(slack, redis_url) -> None:
    async with PagerDutyStandIn([PD_KEY]) as pagerduty:
        harness = Harness(slack, redis_url)
        harness.settings_overrides |= dict(pagerduty_routing_key=PD_KEY, pagerduty_events_url=pagerduty.base_url,
                                           auto_page="sev1", integration_timeout_seconds=2.0)
        await harness.start_bot()
        try:
            incident = await harness.declare("declare sev2 Checkout latency high")
            assert pagerduty.alerts == {}  # SEV2 is not paged automatically with INCIDENT_AUTO_PAGE=sev1
            await slack.user("alice").command("/incident", "severity sev1 all regions now", incident.channel_id)
            await slack.wait_for_message(incident.channel_id, "paged the on-call through PagerDuty")
            assert (await harness.store.require(incident.id)).severity is Severity.SEV1
            await slack.user("alice").command("/incident", "update still broken", incident.channel_id)
            await slack.wait_for_message(incident.channel_id, "still broken")

            async def one_page() -> bool:
                return [a["events"] for a in pagerduty.alerts.values()] == [1]

            await eventually(one_page, what="exactly one page, sent once")
            assert len(slack.find_messages(incident.channel_id, "paged the on-call")) == 1
        finally:
            await harness.stop_all()
