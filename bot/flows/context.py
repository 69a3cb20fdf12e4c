"""What every flow needs, bundled once at start-up."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.incident.model import Incident
from bot.platform.alert_store import AlertStore
from bot.platform.clock import Clock, utc_now
from bot.platform.incident_store import FollowUps, IncidentStore, StepRuns
from bot.settings import Settings
from bot.slack.gateway import SlackGateway

if TYPE_CHECKING:
    from agents import Backend
    from bot.integrations.setup import Integrations
    from bot.platform.job_queue import JobQueue


class Refused(ValueError):
    """The request is understood but cannot be done; the message tells the person why."""


@dataclass
class FlowContext:
    settings: Settings
    store: IncidentStore
    slack: SlackGateway
    steps: StepRuns
    followups: FollowUps
    alerts: AlertStore
    jobs: JobQueue | None = None
    backend: Backend | None = None  # for steps run in this process (the postmortem)
    bot_user_id: str | None = None  # learnt at start (auth.test)
    clock: Clock = field(default=utc_now)
    # user id → (Slack locale, when read): bot/flows/reader_locale.py
    user_locales: dict[str, tuple[str, float]] = field(default_factory=dict)
    # Called after every change of an incident's clock (the scheduler re-plans its nudge).
    watchers: list[Callable[[Incident], Awaitable[None]]] = field(default_factory=list)
    # Status page, pagers, ticket tracker, bridge: built from the settings on first use
    # (bot/flows/beyond/common.py `integrations_of`).
    integrations: Integrations | None = None

    async def changed(self, incident: Incident) -> None:
        for watch in self.watchers:
            await watch(incident)
