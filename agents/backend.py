"""Choose the backend for this process from the agent settings."""

from __future__ import annotations

from agents.backend_protocol import Backend
from agents.settings import AgentSettings


def make_backend(settings: AgentSettings | None = None) -> Backend:
    """Claude when an API key is configured, the offline engine otherwise."""
    from agents.claude import ClaudeBackend
    from agents.offline import OfflineBackend

    settings = settings or AgentSettings()
    offline = OfflineBackend(runbook_dir=settings.runbooks_dir)
    if not settings.use_claude:
        return offline
    assert settings.anthropic_api_key is not None
    return ClaudeBackend(
        api_key=settings.anthropic_api_key.get_secret_value(),
        base_url=settings.anthropic_base_url,
        model=settings.anthropic_model,
        interactive_timeout_s=settings.agent_interactive_timeout_s,
        long_timeout_s=settings.agent_long_timeout_s,
        max_retries=settings.agent_max_retries,
        interactive_deadline_s=settings.agent_interactive_deadline_s,
        long_deadline_s=settings.agent_long_deadline_s,
        fallback=offline,
    )
