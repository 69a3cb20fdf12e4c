"""The integrations the configuration turns on. Each is off until its settings are set; some but
not all of a vendor's settings set logs a warning naming the missing ones (and it stays off)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.integrations.paging.base import Pager
from bot.integrations.paging.opsgenie import OpsgeniePager
from bot.integrations.paging.pagerduty import PagerDutyPager
from bot.integrations.statuspage.atlassian import AtlassianStatuspage
from bot.integrations.statuspage.base import StatusPagePublisher
from bot.integrations.tickets.base import TicketTracker
from bot.integrations.tickets.jira import JiraTracker
from bot.integrations.tickets.linear import LinearTracker

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger("bot.integrations")


@dataclass
class Integrations:
    statuspage: StatusPagePublisher | None = None
    pagers: list[Pager] = field(default_factory=list)
    tracker: TicketTracker | None = None
    bridge_url: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.statuspage or self.pagers or self.tracker or self.bridge_url)


def _all_or_none(kind: str, values: dict[str, object]) -> bool:
    missing = [name for name, value in values.items() if not value]
    if missing and len(missing) < len(values):
        log.warning(f"{kind} is off: settings missing", extra={"missing": missing})
    return not missing


def make_integrations(settings: Settings) -> Integrations:
    timeout = settings.integration_timeout_seconds
    found = Integrations(bridge_url=settings.bridge_url)
    if _all_or_none("Statuspage", {"STATUSPAGE_API_KEY": settings.statuspage_api_key,
                                   "STATUSPAGE_PAGE_ID": settings.statuspage_page_id}):
        assert settings.statuspage_api_key and settings.statuspage_page_id
        found.statuspage = AtlassianStatuspage(settings.statuspage_api_key, settings.statuspage_page_id,
                                               api_url=settings.statuspage_api_url, timeout=timeout)
    if settings.pagerduty_routing_key or settings.pagerduty_routing_keys:
        found.pagers.append(PagerDutyPager(settings.pagerduty_routing_key, dict(settings.pagerduty_routing_keys),
                                           events_url=settings.pagerduty_events_url, timeout=timeout))
    if settings.opsgenie_api_key:
        found.pagers.append(OpsgeniePager(settings.opsgenie_api_key, api_url=settings.opsgenie_api_url,
                                          timeout=timeout))
    jira = {"JIRA_URL": settings.jira_url, "JIRA_USER": settings.jira_user,
            "JIRA_API_TOKEN": settings.jira_api_token, "JIRA_PROJECT": settings.jira_project}
    linear = {"LINEAR_API_KEY": settings.linear_api_key, "LINEAR_TEAM_ID": settings.linear_team_id}
    if _all_or_none("Jira", jira):
        assert settings.jira_url and settings.jira_user and settings.jira_api_token and settings.jira_project
        found.tracker = JiraTracker(settings.jira_url, settings.jira_user, settings.jira_api_token,
                                    settings.jira_project, settings.jira_issue_type, timeout=timeout)
    elif _all_or_none("Linear", linear):
        assert settings.linear_api_key and settings.linear_team_id
        found.tracker = LinearTracker(settings.linear_api_key, settings.linear_team_id,
                                      api_url=settings.linear_api_url, timeout=timeout)
    return found


def bridge_link(template: str, incident_id: str, number: int, channel_name: str) -> str:
    """The bridge for one incident: a static link, or a template filled with the incident's id,
    number and channel name (an unknown placeholder leaves the template as written)."""
    try:
        return template.format(incident_id=incident_id, number=number, channel_name=channel_name)
    except (KeyError, IndexError, ValueError):
        return template
