"""`incident-commander drill`: a whole incident, played offline against the local Slack stand-in.

Real bot, real HTTP, real signatures; an embedded store; people clicking buttons and filling
modals like they would in Slack. The war room is printed as a transcript and written to disk.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from agents import STEP_KEYS
from bot.incident.kinds import Status
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.runtime import BotRuntime
from bot.settings import Settings
from bot.ui.blocks import ACTION_OPEN_UPDATE
from bot.ui.step_blocks import ACTION_STEP_DETAILS
from drill.script import ENGLISH, Script, script_for
from slack_standin import (BOB, BOT_TOKEN, CAROL, GENERAL_CHANNEL_ID, PEOPLE, SIGNING_SECRET, ManualClock,
                           ScaledPace, SlackStandIn)
from slack_standin.transcript import block_lines

STEP_TIMEOUT = 10.0


class DrillFailed(RuntimeError):
    pass


class Drill:
    """The script of one incident, step by step, narrated as it goes.

    Whether a step landed is read from what the bot did (the store, the stand-ins, action ids,
    the people's own words coming back), never from the bot's wording, so the same steps play
    in every language of drill/script.py."""

    def __init__(self, slack: SlackStandIn, runtime: BotRuntime, clock: ManualClock, out: TextIO,
                 script: Script = ENGLISH) -> None:
        self.slack = slack
        self.runtime = runtime
        self.clock = clock
        self.out = out
        self.script = script
        self.channel_id = ""
        self.card_ts = ""
        self.incident_id = ""
        self.timeline_answer = None  # carol's /incident timeline, as she saw it
        self.run_all_characters = 0
        self.vendors: dict = {}  # name -> vendor stand-in (run_drill starts them)
        self.out_dir = Path("drill-output")
        self.chart_paths: list[Path] = []

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    async def step(self, minutes: float, narration: str, action: Callable[[], Awaitable[object]]) -> None:
        """Let `minutes` of simulated time pass, then act."""
        self.clock.advance(minutes * 60)
        at = datetime.fromtimestamp(self.clock.now(), ZoneInfo(self.script.timezone))
        self.say(f"  {at:%H:%M} → {narration}")
        try:
            await action()
        except TimeoutError as exc:
            raise DrillFailed(f"step {narration!r} did not complete:\n{exc}") from None

    async def command(self, who: str, text: str, channel: str | None = None) -> None:
        result = await self.slack.user(who).command("/incident", text, channel or self.channel_id)
        if not result.ok:
            raise DrillFailed(f"/incident {text} was answered {result.status}: {result.text}")

    # --- knowing a step landed, in any language ----------------------------------------------

    def seen(self) -> set[str]:
        """The war room's messages (thread replies included) so far."""
        return {m.ts for m in self.slack.find_messages(self.channel_id)}

    async def posted(self, before: set[str], *needles: str, where: Callable[[object], bool] | None = None,
                     description: str = "a message") -> object:
        """The first war-room message posted after `before` that holds every needle (words
        people typed, mentions, proper names: nothing the bot translates)."""
        def found():
            return [m for m in self.slack.find_messages(self.channel_id, where=where)
                    if m.ts not in before and all(n in message_words(m) for n in needles)][:1]

        [message] = await self.slack.wait_for(found, timeout=STEP_TIMEOUT, description=description)
        return message

    async def stored(self, check: Callable[[Incident, list[TimelineEvent]], bool], description: str) -> None:
        """Wait until the incident's record and timeline satisfy `check`."""
        store = self.runtime.ctx.store
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STEP_TIMEOUT
        while True:
            incident = await store.require(self.incident_id)
            if check(incident, await store.timeline(self.incident_id)):
                return
            if loop.time() > deadline:
                raise TimeoutError(f"waited {STEP_TIMEOUT}s for {description}")
            await asyncio.sleep(0.02)

    async def changed(self, before: set[str], check: Callable[[Incident, list[TimelineEvent]], bool],
                      description: str) -> None:
        """The record says the change happened and the war room was told (a new message)."""
        await self.stored(check, description)
        await self.posted(before, description=f"the war room told: {description}")

    async def new_ephemeral(self, who: str, before: int, where: Callable[[object], bool] | None = None,
                            description: str = "an answer only they see") -> object:
        def found():
            fresh = self.slack.ephemerals(who)[before:]
            return [e for e in fresh if where is None or where(e)][-1:]

        [answer] = await self.slack.wait_for(found, timeout=STEP_TIMEOUT, description=description)
        return answer

    async def nudges_fall_due(self) -> None:
        """The scheduler re-derives its jobs from the store (as its periodic resync does); a
        nudge (a message with the Post update button) appears."""
        before = self.seen()
        assert self.runtime.scheduler is not None
        await self.runtime.scheduler.resync()
        await self.posted(before, where=lambda m: has_action(m, ACTION_OPEN_UPDATE), description="a nudge")

    # --- the steps -----------------------------------------------------------------------------

    async def declare(self) -> None:
        store = self.runtime.ctx.store

        async def war_room() -> Incident | None:
            ready = [i for i in await store.open_incidents() if i.channel_id and i.card_ts]
            return ready[0] if ready else None

        loop = asyncio.get_running_loop()
        deadline = loop.time() + STEP_TIMEOUT
        await self.command("alice", self.script.declare, GENERAL_CHANNEL_ID)
        while (incident := await war_room()) is None:
            if loop.time() > deadline:
                raise TimeoutError("the war room was not opened")
            await asyncio.sleep(0.02)
        self.incident_id, self.channel_id = incident.id, incident.channel_id
        pins = await self.slack.wait_for(lambda: self.slack.pins(self.channel_id), timeout=STEP_TIMEOUT,
                                         description="the pinned card")
        self.card_ts = pins[0].ts
        # alice hears back where the war room is
        await self.slack.wait_for(
            lambda: [e for e in self.slack.ephemerals("alice") if f"<#{self.channel_id}" in e.text],
            timeout=STEP_TIMEOUT, description="the war room, told to alice",
        )

    async def assign_tech_lead_by_button(self) -> None:
        alice = self.slack.user("alice")
        before = self.seen()
        await alice.click(self.channel_id, self.card_ts, "open_role_modal:tech_lead")
        view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT)
        await alice.submit_view(view.id, {"assignee": {"value": BOB.id}, "note": {"value": self.script.tech_lead_note}})
        await self.changed(before, lambda i, _: i.roles.tech_lead == BOB.id, "bob is tech lead")
        await self.posted(before, f"<@{BOB.id}>", description="the announcement naming bob")

    async def update_from_the_nudge(self) -> None:
        nudge = self.slack.find_messages(self.channel_id, where=lambda m: has_action(m, ACTION_OPEN_UPDATE))[-1]
        carol = self.slack.user("carol")
        before = self.seen()
        await carol.click(self.channel_id, nudge.ts, "open_update_modal")
        view = await self.slack.wait_for(lambda: self.slack.open_view("carol"), timeout=STEP_TIMEOUT)
        await carol.submit_view(
            view.id,
            {
                "what": {"value": self.script.update_what},
                "impact": {"value": self.script.update_impact},
                "next_steps": {"value": self.script.update_next},
            },
        )
        await self.posted(before, self.script.update_what, description="carol's status update")

    def _run_finished(self, total: int) -> bool:
        """The run's one message shows every step done (each with its Details button)."""
        return any(count_actions(m, ACTION_STEP_DETAILS) == total for m in self.slack.messages(self.channel_id))

    async def run_triage_and_see_the_type(self) -> None:
        card = str(self.slack.message(self.channel_id, self.card_ts).blocks)
        await self.command("alice", self.script.run_triage)
        await self.stored(lambda i, _: i.incident_type is not None, "triage's type on the record")
        await self.slack.wait_for(
            lambda: str(self.slack.message(self.channel_id, self.card_ts).blocks) != card,
            timeout=STEP_TIMEOUT, description="triage's type on the card",
        )

    async def keep_the_severity_triage_questions(self) -> None:
        before = self.seen()
        await self.command("alice", self.script.run_triage)
        suggestion = await self.posted(before, where=lambda m: has_action(m, "keep_declared_severity"),
                                       description="triage's severity suggestion")
        self.say("    " + self.slack.transcript(self.channel_id).splitlines()[-3].strip())
        self.say("    " + self.slack.transcript(self.channel_id).splitlines()[-1].strip())
        await self.slack.user("alice").click(self.channel_id, suggestion.ts, "keep_declared_severity")
        await self.stored(lambda _, events: any("kept" in e.data for e in events), "SEV1 kept")
        await self.slack.wait_for(  # the suggestion is edited to say so, its buttons gone
            lambda: not has_action(self.slack.message(self.channel_id, suggestion.ts), "keep_declared_severity"),
            timeout=STEP_TIMEOUT, description="the suggestion answered")

    # --- beyond the war room: vendor stand-ins over loopback HTTP ------------------------------

    async def acknowledge_page(self) -> None:
        import httpx

        before = self.seen()
        webhook = self.vendors["pagerduty"].acknowledge(f"incident-commander/{self.incident_id}", "Dana Diaz",
                                                        "dana@example.com")
        async with httpx.AsyncClient() as client:
            # PagerDuty v3 webhooks carry custom headers: the subscription sends the bearer token.
            token = self.runtime.ctx.settings.webhook_token.get_secret_value()
            answer = await client.post(self.runtime.url + "/webhooks/pagerduty", json=webhook,
                                       headers={"Authorization": f"Bearer {token}"})
        if answer.status_code != 200:
            raise DrillFailed(f"the PagerDuty webhook was answered {answer.status_code}: {answer.text}")
        await self.posted(before, "Dana Diaz", description="the acknowledgement")

    async def publish_status_page(self) -> None:
        before = self.seen()
        await self.command("carol", self.script.run_comms)
        await self.posted(before, where=is_status_page_draft, description="a status-page draft")
        before = self.seen()
        await self.slack.user("carol").click(self.channel_id, self._drafts()[-1].ts, "statuspage_publish",
                                             block_id="statuspage")
        await self.slack.wait_for(lambda: self.vendors["statuspage"].incidents, timeout=STEP_TIMEOUT,
                                  description="the status page incident")
        await self.posted(before, description="the war room told of the publication")

    def _drafts(self) -> list:
        return self.slack.find_messages(self.channel_id, where=is_status_page_draft)

    async def publish_resolution(self, drafts_before: int) -> None:
        alerts = self.vendors["pagerduty"].alerts
        await self.slack.wait_for(lambda: alerts and all(a["status"] == "resolved" for a in alerts.values()),
                                  timeout=STEP_TIMEOUT, description="the page resolved")
        await self.slack.wait_for(lambda: len(self._drafts()) > drafts_before, timeout=STEP_TIMEOUT,
                                  description="the resolve draft")
        before = self.seen()
        page = self.vendors["statuspage"]
        await self.slack.user("carol").click(self.channel_id, self._drafts()[-1].ts, "statuspage_publish",
                                             block_id="statuspage")
        await self.slack.wait_for(lambda: any(i["status"] == "resolved" for i in page.incidents.values()),
                                  timeout=STEP_TIMEOUT, description="the status page resolved")
        await self.posted(before, description="the war room told of the resolution's publication")

    async def action_item_ticket(self) -> None:
        from datetime import timedelta

        alice = self.slack.user("alice")
        summary = next(m for m in self.slack.messages(self.channel_id) if has_action(m, "review_action_items"))
        await alice.click(self.channel_id, summary.ts, "review_action_items")
        view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT)
        rows = json.loads(view.private_metadata)["rows"]
        due = (datetime.fromtimestamp(self.clock.now(), timezone.utc) + timedelta(days=7)).date().isoformat()
        values = {f"what_{n}": {"value": ""} for n in range(2, rows + 1)}
        values |= {"what_1": {"value": self.script.action_item}, "owner_1": {"value": CAROL.id},
                   "due_1": {"value": due}, "type_1": {"value": "prevent"}}
        before = self.seen()
        await alice.submit_view(view.id, values)
        await self.slack.wait_for(lambda: self.vendors["jira"].issues, timeout=STEP_TIMEOUT, description="a Jira issue")
        key = next(iter(self.vendors["jira"].issues))
        await self.posted(before, key, description="the tickets, named in the war room")

    async def ticket_closed_in_jira(self) -> None:
        import httpx

        jira = self.vendors["jira"]
        [key] = [k for k, issue in jira.issues.items() if issue["status"] != "Done"][:1]
        body, headers = jira.close_with_webhook(key, DRILL_JIRA_WEBHOOK_SECRET)
        before = self.seen()
        async with httpx.AsyncClient() as client:
            answer = await client.post(self.runtime.url + "/webhooks/jira", content=body, headers=headers)
        if answer.status_code != 200 or answer.json().get("action") != "closed":
            raise DrillFailed(f"the Jira webhook was answered {answer.status_code}: {answer.text}")
        await self.posted(before, key, description=f"{key} closed, said in the war room")

    async def follow_from_announcement(self) -> None:
        announcement = await self.slack.wait_for_message(GENERAL_CHANNEL_ID, self.incident_id, timeout=STEP_TIMEOUT)
        asked = len(self.slack.ephemerals("dave"))
        await self.slack.user("dave").click(GENERAL_CHANNEL_ID, announcement.ts, "follow_incident")
        await self.new_ephemeral("dave", asked, lambda e: self.incident_id in e.text, "dave following")

    def _dave_heard(self) -> bool:
        """dave, who follows the incident, has a DM from the bot (the severity change)."""
        dm = self.slack.dm_with("dave")
        return dm is not None and bool(self.slack.find_messages(dm.id))

    async def open_home(self, who: str) -> list[dict]:
        """`who` opens the App Home; the published view's blocks, printed."""
        user = self.slack.user(who)
        before = user.home_view().hash if user.home_view() else None
        await user.open_home()
        view = await self.slack.wait_for(lambda: (v := user.home_view()) is not None and v.hash != before and v,
                                         timeout=STEP_TIMEOUT, description=f"{who}'s App Home")
        blocks = view.payload["blocks"]
        self.say(self.script.say_app_home_for.format(who=who, blocks=len(blocks)))
        for line in block_lines(blocks):
            if line.strip():
                self.say(f"      {line}")
        return blocks

    async def app_home_while_open(self) -> None:
        blocks = await self.open_home("bob")
        if "INC-1" not in "\n".join(block_lines(blocks)):
            raise TimeoutError("expected the open INC-1 in bob's App Home")

    async def app_home_and_stats(self) -> None:
        s = self.script
        blocks = await self.open_home("dave")
        asked = len(self.slack.ephemerals("dave"))
        await self.command("dave", s.stats, GENERAL_CHANNEL_ID)
        answer = await self.new_ephemeral("dave", asked, lambda e: bool(e.text), "dave's stats")
        for line in answer.text.splitlines():
            self.say(f"      {line}")
        shown = {b["slack_file"]["id"] for b in blocks if b["type"] == "image"}
        charts_dir = self.out_dir / "charts"
        charts_dir.mkdir(parents=True, exist_ok=True)
        for stored in self.slack.files():
            if stored.id in shown:
                path = charts_dir / stored.filename
                path.write_bytes(stored.content or b"")
                self.chart_paths.append(path)
                self.say(s.say_chart.format(file=stored.id, path=path))
        if len(self.chart_paths) != 2:
            raise TimeoutError(f"expected 2 charts in the App Home, found {len(self.chart_paths)}")

    async def run(self) -> None:
        s = self.script
        self.say(s.intro)
        await self.step(0, s.say_declare, self.declare)
        self.say(s.say_war_room.format(name=self.slack.channel(self.channel_id).name))
        await self.step(0, s.say_follow, self.follow_from_announcement)
        if self.vendors:
            await self.slack.wait_for(lambda: self.slack.workspace.bookmarks.get(self.channel_id),
                                      timeout=STEP_TIMEOUT, description="the bridge bookmark")
            self.say(s.say_bridge.format(link=self.slack.workspace.bookmarks[self.channel_id][0].link))
        await self.step(1, s.say_triage, self.run_triage_and_see_the_type)
        await self.step(2, s.say_tech_lead, self.assign_tech_lead_by_button)

        async def comms() -> None:
            before = self.seen()
            await self.command("alice", s.comms.format(carol=f"<@{CAROL.id}|carol>"))
            await self.changed(before, lambda i, _: i.roles.comms_lead == CAROL.id, "carol is comms lead")
            await self.posted(before, f"<@{CAROL.id}>", description="the announcement naming carol")

        await self.step(3, s.say_comms, comms)
        await self.step(4, s.say_nudge, self.nudges_fall_due)
        await self.step(2, s.say_update_from_nudge, self.update_from_the_nudge)

        async def identified() -> None:
            before = self.seen()
            await self.command("bob", s.identified)
            await self.changed(before, lambda i, _: i.status == Status.IDENTIFIED, "the status identified")

        await self.step(4, s.say_identified, identified)

        async def escalate() -> None:
            before = self.seen()
            await self.command("alice", s.escalate)
            await self.changed(before, lambda i, _: i.severity == Severity.SEV1, "the severity SEV1")
            await self.nudges_fall_due()
            await self.slack.wait_for(lambda: self.vendors["pagerduty"].alerts if self.vendors else True,
                                      timeout=STEP_TIMEOUT, description="the page")
            if self.vendors:
                await self.posted(before, "PagerDuty", description="the page, said in the war room")

        await self.step(2, s.say_escalate, escalate)
        await self.slack.wait_for(self._dave_heard, timeout=STEP_TIMEOUT, description="dave's follower DM")
        self.say(s.say_follower_dm)
        await self.step(1, s.say_keep, self.keep_the_severity_triage_questions)
        if self.vendors:
            await self.step(0, s.say_page_ack, self.acknowledge_page)
        await self.step(4, s.say_escalation, self.nudges_fall_due)

        async def update() -> None:
            before = self.seen()
            await self.command("carol", s.update)
            await self.posted(before, "0.2%", description="carol's update")

        await self.step(1, s.say_update, update)
        if self.vendors:
            await self.step(0, s.say_publish, self.publish_status_page)

        async def summary() -> None:
            asked = len(self.slack.ephemerals("bob"))
            await self.command("bob", s.summary)
            answer = await self.new_ephemeral("bob", asked, lambda e: has_action(e, "share_summary"),
                                              "bob's catch-up")
            for line in answer.blocks[0]["text"]["text"].splitlines():
                self.say(f"      {line}")
            before = self.seen()
            await self.slack.user("bob").click(self.channel_id, answer.ts, "share_summary")
            await self.posted(before, description="the catch-up shared")

        await self.step(1, s.say_summary, summary)
        await self.step(0, s.say_home_open, self.app_home_while_open)

        async def monitoring() -> None:
            before = self.seen()
            await self.slack.user("bob").click(self.channel_id, self.card_ts, "set_status:monitoring")
            await self.changed(before, lambda i, _: i.status == Status.MONITORING, "the status monitoring")

        await self.step(2, s.say_monitoring, monitoring)
        drafts_before_resolve = len(self._drafts())

        async def resolve() -> None:
            alice = self.slack.user("alice")
            before = self.seen()
            await alice.click(self.channel_id, self.card_ts, "resolve_incident")
            view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT)
            await alice.submit_view(view.id, {"resolution": {"value": s.resolution}})
            await self.changed(before, lambda i, _: i.status == Status.RESOLVED, "the incident resolved")

        await self.step(4, s.say_resolve, resolve)
        if self.vendors:
            await self.step(0, s.say_publish_resolution, lambda: self.publish_resolution(drafts_before_resolve))

        async def agents() -> None:
            before = posted_so_far(self.slack, self.channel_id)
            await self.command("alice", s.run_all)
            await self.slack.wait_for(
                lambda: self._run_finished(len(STEP_KEYS)),
                timeout=STEP_TIMEOUT * 3,
                description="all 13 agent steps to answer in the run's message",
            )
            self.run_all_characters = characters_posted_since(self.slack, self.channel_id, before)
            self.say(s.say_run_all_posted.format(characters=self.run_all_characters))
            # a whole answer on demand: the Details view only alice sees
            board = next(m for m in self.slack.messages(self.channel_id) if count_actions(m, ACTION_STEP_DETAILS) > 1)
            alice = self.slack.user("alice")
            await alice.click(self.channel_id, board.ts, "step_details")
            view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT,
                                             description="the Details view")
            self.say(s.say_details.format(title=view.payload["title"]["text"]))
            await alice.close_view(view.id)

        await self.step(1, s.say_run_all, agents)

        async def decision() -> None:
            before = self.seen()
            await self.command("alice", s.decision)
            await self.changed(before, lambda _, events: any(e.kind == EventKind.DECISION for e in events),
                               "the decision recorded")

        await self.step(2, s.say_decision, decision)

        async def postmortem() -> None:
            asked = len(self.slack.ephemerals("alice"))
            await self.command("alice", s.postmortem)
            await self.stored(lambda i, _: i.postmortem_at is not None, "the postmortem written")
            await self.new_ephemeral("alice", asked, description="the postmortem, told to alice")

        await self.step(3, s.say_postmortem, postmortem)
        if self.vendors:
            await self.step(0, s.say_action_item, self.action_item_ticket)
            await self.step(0, s.say_ticket_closed, self.ticket_closed_in_jira)

        async def timeline() -> None:
            asked = len(self.slack.ephemerals("carol"))
            await self.command("carol", s.timeline)
            self.timeline_answer = await self.new_ephemeral("carol", asked, lambda e: bool(e.blocks),
                                                            "carol's timeline")

        await self.step(1, s.say_timeline, timeline)
        await self.step(1, s.say_home, self.app_home_and_stats)


