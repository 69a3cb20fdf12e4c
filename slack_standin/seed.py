"""The default workspace: one team, the bot, four people and #general."""

from __future__ import annotations

from dataclasses import dataclass

from slack_standin.state import Channel, Team, TopicValue, User, Workspace

BOT_TOKEN = "xoxb-standin-0000000000-bot-token"
APP_TOKEN = "xapp-1-A0INCIDENT-standin-app-token"
SIGNING_SECRET = "standin-signing-secret"
VERIFICATION_TOKEN = "standin-verification-token"
APP_ID = "A0INCIDENT"
TEAM = Team(id="T0INCIDENT", domain="incident-drill", name="Incident Drill")

BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
BOT_NAME = "incident-commander"

GENERAL_CHANNEL_ID = "C0GENERAL"
SEEDED_CREATED = 1_700_000_000


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    real_name: str

    @property
    def email(self) -> str:
        return f"{self.name}@example.com"


ALICE = Person("U0ALICE", "alice", "Alice Anders")
BOB = Person("U0BOB", "bob", "Bob Brown")
CAROL = Person("U0CAROL", "carol", "Carol Chen")
DAVE = Person("U0DAVE", "dave", "Dave Diaz")
PEOPLE = (ALICE, BOB, CAROL, DAVE)


def seeded_workspace(*, bot_in_general: bool = True) -> Workspace:
    bot = User(
        id=BOT_USER_ID,
        name=BOT_NAME,
        real_name="Incident Commander",
        is_bot=True,
        bot_id=BOT_ID,
    )
    workspace = Workspace(team=TEAM, app_id=APP_ID, bot=bot)
    for person in PEOPLE:
        workspace.add_user(
            User(id=person.id, name=person.name, real_name=person.real_name, email=person.email)
        )
    members = [p.id for p in PEOPLE] + ([BOT_USER_ID] if bot_in_general else [])
    workspace.add_channel(
        Channel(
            id=GENERAL_CHANNEL_ID,
            name="general",
            created=SEEDED_CREATED,
            creator=ALICE.id,
            is_general=True,
            members=members,
            purpose=TopicValue(
                "This is the one channel that will always include everyone.",
                ALICE.id,
                SEEDED_CREATED,
            ),
        )
    )
    return workspace
