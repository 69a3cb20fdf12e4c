"""The bridge: a static Zoom/Meet link or a template (INCIDENT_BRIDGE_URL), shown on the card
and bookmarked in the war room's header."""

from __future__ import annotations

from bot.flows.beyond.common import integrations_of, log
from bot.flows.context import FlowContext
from bot.incident.model import Incident
from bot.integrations.setup import bridge_link
from bot.slack.gateway import SlackFailure
from bot.ui import text
from i18n import t

BRIDGE = "Bridge"


def bridge_for(ctx: FlowContext, incident: Incident) -> str | None:
    template = integrations_of(ctx).bridge_url
    if not template:
        return None
    return bridge_link(template, incident.id, incident.number, incident.channel_name or "")


async def bookmark_bridge(ctx: FlowContext, incident: Incident, link: str) -> None:
    if not incident.channel_id:
        return
    try:
        await ctx.slack.add_bookmark(incident.channel_id, t("text-bridge-bookmark", incident=incident.id), link, ":telephone_receiver:")
    except SlackFailure as failure:  # the link is on the card anyway
        log.warning("bridge bookmark failed", extra={"incident_id": incident.id, "error": failure.error})
        await ctx.slack.post(incident.channel_id, text.vendor_failed("Slack bookmarks", t("text-doing-bookmarking-bridge"),
                                                                     failure.error))
