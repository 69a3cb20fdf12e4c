"""Who may do what: the incident commander (or an admin) decides resolve, severity and IC
hand-over. While nobody, or the bot itself (an alert-declared incident), holds IC, anyone may."""

from __future__ import annotations

from bot.incident.model import Incident


def commands(incident: Incident, actor: str, admins: frozenset[str], bot_user: str | None) -> bool:
    commander = incident.roles.incident_commander
    return actor in admins or commander is None or actor == commander or commander == bot_user
