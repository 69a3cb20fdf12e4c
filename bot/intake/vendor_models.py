"""Webhook payloads of the systems the integrations talk to (issue 15): a ticket changed in Jira
or Linear, an alert acknowledged in Opsgenie. Only the fields the bot reads are modelled; the
rest is ignored, as each vendor adds fields over time.

- Jira admin webhook, `jira:issue_updated` (https://developer.atlassian.com/cloud/jira/platform/webhooks/):
  `{"timestamp", "webhookEvent", "issue": {"id", "key", "fields": {"status": {"name",
  "statusCategory": {"key": "new"|"indeterminate"|"done"}}}}, "changelog", "user"}`.
- Linear webhook (https://linear.app/developers/webhooks): `{"action": "create"|"update"|"remove",
  "type": "Issue", "data": {"id", "identifier", "state": {"type"}}, "url", "webhookTimestamp"
  (ms), "webhookId", "organizationId"}`.
- Opsgenie outgoing webhook (Webhook integration,
  https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-outgoing-webhooks/):
  `{"action": "Acknowledge"|..., "alert": {"alertId", "alias", "message", "username", "userId"},
  "source": {"name", "type"}, "integrationName", "integrationId"}`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

JIRA_ISSUE_UPDATED = "jira:issue_updated"
LINEAR_DONE_STATES = ("completed", "canceled")
OPSGENIE_ACKNOWLEDGE = "Acknowledge"


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class JiraStatusCategory(_Loose):
    key: str = ""


class JiraStatus(_Loose):
    name: str = ""
    statusCategory: JiraStatusCategory = Field(default_factory=JiraStatusCategory)


class JiraIssueFields(_Loose):
    status: JiraStatus | None = None


class JiraIssue(_Loose):
    id: str = ""
    key: str = Field(min_length=1)
    fields: JiraIssueFields = Field(default_factory=JiraIssueFields)


class JiraWebhook(_Loose):
    webhookEvent: str = Field(min_length=1)
    timestamp: int | None = None
    issue: JiraIssue | None = None

    @property
    def done(self) -> bool:
        status = self.issue.fields.status if self.issue else None
        return bool(status) and status.statusCategory.key == "done"


class LinearState(_Loose):
    type: str = ""


class LinearIssue(_Loose):
    id: str = Field(min_length=1)
    identifier: str = ""
    state: LinearState | None = None


class LinearWebhook(_Loose):
    action: str = Field(min_length=1)
    type: str = Field(min_length=1)
    data: dict[str, Any]
    webhookTimestamp: int
    webhookId: str = ""

    def issue(self) -> LinearIssue:
        return LinearIssue.model_validate(self.data)

    @staticmethod
    def is_done(issue: LinearIssue) -> bool:
        return bool(issue.state) and issue.state.type in LINEAR_DONE_STATES


class OpsgenieAlert(_Loose):
    alertId: str = Field(min_length=1)
    alias: str = ""
    message: str = ""
    username: str = ""
    userId: str = ""


class OpsgenieWebhook(_Loose):
    action: str = Field(min_length=1)
    alert: OpsgenieAlert