def message_words(message) -> str:
    """What a message says and holds: its text and its blocks, markup as posted."""
    return f"{message.text}\n{json.dumps(message.blocks, ensure_ascii=False)}"


def _actions(message) -> list[str]:
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("action_id"), str):
                found.append(node["action_id"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.blocks or [])
    return found


def has_action(message, action_id: str) -> bool:
    return action_id in _actions(message)


def count_actions(message, action_id: str) -> int:
    return _actions(message).count(action_id)


def is_status_page_draft(message) -> bool:
    return any(block.get("block_id") == "statuspage" for block in message.blocks or [])


def _visible(message) -> int:
    """Characters a person reads in a message: its blocks, else its text."""
    return len("\n".join(block_lines(message.blocks))) if message.blocks else len(message.text)


def posted_so_far(slack: SlackStandIn, channel_id: str) -> tuple[set[str], set[str]]:
    """What is in the channel (thread replies included) and which files exist, before an action."""
    return {m.ts for m in slack.find_messages(channel_id)}, {f.id for f in slack.files()}


def characters_posted_since(slack: SlackStandIn, channel_id: str, before: tuple[set[str], set[str]]) -> int:
    """Characters of every message (thread replies included) and file posted after `before`."""
    seen, files = before
    messages = sum(_visible(m) for m in slack.find_messages(channel_id) if m.ts not in seen)
    uploads = sum(f.length for f in slack.files() if f.id not in files and channel_id in f.channels)
    return messages + uploads


PEOPLE_READ = ("chat.postMessage", "chat.update", "chat.postEphemeral", "chat.scheduleMessage",
               "views.open", "views.update", "views.push", "views.publish")


def everything_people_read(slack: SlackStandIn) -> str:
    """The visible text of everything the bot showed anyone: every message as posted and as each
    edit left it, ephemerals and command answers, modals and the App Home, and files."""
    parts: list[str] = []
    for call in slack.calls():
        if call.method not in PEOPLE_READ or not call.ok:
            continue
        blocks = call.args.get("blocks")
        view = call.args.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        if isinstance(view, dict):
            blocks = view.get("blocks")
            parts.append(str((view.get("title") or {}).get("text", "")))
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        parts.append("\n".join(block_lines(blocks)) if blocks else str(call.args.get("text", "")))
    for ephemeral in slack.ephemerals():
        parts.append("\n".join(block_lines(ephemeral.blocks)) if ephemeral.blocks
                     else ephemeral.text)
    parts += [f.content.decode("utf-8", "replace") for f in slack.files() if f.content]
    return "\n".join(p for p in parts if p)


def _timeline_text(answer) -> str:
    lines = []
    for block in answer.blocks or []:
        if block["type"] == "header":
            lines.append(block["text"]["text"])
        elif block["type"] == "section":
            lines.append(block["text"]["text"])
    return "\n".join(lines)


async def metrics_scenario(slack: SlackStandIn, runtime: BotRuntime, out: TextIO) -> None:
    """Alerts and evidence with real Prometheus and Alertmanager, when they are installed:
    a demo service degrades, its alert declares an incident, and the observe step reads the
    anomaly scan over Prometheus and names the degraded service in the war room."""
    from agents import get_step, run_step
    from drill.demo.scenario import run_metrics_scenario
    from bot.flows.agent_steps import incident_context, post_result
    from bot.ui import step_blocks

    def say(line: str) -> None:
        print(f"  {line}", file=out, flush=True)

    print("\nMetrics scenario: real Prometheus + Alertmanager, a demo service degrades", file=out)
    result = await run_metrics_scenario(runtime, slack, say=say)
    if not result.ran:
        print(f"  (skipped) {result.reason}", file=out)
        return
    ctx = runtime.ctx
    incident = await ctx.store.require(result.incident_id)
    context = (await incident_context(ctx, incident)).model_copy(update={"evidence": result.evidence})
    observed = await run_step("observe", context, ctx.backend)
    spec = get_step("observe")
    header = await ctx.slack.post(incident.channel_id, spec.title, step_blocks.step_answer(incident.id, spec, None, "running"))
    await post_result(ctx, incident.channel_id, header, incident.id, observed)
    say(f"observe step in #{slack.channel(incident.channel_id).name}: {observed.summary}")
    print("\n" + slack.transcript(incident.channel_id), file=out)


DRILL_PACE_FACTOR = 20
DRILL_SP_KEY = "drill-statuspage-key"
DRILL_PD_KEY = "drillR0UT1NGKEY0123456789abcdefX"  # 32 characters, as PagerDuty's are
DRILL_JIRA = ("ic-bot@example.com", "drill-jira-token")
DRILL_JIRA_WEBHOOK_SECRET = "drill-jira-webhook-secret"


def _vendor_settings(vendors: dict) -> dict:
    """Status page, paging and tickets pointed at their stand-ins; a bridge link template."""
    return dict(
        statuspage_api_key=DRILL_SP_KEY, statuspage_page_id="drillpage",
        statuspage_api_url=vendors["statuspage"].base_url, statuspage_components={"checkout": "cmp-checkout"},
        pagerduty_routing_key=DRILL_PD_KEY, pagerduty_events_url=vendors["pagerduty"].base_url, auto_page="sev1",
        jira_url=vendors["jira"].base_url, jira_user=DRILL_JIRA[0], jira_api_token=DRILL_JIRA[1], jira_project="OPS",
        jira_webhook_secret=DRILL_JIRA_WEBHOOK_SECRET,
        bridge_url="https://meet.example.com/inc-{number}",
    )


def _vendor_summary(vendors: dict, s: Script) -> str:
    page = vendors["statuspage"]
    lines = [s.vendors_heading]
    for public in page.incidents.values():
        lines.append(s.vendor_statuspage.format(name=public["name"], status=public["status"], impact=public["impact"],
                                                updates=len(public["incident_updates"]),
                                                components=page.component_status))
    for alert in vendors["pagerduty"].alerts.values():
        lines.append(s.vendor_pagerduty.format(key=alert["dedup_key"], status=alert["status"], summary=alert["summary"]))
    for key, issue in vendors["jira"].issues.items():
        fields = issue["fields"]
        lines.append(s.vendor_jira.format(key=key, summary=fields["summary"], due=fields.get("duedate"),
                                          assignee=fields.get("assignee", {}).get("accountId", "none"),
                                          status=issue["status"]))
    return "\n".join(lines)


async def run_drill(out_dir: Path, out: TextIO = sys.stdout, metrics: bool = True, locale: str = "en") -> int:
    """Play the drill in `locale` (`en`, or `zh-TW`: Chinese commands and title, INCIDENT_LOCALE
    and the people's Slack language zh-TW, times in Asia/Taipei)."""
    from vendor_standins import JiraStandIn, PagerDutyStandIn, StatuspageStandIn

    script = script_for(locale)
    clock = ManualClock()
    vendors = {
        "statuspage": StatuspageStandIn(DRILL_SP_KEY, "drillpage", {"cmp-checkout": script.component}),
        "pagerduty": PagerDutyStandIn([DRILL_PD_KEY]),
        "jira": JiraStandIn(*DRILL_JIRA, accounts={CAROL.email: "acc-carol"}),
    }
    for standin in vendors.values():
        await standin.start()
    try:
        return await _run_drill(out_dir, out, metrics, clock, vendors, script)
    finally:
        for standin in vendors.values():
            await standin.stop()


async def _run_drill(out_dir: Path, out: TextIO, metrics: bool, clock: ManualClock, vendors: dict,
                     script: Script = ENGLISH) -> int:
    # Slack's rate limits are on; the stand-in and the bot count them in one pace running
    # DRILL_PACE_FACTOR times faster than real time, as the workspace clock is simulated too.
    pace = ScaledPace(DRILL_PACE_FACTOR)
    async with SlackStandIn(clock=clock, pace=pace) as slack:
        for person in PEOPLE:
            slack.set_locale(person.id, script.slack_locale)
        settings = Settings(
            locale=script.locale,
            timezone=script.timezone,
            **_vendor_settings(vendors),
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=slack.api_url,
            redis_url=None,
            broadcast_channel=GENERAL_CHANNEL_ID,
            cadence_sev1="5m",
            postmortem_dir=str(out_dir / "postmortems"),
            cadence_sev2="10m",
            # Webhooks are served only with a token; Alertmanager in the metrics scenario sends it.
            webhook_token=secrets.token_urlsafe(24),
            host="127.0.0.1",
            port=0,
        )
        runtime = BotRuntime(
            settings, clock=lambda: datetime.fromtimestamp(clock.now(), timezone.utc), pace=pace
        )
        await runtime.start()
        slack.bot_url = runtime.events_url
        print(script.standin_line.format(slack=slack.base_url, bot=runtime.url), file=out)
        drill = Drill(slack, runtime, clock, out, script)
        drill.vendors = vendors
        drill.out_dir = out_dir
        try:
            await drill.run()
            if metrics:
                await metrics_scenario(slack, runtime, out)
        except DrillFailed as failure:
            print("\n" + script.failed.format(failure=failure), file=out)
            return 1
        finally:
            await runtime.stop()

        war_room = slack.channel(drill.channel_id)
        transcript = "\n\n".join(
            [
                script.war_room_heading.format(name=war_room.name),
                slack.transcript(drill.channel_id),
                script.broadcast_heading,
                slack.transcript(GENERAL_CHANNEL_ID),
                script.timeline_heading,
                _timeline_text(drill.timeline_answer),
                _vendor_summary(vendors, script),
            ]
        )
        document = (out_dir / "postmortems" / "INC-1-postmortem.md").read_text(encoding="utf-8")
        read = everything_people_read(slack)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "posted.txt").write_text(read + "\n", encoding="utf-8")
    path = out_dir / "transcript.txt"
    path.write_text(transcript + "\n", encoding="utf-8")
    print("\n" + transcript, file=out)
    if script is ENGLISH:
        shown = document[document.index("## Success-criteria scorecard"):document.index("## Sources")]
    else:
        shown = document  # the whole postmortem, as the team reads it
    print(f"\n{script.postmortem_heading}\n" + shown.strip(), file=out)
    print("\n" + script.run_all_posted.format(characters=drill.run_all_characters), file=out)
    print(script.charts.format(paths=", ".join(str(p) for p in drill.chart_paths)), file=out)
    print("\n" + script.passed.format(transcript=path, postmortem=out_dir / "postmortems" / "INC-1-postmortem.md"),
          file=out)
    return 0
