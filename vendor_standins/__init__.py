"""Local stand-ins of the vendors the integrations call, served over real HTTP on loopback.

Each is written from the vendor's published API reference (cited beside each rule) and is at
least as strict as the vendor where the bot depends on it. Used by the tests and the drill:

    async with StatuspageStandIn(api_key="k", page_id="p") as page:
        AtlassianStatuspage("k", "p", api_url=page.base_url)
"""

from vendor_standins.base import VendorStandIn
from vendor_standins.jira import JiraStandIn
from vendor_standins.linear import LinearStandIn
from vendor_standins.opsgenie import OpsgenieStandIn
from vendor_standins.pagerduty import PagerDutyStandIn
from vendor_standins.statuspage import StatuspageStandIn

__all__ = ["JiraStandIn", "LinearStandIn", "OpsgenieStandIn", "PagerDutyStandIn", "StatuspageStandIn",
           "VendorStandIn"]
