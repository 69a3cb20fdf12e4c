"""Incident types, lifecycle statuses and Incident Command System roles."""

from __future__ import annotations

from enum import Enum


class IncidentType(str, Enum):
    """The bot's incident type: the values of agents.models.IncidentType, with a label."""

    PERFORMANCE_DEGRADATION = "performance_degradation"
    SERVICE_OUTAGE = "service_outage"
    SECURITY_INCIDENT = "security_incident"
    DATA_INTEGRITY = "data_integrity"
    INFRASTRUCTURE_FAILURE = "infrastructure_failure"
    THIRD_PARTY_OUTAGE = "third_party_outage"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


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
