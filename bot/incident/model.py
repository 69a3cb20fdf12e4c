"""The incident record and its timeline events (stored as JSON, shown in Slack)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from pydantic import BaseModel, Field, field_validator

from agents.redact import redact, redact_data

from bot.incident.kinds import IncidentType, Role, Status
from bot.incident.severity import Severity


class Lifecycle(str, Enum):
    """Where declaring stands: a record exists before its war room does."""

    DECLARING = "declaring"
    READY = "ready"
    FAILED = "failed"


class RoleAssignments(BaseModel):
    incident_commander: str | None = None
    tech_lead: str | None = None
    comms_lead: str | None = None
    smes: list[str] = Field(default_factory=list)

    def holder(self, role: Role) -> str | None:
        if role is Role.SME:
            return None
        return getattr(self, role.value)

    def holders(self, role: Role) -> list[str]:
        if role is Role.SME:
            return list(self.smes)
        holder = self.holder(role)
        return [holder] if holder else []

    def assign(self, role: Role, user_id: str) -> str | None:
        """Give `role` to `user_id`; returns who held it before (None for SMEs, who add up)."""
        if role is Role.SME:
            if user_id not in self.smes:
                self.smes.append(user_id)
            return None
        previous = getattr(self, role.value)
        setattr(self, role.value, user_id)
        return previous

    def people(self) -> list[str]:
        seen: list[str] = []
        for user in [self.incident_commander, self.tech_lead, self.comms_lead, *self.smes]:
            if user and user not in seen:
                seen.append(user)
        return seen


class Incident(BaseModel):
    id: str  # human id, e.g. "INC-42"
    number: int
    title: str
    description: str = ""
    severity: Severity
    incident_type: IncidentType | None = None
    status: Status = Status.INVESTIGATING
    lifecycle: Lifecycle = Lifecycle.DECLARING
    declared_by: str
    declared_at: datetime
    severity_set_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution: str = ""
    origin_channel_id: str | None = None
    channel_id: str | None = None
    channel_name: str | None = None
    channel_slug: str = ""  # the declare form's short channel name, used instead of the title's
    card_ts: str | None = None
    is_private: bool = False
    roles: RoleAssignments = Field(default_factory=RoleAssignments)

    @field_validator("title", "description", "resolution")
    @classmethod
    def _no_secrets(cls, value: str) -> str:
        return redact(value)

    # Status-update clock: when the next update is due and how many nudges went out for it.
    next_update_due: datetime | None = None
    last_update_at: datetime | None = None
    nudges_sent: int = 0
    # Follow-through after resolve.
    postmortem_at: datetime | None = None
    postmortem_ts: str | None = None  # the summary message in the war room, updated in place
    postmortem_reminded: bool = False
    postmortem_reminder_failures: int = 0  # DMs to the IC Slack refused; reported in the war room
    war_room_lost: str | None = None  # Slack's error when the war room became unreachable
    # Beyond the war room (bot/flows/beyond/): links shown on the card (label -> URL: the bridge,
    # the public status page) and whether paging the on-call is configured (the card's button).
    links: dict[str, str] = Field(default_factory=dict)
    can_page: bool = False

    @property
    def is_open(self) -> bool:
        return self.status is not Status.RESOLVED and self.lifecycle is not Lifecycle.FAILED

    def duration(self, now: datetime) -> timedelta:
        return (self.resolved_at or now) - self.declared_at


class EventKind(str, Enum):
    DECLARED = "declared"
    ROLE_ASSIGNED = "role_assigned"
    STATUS_CHANGED = "status_changed"
    SEVERITY_CHANGED = "severity_changed"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    STATUS_UPDATE = "status_update"
    UPDATE_NUDGE = "update_nudge"
    UPDATE_ESCALATION = "update_escalation"
    STEP_COMPLETED = "step_completed"
    DECISION = "decision"
    CAPTURED = "captured_message"  # a war-room message marked with the capture emoji, or pinned
    POSTMORTEM = "postmortem"
    NOTE = "note"
    ALERT_FIRING = "alert_firing"
    ALERT_RESOLVED = "alert_resolved"
    DEPLOY = "deploy"


class TimelineEvent(BaseModel):
    at: datetime
    kind: EventKind
    actor: str | None  # Slack user id, None for the bot itself
    text: str
    reason: str = ""
    data: dict[str, Any] = Field(default_factory=dict)

    @field_validator("text", "reason")
    @classmethod
    def _no_secrets(cls, value: str) -> str:
        return redact(value)

    @field_validator("data")
    @classmethod
    def _no_secrets_in_data(cls, value: dict[str, Any]) -> dict[str, Any]:
        return redact_data(value)  # an update's impact and next steps, a captured message, ...


class ActionType(str, Enum):
    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    PROCESS = "process"


class ActionItem(BaseModel):
    """A confirmed postmortem action item, tracked until done: it exists only with an owner and
    a deadline (the postmortem step only suggests: agents.models.SuggestedActionItem)."""

    number: int
    description: str
    owner: str  # Slack user id
    due: date
    type: ActionType
    done_at: datetime | None = None
    done_by: str | None = None
    reminded: list[str] = Field(default_factory=list)  # "before", "due" once Slack accepted it
    reminder_failures: int = 0  # DMs Slack refused in a row; reported to the IC at REPORT_AFTER
    reminder_reported: bool = False

    @field_validator("description")
    @classmethod
    def _no_secrets(cls, value: str) -> str:
        return redact(value)
    reminded: list[str] = Field(default_factory=list)  # "before", "due" once sent
    # Its ticket in Jira or Linear, once made (bot/flows/beyond/tickets.py)
    ticket_key: str | None = None  # "OPS-12"
    ticket_url: str | None = None
    ticket_ref: str | None = None  # the tracker's id for API calls

    @property
    def is_open(self) -> bool:
        return self.done_at is None
