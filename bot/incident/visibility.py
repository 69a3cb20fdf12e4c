"""Who may see what of an incident on a shared surface (the App Home): the central access
policy's answer (bot/incident/access.py), for a viewer and the war room's member list.

A private incident (a security incident's private war room) is shown in full only to its war
room's members; everyone else sees at most its number and severity.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.incident import access
from bot.incident.model import Incident


def sees_details(incident: Incident, viewer: str, war_room_members: Collection[str],
                 admins: frozenset[str] = frozenset()) -> bool:
    """True when `viewer` may see the incident's title, status, roles and channel."""
    asker = access.Asker(viewer, admins, is_member=viewer in war_room_members)
    return access.decide(access.Action.VIEW, incident, asker)
