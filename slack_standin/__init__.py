"""A local, strict stand-in for Slack, used by the tests and by `incident-commander drill`.

It serves the Web API over HTTP for the real `slack_sdk` client and plays the people in the
workspace by sending signed requests to the app. See `SlackStandIn`.
"""

from __future__ import annotations

from slack_standin.blockkit import validate_blocks, validate_message_blocks, validate_view
from slack_standin.channel_names import channel_name_error
from slack_standin.clock import ManualClock, PaceClock, RealPace, ScaledPace, SystemClock, WorkspaceClock
from slack_standin.delivery import DeliveryResult, Signing, signature
from slack_standin.responses import BotResponse
from slack_standin.seed import (
    ALICE,
    APP_ID,
    APP_TOKEN,
    BOB,
    BOT_ID,
    BOT_NAME,
    BOT_TOKEN,
    BOT_USER_ID,
    CAROL,
    DAVE,
    GENERAL_CHANNEL_ID,
    PEOPLE,
    SIGNING_SECRET,
    TEAM,
    VERIFICATION_TOKEN,
)
from slack_standin.standin import SlackStandIn, message_text
from slack_standin.state import ApiCall, Channel, Ephemeral, Message, StoredFile, User, View
from slack_standin.user import SlackUser, ViewSubmissionResult

__all__ = [
    "ALICE",
    "APP_ID",
    "APP_TOKEN",
    "BOB",
    "BOT_ID",
    "BOT_NAME",
    "BOT_TOKEN",
    "BOT_USER_ID",
    "CAROL",
    "DAVE",
    "GENERAL_CHANNEL_ID",
    "PEOPLE",
    "SIGNING_SECRET",
    "TEAM",
    "VERIFICATION_TOKEN",
    "ApiCall",
    "BotResponse",
    "Channel",
    "WorkspaceClock",
    "DeliveryResult",
    "Ephemeral",
    "ManualClock",
    "PaceClock",
    "RealPace",
    "ScaledPace",
    "Message",
    "Signing",
    "SlackStandIn",
    "SlackUser",
    "StoredFile",
    "SystemClock",
    "User",
    "View",
    "ViewSubmissionResult",
    "channel_name_error",
    "message_text",
    "signature",
    "validate_blocks",
    "validate_message_blocks",
    "validate_view",
]
