"""One typed settings object, from the environment and an optional YAML config file.

Environment variables win over the file (`INCIDENT_CONFIG=path/to/incident.yml`), whose keys
are the field names below (e.g. `channel_prefix: inc`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from bot.incident.cadence import DEFAULT_CADENCES, InvalidDuration, parse_cadence
from bot.incident.channel_name import InvalidPrefix, validate_prefix
from bot.incident.severity import Severity

CONFIG_FILE_ENV = "INCIDENT_CONFIG"


class ConfigError(ValueError):
    """Settings are missing or invalid; the message names the setting."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    slack_bot_token: SecretStr = Field(
        SecretStr(""), validation_alias=AliasChoices("SLACK_BOT_TOKEN", "slack_bot_token")
    )
    slack_signing_secret: SecretStr = Field(
        SecretStr(""), validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "slack_signing_secret")
    )
    slack_app_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "slack_app_token")
    )
    slack_api_url: str = Field(
        "https://slack.com/api/", validation_alias=AliasChoices("SLACK_API_URL", "slack_api_url")
    )
    redis_url: SecretStr | None = Field(
        None, validation_alias=AliasChoices("REDIS_URL", "redis_url")
    )
    port: int = Field(3000, ge=0, le=65535, validation_alias=AliasChoices("PORT", "port"))
    host: str = Field("0.0.0.0", validation_alias=AliasChoices("HOST", "host"))
    channel_prefix: str = Field(
        "inc", validation_alias=AliasChoices("INCIDENT_CHANNEL_PREFIX", "channel_prefix")
    )
    broadcast_channel: str | None = Field(
        None, validation_alias=AliasChoices("INCIDENT_BROADCAST_CHANNEL", "broadcast_channel")
    )
    log_level: str = Field("INFO", validation_alias=AliasChoices("LOG_LEVEL", "log_level"))
    cadence_sev1: str = Field(
        DEFAULT_CADENCES[Severity.SEV1], validation_alias=AliasChoices("INCIDENT_CADENCE_SEV1", "cadence_sev1")
    )
    cadence_sev2: str = Field(
        DEFAULT_CADENCES[Severity.SEV2], validation_alias=AliasChoices("INCIDENT_CADENCE_SEV2", "cadence_sev2")
    )
    cadence_sev3: str = Field(
        DEFAULT_CADENCES[Severity.SEV3], validation_alias=AliasChoices("INCIDENT_CADENCE_SEV3", "cadence_sev3")
    )
    cadence_sev4: str = Field(
        DEFAULT_CADENCES[Severity.SEV4], validation_alias=AliasChoices("INCIDENT_CADENCE_SEV4", "cadence_sev4")
    )
    # How often every process re-reads open incidents to arm nudges armed elsewhere.
    nudge_resync_seconds: float = Field(
        15.0, gt=0, validation_alias=AliasChoices("INCIDENT_NUDGE_RESYNC_SECONDS", "nudge_resync_seconds")
    )

    admins: str = Field(
        "", validation_alias=AliasChoices("INCIDENT_ADMINS", "admins")
    )  # comma-separated Slack user ids who may act as IC on any incident
    declare_recovery_seconds: float = Field(
        120, ge=0, validation_alias=AliasChoices("INCIDENT_DECLARE_RECOVERY_SECONDS", "declare_recovery_seconds")
    )  # a declare still unfinished after this long is taken to be cut off by a crash
    capture_emoji: str = Field(
        "pushpin", validation_alias=AliasChoices("INCIDENT_CAPTURE_EMOJI", "capture_emoji")
    )
    embedded_worker: bool = Field(
        True, validation_alias=AliasChoices("INCIDENT_EMBEDDED_WORKER", "embedded_worker")
    )
    agent_job_timeout_s: int = Field(
        900, gt=0, validation_alias=AliasChoices("AGENT_JOB_TIMEOUT_S", "agent_job_timeout_s")
    )
    agent_max_jobs: int = Field(10, gt=0, validation_alias=AliasChoices("AGENT_MAX_JOBS", "agent_max_jobs"))
    # Language of shared messages, and of a person's replies when Slack does not say theirs.
    locale: str = Field("en", validation_alias=AliasChoices("INCIDENT_LOCALE", "locale"))
    # IANA zone for every time the bot writes out (Slack date tokens still show each reader's own).
    timezone: str = Field("UTC", validation_alias=AliasChoices("INCIDENT_TIMEZONE", "timezone"))
    user_locale_ttl_seconds: float = Field(
        3600, ge=0, validation_alias=AliasChoices("INCIDENT_USER_LOCALE_TTL_SECONDS", "user_locale_ttl_seconds")
    )

    @field_validator("locale")
    @classmethod
    def _locale_is_supported(cls, value: str) -> str:
        from i18n import LOCALES, supported_locale

        found = supported_locale(value)
        if found is None:
            raise ValueError(f"{value!r} is not a supported locale; use one of: {', '.join(LOCALES)}")
        return found

    @field_validator("timezone")
    @classmethod
    def _timezone_is_iana(cls, value: str) -> str:
        from i18n.times import UnknownTimezone, zone

        try:
            zone(value)
        except UnknownTimezone as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("cadence_sev1", "cadence_sev2", "cadence_sev3", "cadence_sev4")
    @classmethod
    def _cadence_is_a_duration(cls, value: str) -> str:
        try:
            parse_cadence(value)
        except InvalidDuration as exc:
            raise ValueError(str(exc)) from None
        return value

    @property
    def admin_ids(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.admins.replace(" ", ",").split(",") if part.strip())

    def cadence(self, severity: Severity) -> timedelta | None:
        """How often a status update is due at this severity (None: no cadence)."""
        return parse_cadence(getattr(self, f"cadence_{severity.value.lower()}"))

    @field_validator("channel_prefix")
    @classmethod
    def _prefix_is_valid(cls, value: str) -> str:
        try:
            return validate_prefix(value)
        except InvalidPrefix as exc:
            raise ValueError(str(exc)) from None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @field_validator("broadcast_channel", "slack_app_token", "redis_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get(CONFIG_FILE_ENV)
        if config_file:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=Path(config_file)))
        return tuple(sources)

    # --- alert intake and evidence (issue 4) ---
    webhook_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("WEBHOOK_TOKEN", "webhook_token")
    )
    pagerduty_webhook_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("PAGERDUTY_WEBHOOK_SECRET", "pagerduty_webhook_secret")
    )
    webhook_max_bytes: int = Field(
        1_048_576, ge=1024, validation_alias=AliasChoices("WEBHOOK_MAX_BYTES", "webhook_max_bytes")
    )
    triage_channel: str | None = Field(
        None, validation_alias=AliasChoices("INCIDENT_TRIAGE_CHANNEL", "triage_channel")
    )
    # Routing rules for alerts (bot/intake/routing.py); empty: severity=critical declares SEV2.
    alert_routes: list[dict[str, Any]] = Field(
        default_factory=list, validation_alias=AliasChoices("ALERT_ROUTES", "alert_routes")
    )
    alert_declared_by: str | None = Field(
        None, validation_alias=AliasChoices("ALERT_DECLARED_BY", "alert_declared_by")
    )
    prometheus_url: str | None = Field(None, validation_alias=AliasChoices("PROMETHEUS_URL", "prometheus_url"))
    alertmanager_url: str | None = Field(
        None, validation_alias=AliasChoices("ALERTMANAGER_URL", "alertmanager_url")
    )
    evidence_timeout_seconds: float = Field(
        5.0, gt=0, validation_alias=AliasChoices("EVIDENCE_TIMEOUT_SECONDS", "evidence_timeout_seconds")
    )
    evidence_service_label: str = Field(
        "job", validation_alias=AliasChoices("EVIDENCE_SERVICE_LABEL", "evidence_service_label")
    )
    evidence_rate_window: str = Field(
        "1m", validation_alias=AliasChoices("EVIDENCE_RATE_WINDOW", "evidence_rate_window")
    )
    evidence_baseline_minutes: float = Field(
        30.0, gt=0, validation_alias=AliasChoices("EVIDENCE_BASELINE_MINUTES", "evidence_baseline_minutes")
    )
    sli_queries: dict[str, str] = Field(
        default_factory=dict, validation_alias=AliasChoices("SLI_QUERIES", "sli_queries")
    )
    sli_service_queries: dict[str, dict[str, str]] = Field(
        default_factory=dict, validation_alias=AliasChoices("SLI_SERVICE_QUERIES", "sli_service_queries")
    )
    slo_objectives: dict[str, float] = Field(
        default_factory=dict, validation_alias=AliasChoices("SLO_OBJECTIVES", "slo_objectives")
    )
    slo_window_days: float = Field(30.0, gt=0, validation_alias=AliasChoices("SLO_WINDOW_DAYS", "slo_window_days"))
    # --- root cause across the call graph (issue 14) ---
    evidence_max_services: int = Field(
        500, ge=1, validation_alias=AliasChoices("EVIDENCE_MAX_SERVICES", "evidence_max_services")
    )
    evidence_discovery_query: str = Field(
        "group by ($label) (up)",
        validation_alias=AliasChoices("EVIDENCE_DISCOVERY_QUERY", "evidence_discovery_query"),
    )
    evidence_dependency_map: dict[str, list[str]] = Field(
        default_factory=dict,
        validation_alias=AliasChoices("EVIDENCE_DEPENDENCY_MAP", "evidence_dependency_map"),
    )
    evidence_graph_metrics: bool = Field(
        True, validation_alias=AliasChoices("EVIDENCE_GRAPH_METRICS", "evidence_graph_metrics")
    )
    evidence_infer_dependencies: bool = Field(
        True,
        validation_alias=AliasChoices("EVIDENCE_INFER_DEPENDENCIES", "evidence_infer_dependencies"),
    )
    evidence_components: dict[str, str] = Field(
        default_factory=dict,
        validation_alias=AliasChoices("EVIDENCE_COMPONENTS", "evidence_components"),
    )

    @field_validator("alert_routes")
    @classmethod
    def _alert_routes_are_valid(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from bot.intake.routing import parse_routes

        parse_routes(value)
        return value

    @field_validator("slo_objectives")
    @classmethod
    def _objectives_are_ratios(cls, value: dict[str, float]) -> dict[str, float]:
        for service, objective in value.items():
            if not 0 < objective < 1:
                raise ValueError(f"{service}: an objective is a ratio such as 0.999, got {objective}")
        return value

    @field_validator(
        "webhook_token", "pagerduty_webhook_secret", "triage_channel", "alert_declared_by",
        "prometheus_url", "alertmanager_url", mode="before",
    )
    @classmethod
    def _blank_intake_setting_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    # --- postmortem export (issue 5) ---
    # Directory for <incident-id>-postmortem.md files; "off" turns the directory export off.
    postmortem_dir: str = Field(
        "postmortems", validation_alias=AliasChoices("POSTMORTEM_DIR", "postmortem_dir")
    )
    # Confluence Cloud export: on when URL, space, user and API token are all set.
    confluence_url: str | None = Field(None, validation_alias=AliasChoices("CONFLUENCE_URL", "confluence_url"))
    confluence_space: str | None = Field(
        None, validation_alias=AliasChoices("CONFLUENCE_SPACE", "confluence_space")
    )
    confluence_user: str | None = Field(None, validation_alias=AliasChoices("CONFLUENCE_USER", "confluence_user"))
    confluence_api_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("CONFLUENCE_API_TOKEN", "confluence_api_token")
    )
    confluence_parent_page_id: str | None = Field(
        None, validation_alias=AliasChoices("CONFLUENCE_PARENT_PAGE_ID", "confluence_parent_page_id")
    )
    confluence_timeout_seconds: float = Field(
        10.0, gt=0, validation_alias=AliasChoices("CONFLUENCE_TIMEOUT_SECONDS", "confluence_timeout_seconds")
    )

    @field_validator("postmortem_dir", mode="before")
    @classmethod
    def _postmortem_dir_is_set(cls, value: Any) -> Any:
        if value is False:
            return "off"  # YAML reads a bare `off` as false
        if isinstance(value, str) and not value.strip():
            raise ValueError("a directory for postmortem files, or off")
        return value.strip() if isinstance(value, str) else value

    @field_validator(
        "confluence_url", "confluence_space", "confluence_user", "confluence_api_token",
        "confluence_parent_page_id", mode="before",
    )
    @classmethod
    def _blank_confluence_setting_is_unset(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a page id written as a YAML number
        return None if isinstance(value, str) and not value.strip() else value

    # --- Slack as it really is (issue 8) ---
    # An Alertmanager group larger than this keeps its first N alerts; the rest are counted.
    alert_max_alerts: int = Field(
        200, ge=1, validation_alias=AliasChoices("ALERT_MAX_ALERTS", "alert_max_alerts")
    )

    @field_validator("confluence_url")
    @classmethod
    def _confluence_url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().lower().startswith(("https://", "http://")):
            raise ValueError("the site URL, such as https://your-site.atlassian.net")
        return value.strip() if value else value

    @field_validator("confluence_parent_page_id")
    @classmethod
    def _parent_page_id_is_numeric(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().isdigit():
            raise ValueError("a page id is a number (the digits in the page's URL)")
        return value.strip() if value else value

    # --- limits on abuse (issue 9, bot/flows/limits.py) ---
    # Incidents one person may declare per minute (0: no limit).
    declare_rate_per_minute: int = Field(
        5, ge=0, validation_alias=AliasChoices("INCIDENT_DECLARE_RATE_PER_MINUTE", "declare_rate_per_minute")
    )
    # Open alert-declared incidents per routing rule; further alert groups go to triage (0: no cap).
    alert_max_open_per_rule: int = Field(
        5, ge=0, validation_alias=AliasChoices("ALERT_MAX_OPEN_PER_RULE", "alert_max_open_per_rule")
    )
    # Notes kept on a timeline; older ones are folded into one summary note (decisions, status
    # and severity changes are never folded).
    timeline_max_notes: int = Field(
        500, ge=10, validation_alias=AliasChoices("INCIDENT_TIMELINE_MAX_NOTES", "timeline_max_notes")
    )
    # The same agent steps cannot be asked for again on the same incident within this long.
    agent_rerun_cooldown_seconds: int = Field(
        300, ge=0, validation_alias=AliasChoices("AGENT_RERUN_COOLDOWN_SECONDS", "agent_rerun_cooldown_seconds")
    )

    # --- safe by default (issue 9: webhook auth, postmortem file mode) ---
    # "token": a webhook route is served only with WEBHOOK_TOKEN set (PagerDuty's also with
    # PAGERDUTY_WEBHOOK_SECRET); "none": served unauthenticated, said loudly at start-up.
    webhook_auth: Literal["token", "none"] = Field(
        "token", validation_alias=AliasChoices("WEBHOOK_AUTH", "webhook_auth")
    )
    # Mode of a new postmortem file (octal, e.g. "640"); an existing file keeps its own.
    postmortem_file_mode: int = Field(
        0o600, validation_alias=AliasChoices("POSTMORTEM_FILE_MODE", "postmortem_file_mode")
    )

    @field_validator("webhook_auth", mode="before")
    @classmethod
    def _webhook_auth_word(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("postmortem_file_mode", mode="before")
    @classmethod
    def _file_mode_is_octal(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                value = int(value.strip().removeprefix("0o"), 8)
            except ValueError:
                raise ValueError("an octal file mode such as 600 or 640") from None
        if isinstance(value, int) and not 0 <= value <= 0o777:
            raise ValueError("an octal file mode such as 600 or 640")
        return value
    # --- beyond the war room (issue 12): status page, paging, tickets, bridge; each off until set ---
    statuspage_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("STATUSPAGE_API_KEY", "statuspage_api_key"))
    statuspage_page_id: str | None = Field(
        None, validation_alias=AliasChoices("STATUSPAGE_PAGE_ID", "statuspage_page_id"))
    statuspage_api_url: str = Field(
        "https://api.statuspage.io", validation_alias=AliasChoices("STATUSPAGE_API_URL", "statuspage_api_url"))
    # service name -> Statuspage component id; the incident's services set their components' status
    statuspage_components: dict[str, str] = Field(
        default_factory=dict, validation_alias=AliasChoices("STATUSPAGE_COMPONENTS", "statuspage_components"))
    pagerduty_routing_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("PAGERDUTY_ROUTING_KEY", "pagerduty_routing_key"))
    # service or team -> routing key of its Events API v2 integration
    pagerduty_routing_keys: dict[str, SecretStr] = Field(
        default_factory=dict, validation_alias=AliasChoices("PAGERDUTY_ROUTING_KEYS", "pagerduty_routing_keys"))
    pagerduty_events_url: str = Field(
        "https://events.pagerduty.com",
        validation_alias=AliasChoices("PAGERDUTY_EVENTS_URL", "pagerduty_events_url"))
    # PagerDuty user id -> Slack user id: who acknowledged a page can be made a role holder in one click
    pagerduty_slack_users: dict[str, str] = Field(
        default_factory=dict, validation_alias=AliasChoices("PAGERDUTY_SLACK_USERS", "pagerduty_slack_users"))
    opsgenie_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("OPSGENIE_API_KEY", "opsgenie_api_key"))
    opsgenie_api_url: str = Field(
        "https://api.opsgenie.com", validation_alias=AliasChoices("OPSGENIE_API_URL", "opsgenie_api_url"))
    # "sev1": declaring (or raising to) SEV1 pages the on-call; "sev2": SEV1 and SEV2; "": never
    auto_page: str = Field("", validation_alias=AliasChoices("INCIDENT_AUTO_PAGE", "auto_page"))
    jira_url: str | None = Field(None, validation_alias=AliasChoices("JIRA_URL", "jira_url"))
    jira_user: str | None = Field(None, validation_alias=AliasChoices("JIRA_USER", "jira_user"))
    jira_api_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("JIRA_API_TOKEN", "jira_api_token"))
    jira_project: str | None = Field(None, validation_alias=AliasChoices("JIRA_PROJECT", "jira_project"))
    jira_issue_type: str = Field("Task", validation_alias=AliasChoices("JIRA_ISSUE_TYPE", "jira_issue_type"))
    linear_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("LINEAR_API_KEY", "linear_api_key"))
    linear_team_id: str | None = Field(None, validation_alias=AliasChoices("LINEAR_TEAM_ID", "linear_team_id"))
    linear_api_url: str = Field(
        "https://api.linear.app/graphql", validation_alias=AliasChoices("LINEAR_API_URL", "linear_api_url"))
    # A static Zoom/Meet link, or a template with {incident_id}, {number}, {channel_name}
    bridge_url: str | None = Field(None, validation_alias=AliasChoices("INCIDENT_BRIDGE_URL", "bridge_url"))
    integration_timeout_seconds: float = Field(
        10.0, gt=0, validation_alias=AliasChoices("INTEGRATION_TIMEOUT_SECONDS", "integration_timeout_seconds"))
    # How often open action items' tickets are checked for having been closed in the tracker
    ticket_poll_seconds: float = Field(
        300.0, gt=0, validation_alias=AliasChoices("TICKET_POLL_SECONDS", "ticket_poll_seconds"))
    # Signing secrets of the trackers' webhooks: a ticket closed there closes its item at once
    # (/webhooks/jira, /webhooks/linear; each route is served only with its secret set)
    jira_webhook_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("JIRA_WEBHOOK_SECRET", "jira_webhook_secret"))
    linear_webhook_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("LINEAR_WEBHOOK_SECRET", "linear_webhook_secret"))

    @field_validator("jira_webhook_secret", "linear_webhook_secret", mode="before")
    @classmethod
    def _blank_webhook_secret_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "statuspage_api_key", "statuspage_page_id", "pagerduty_routing_key", "opsgenie_api_key", "jira_url",
        "jira_user", "jira_api_token", "jira_project", "linear_api_key", "linear_team_id", "bridge_url",
        mode="before",
    )
    @classmethod
    def _blank_integration_setting_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("auto_page", mode="before")
    @classmethod
    def _auto_page_is_a_severity(cls, value: Any) -> Any:
        word = str(value or "").strip().lower()
        if word in ("", "off", "false", "none", "no"):
            return ""
        if word not in ("sev1", "sev2", "sev3", "sev4"):
            raise ValueError("sev1 (page for SEV1), sev2 (SEV1 and SEV2), ... or off")
        return word

    @field_validator("bridge_url")
    @classmethod
    def _bridge_is_a_link(cls, value: str | None) -> str | None:
        if value is not None and not value.strip().lower().startswith(("https://", "http://")):
            raise ValueError("an http(s) link, such as https://zoom.us/j/123 or a template with {incident_id}")
        return value.strip() if value else value


    # --- App Home and the weekly report (issue 16) ---
    # After a change, Home tabs are republished once this many seconds of quiet have passed
    # (one views.publish per recent viewer per batch of changes).
    home_refresh_seconds: float = Field(
        5.0, gt=0, validation_alias=AliasChoices("HOME_REFRESH_SECONDS", "home_refresh_seconds"))
    # Whose Home tab is kept fresh: people who opened it in the last this many days.
    home_viewer_days: int = Field(14, gt=0, validation_alias=AliasChoices("HOME_VIEWER_DAYS", "home_viewer_days"))
    report_channel: str | None = Field(
        None, validation_alias=AliasChoices("INCIDENT_REPORT_CHANNEL", "report_channel"))
    # "<weekday> HH:MM" in UTC (mon..sun), or "off"
    report_schedule: str = Field(
        "mon 09:00", validation_alias=AliasChoices("INCIDENT_REPORT_SCHEDULE", "report_schedule"))

    @field_validator("report_channel", mode="before")
    @classmethod
    def _blank_report_channel_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("report_schedule")
    @classmethod
    def _report_schedule_is_a_weekly_time(cls, value: str) -> str:
        from bot.reports.schedule import parse_weekly

        parse_weekly(value)  # raises ValueError with the expected form
        return value.strip().lower()


def load_settings(**overrides: Any) -> Settings:
    """Build settings, turning validation failures into one readable ConfigError."""
    config_file = os.environ.get(CONFIG_FILE_ENV)
    if config_file and not Path(config_file).is_file():
        raise ConfigError(f"{CONFIG_FILE_ENV}={config_file}: no such file")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "settings"
            problems.append(f"{field}: {error['msg']}")
        raise ConfigError("invalid configuration: " + "; ".join(problems)) from None
