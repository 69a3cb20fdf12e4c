"""What every flow needs, bundled once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock, utc_now
from bot.settings import Settings
from bot.slack.gateway import SlackGateway
from bot.store import IncidentStore


class Refused(ValueError):
    """The request is understood but cannot be done; the message tells the person why."""


@dataclass
class FlowContext:
    settings: Settings
    store: IncidentStore
    slack: SlackGateway
    clock: Clock = field(default=utc_now)
