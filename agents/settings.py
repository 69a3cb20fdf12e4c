"""Agent engine settings, read from the environment (one typed object)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "claude-sonnet-4-6"


class AgentSettings(BaseSettings):
    """`ANTHROPIC_API_KEY` set (non-empty) selects Claude; otherwise the offline engine runs.

    | env | default | meaning |
    |---|---|---|
    | ANTHROPIC_API_KEY | unset | Claude API key; unset or empty = offline |
    | ANTHROPIC_BASE_URL | SDK default | Messages API base URL (a local stand-in in tests) |
    | ANTHROPIC_MODEL | claude-sonnet-4-6 | model id |
    | AGENT_INTERACTIVE_TIMEOUT_S | 45 | per-request timeout of steps people wait for |
    | AGENT_LONG_TIMEOUT_S | 180 | per-request timeout of postmortem, monitoring, hardening |
    | AGENT_MAX_RETRIES | 2 | SDK retries (429, 5xx, 529, timeouts) before falling back |
    | AGENT_INTERACTIVE_DEADLINE_S | 90 | whole-step bound (retries, retry-after sleeps) |
    | AGENT_LONG_DEADLINE_S | 600 | the same for postmortem, monitoring, hardening |
    | RUNBOOKS_DIR | shipped runbooks/ | a folder of team runbooks instead of the shipped set |
    | INCIDENT_TYPES_DIR | shipped runbooks/types/ | a folder with one `<type>.yaml` per type |
    """

    model_config = SettingsConfigDict(extra="ignore")

    anthropic_api_key: SecretStr | None = None
    anthropic_base_url: str | None = None
    anthropic_model: str = DEFAULT_MODEL
    agent_interactive_timeout_s: float = Field(45.0, gt=0)
    agent_long_timeout_s: float = Field(180.0, gt=0)
    agent_max_retries: int = Field(2, ge=0)
    agent_interactive_deadline_s: float = Field(90.0, gt=0)
    agent_long_deadline_s: float = Field(600.0, gt=0)
    runbooks_dir: Path | None = None
    incident_types_dir: Path | None = None

    @field_validator("incident_types_dir", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def use_claude(self) -> bool:
        key = self.anthropic_api_key
        return key is not None and bool(key.get_secret_value().strip())
