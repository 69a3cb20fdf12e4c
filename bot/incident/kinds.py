"""Incident types, lifecycle statuses and Incident Command System roles."""

from __future__ import annotations

from enum import Enum

from agents.models import INCIDENT_TYPES
from i18n import t


class _IncidentTypeBase(str, Enum):
    @property
    def label(self) -> str:
        """The type's name in the current locale (a type with no catalogue key yet reads its value)."""
        key = _TYPE_LABELS.get(self.value)
        return t(key) if key else self.value.replace("_", " ").capitalize()


# Display names of the types in runbooks/types/*.yaml; a new type adds its key to i18n/locales/*/ui-kinds.ftl.
_TYPE_LABELS = {
    "performance_degradation": "ui-type-performance-degradation",
    "service_outage": "ui-type-service-outage",
    "security_incident": "ui-type-security-incident",
    "data_integrity": "ui-type-data-integrity",
    "infrastructure_failure": "ui-type-infrastructure-failure",
    "third_party_outage": "ui-type-third-party-outage",
}


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
        return t(_STATUS_LABELS[self])

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
        return t(_ROLE_LABELS[self])

    @property
    def duty(self) -> str:
        return t(_ROLE_DUTIES[self])


_STATUS_LABELS = {
    Status.INVESTIGATING: "ui-status-investigating",
    Status.IDENTIFIED: "ui-status-identified",
    Status.MONITORING: "ui-status-monitoring",
    Status.RESOLVED: "ui-status-resolved",
}
_ROLE_LABELS = {
    Role.INCIDENT_COMMANDER: "ui-role-incident-commander",
    Role.TECH_LEAD: "ui-role-tech-lead",
    Role.COMMS_LEAD: "ui-role-comms-lead",
    Role.SME: "ui-role-sme",
}
_ROLE_DUTIES = {
    Role.INCIDENT_COMMANDER: "ui-role-duty-incident-commander",
    Role.TECH_LEAD: "ui-role-duty-tech-lead",
    Role.COMMS_LEAD: "ui-role-duty-comms-lead",
    Role.SME: "ui-role-duty-sme",
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
