"""Incident types, lifecycle statuses and Incident Command System roles."""

from __future__ import annotations

from enum import Enum

from agents.models import INCIDENT_TYPES


class _IncidentTypeBase(str, Enum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# The bot's incident type is built from the one list, agents.models.IncidentType, so adding a
# type is one Literal entry plus its data file (agents/README.md); members are the values upper-
# cased (IncidentType.SERVICE_OUTAGE == "service_outage").
IncidentType = _IncidentTypeBase(
    "IncidentType", {value.upper(): value for value in INCIDENT_TYPES}, module=__name__
)


class Status(str, Enum):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def emoji(self) -> str:
        return {
            Status.INVESTIGATING: ":mag:",
            Status.IDENTIFIED: ":dart:",
            Status.MONITORING: ":eyes:",
            Status.RESOLVED: ":white_check_mark:",
        }[self]


class Role(str, Enum):
    INCIDENT_COMMANDER = "incident_commander"
    TECH_LEAD = "tech_lead"
    COMMS_LEAD = "comms_lead"
    SME = "sme"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def duty(self) -> str:
        return _ROLE_DUTIES[self]


_ROLE_LABELS = {
    Role.INCIDENT_COMMANDER: "Incident Commander",
    Role.TECH_LEAD: "Tech Lead",
    Role.COMMS_LEAD: "Communications Lead",
    Role.SME: "Subject Matter Expert",
}
_ROLE_DUTIES = {
    Role.INCIDENT_COMMANDER: "decides and coordinates",
    Role.TECH_LEAD: "leads investigation and the fix",
    Role.COMMS_LEAD: "owns stakeholder updates",
    Role.SME: "brings expertise on an affected system",
}

ROLE_ALIASES: dict[str, Role] = {
    "ic": Role.INCIDENT_COMMANDER,
    "commander": Role.INCIDENT_COMMANDER,
    "incident_commander": Role.INCIDENT_COMMANDER,
    "incident-commander": Role.INCIDENT_COMMANDER,
    "tl": Role.TECH_LEAD,
    "tech": Role.TECH_LEAD,
    "techlead": Role.TECH_LEAD,
    "tech_lead": Role.TECH_LEAD,
    "tech-lead": Role.TECH_LEAD,
    "comms": Role.COMMS_LEAD,
    "cl": Role.COMMS_LEAD,
    "comms_lead": Role.COMMS_LEAD,
    "comms-lead": Role.COMMS_LEAD,
    "communications": Role.COMMS_LEAD,
    "sme": Role.SME,
    "expert": Role.SME,
}
