"""Who may see what of an incident on a shared surface (the App Home): the one check, to be
routed through the central access policy (bot/incident/access.py) when that lands.

A private incident (a security incident's private war room) is shown in full only to its war
room's members; everyone else sees at most its number and severity.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.incident.model import Incident


def sees_details(incident: Incident, viewer: str, war_room_members: Collection[str]) -> bool:
    """True when `viewer` may see the incident's title, status, roles and channel."""
    return not incident.is_private or viewer in war_room_members
