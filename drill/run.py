"""`incident-commander drill`: a whole incident, played offline against the local Slack stand-in.

Real bot, real HTTP, real signatures; an embedded store; people clicking buttons and filling
modals like they would in Slack. The war room is printed as a transcript and written to disk.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from agents import STEP_KEYS
from bot.runtime import BotRuntime
from bot.settings import Settings
from slack_standin import BOB, BOT_TOKEN, CAROL, GENERAL_CHANNEL_ID, SIGNING_SECRET, ManualClock, ScaledPace, SlackStandIn
from slack_standin.transcript import block_lines

STEP_TIMEOUT = 10.0


class DrillFailed(RuntimeError):
    pass


class Drill:
    """The script of one incident, step by step, narrated as it goes."""

    def __init__(self, slack: SlackStandIn, runtime: BotRuntime, clock: ManualClock, out: TextIO) -> None:
        self.slack = slack
        self.runtime = runtime
        self.clock = clock
        self.out = out
        self.channel_id = ""
        self.card_ts = ""
        self.run_all_characters = 0
        self.vendors: dict = {}  # name -> vendor stand-in (run_drill starts them)
        self.out_dir = Path("drill-output")
        self.chart_paths: list[Path] = []

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    async def step(self, minutes: float, narration: str, action: Callable[[], Awaitable[object]]) -> None:
        """Let `minutes` of simulated time pass, then act."""
        self.clock.advance(minutes * 60)
        at = datetime.fromtimestamp(self.clock.now(), timezone.utc)
        self.say(f"  {at:%H:%M} → {narration}")
        try:
            await action()
        except TimeoutError as exc:
            raise DrillFailed(f"step {narration!r} did not complete:\n{exc}") from None

    async def command(self, who: str, text: str, channel: str | None = None) -> None:
        result = await self.slack.user(who).command("/incident", text, channel or self.channel_id)
        if not result.ok:
            raise DrillFailed(f"/incident {text} was answered {result.status}: {result.text}")

    async def wait_message(self, contains: str) -> None:
        await self.slack.wait_for_message(self.channel_id, contains, timeout=STEP_TIMEOUT)

    async def nudges_fall_due(self, contains: str) -> None:
        """The scheduler re-derives its jobs from the store (as its periodic resync does)."""
        assert self.runtime.scheduler is not None
        await self.runtime.scheduler.resync()
        await self.wait_message(contains)

    async def declare(self) -> None:
        await self.command("alice", "declare sev2 Checkout API returning 500s", GENERAL_CHANNEL_ID)
        reply = await self.slack.wait_for(
            lambda: [e.text for e in self.slack.ephemerals("alice") if "War room:" in e.text],
            timeout=STEP_TIMEOUT,
            description="the war room",
        )
        self.channel_id = re.search(r"<#(C[A-Z0-9]+)", reply[0]).group(1)
        self.card_ts = self.slack.pins(self.channel_id)[0].ts

    async def assign_tech_lead_by_button(self) -> None:
        alice = self.slack.user("alice")
        await alice.click(self.channel_id, self.card_ts, "open_role_modal:tech_lead")
        view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT)
        await alice.submit_view(view.id, {"assignee": {"value": BOB.id}, "note": {"value": "owns checkout-svc"}})
        await self.wait_message(f"<@{BOB.id}> *Tech Lead*")  # the announcement (the card always names the role)

    async def update_from_the_nudge(self) -> None:
        nudge = self.slack.find_messages(self.channel_id, "is due")[-1]
        carol = self.slack.user("carol")
        await carol.click(self.channel_id, nudge.ts, "open_update_modal")
        view = await self.slack.wait_for(lambda: self.slack.open_view("carol"), timeout=STEP_TIMEOUT)
        await carol.submit_view(
            view.id,
            {
                "what": {"value": "Checkout returns 500 for about 30% of payments; investigating."},
                "impact": {"value": "Card payments fail for ~30% of customers in every region."},
                "next_steps": {"value": "Check the checkout-svc deploy that went out just before; prepare a rollback."},
            },
        )
        await self.wait_message("30% of payments; investigating")

    def _run_finished(self, total: int) -> bool:
        """The run's one message says every step is done."""
        return any(f"AI agent steps* · {total} of {total} done" in str(m.blocks) for m in self.slack.messages(self.channel_id))

    async def run_triage_and_see_the_type(self) -> None:
        await self.command("alice", "run triage")
        await self.slack.wait_for(
            lambda: "Service outage" in str(self.slack.message(self.channel_id, self.card_ts).blocks),
            timeout=STEP_TIMEOUT, description="triage's type on the card",
        )

    async def keep_the_severity_triage_questions(self) -> None:
        await self.command("alice", "run triage")
        suggestion = await self.slack.wait_for(
            lambda: self.slack.find_message(self.channel_id, "Triage reads this incident as"),
            timeout=STEP_TIMEOUT, description="triage's severity suggestion",
        )
        self.say("    " + self.slack.transcript(self.channel_id).splitlines()[-3].strip())
        self.say("    " + self.slack.transcript(self.channel_id).splitlines()[-1].strip())
        await self.slack.user("alice").click(self.channel_id, suggestion.ts, "keep_declared_severity")
        await self.wait_message("kept *SEV1*")

    # --- beyond the war room: vendor stand-ins over loopback HTTP ------------------------------

    async def acknowledge_page(self) -> None:
        import httpx

        incident = await self.runtime.ctx.store.by_channel(self.channel_id)
        webhook = self.vendors["pagerduty"].acknowledge(f"incident-commander/{incident.id}", "Dana Diaz",
                                                        "dana@example.com")
        async with httpx.AsyncClient() as client:
            # PagerDuty v3 webhooks carry custom headers: the subscription sends the bearer token.
            token = self.runtime.ctx.settings.webhook_token.get_secret_value()
            answer = await client.post(self.runtime.url + "/webhooks/pagerduty", json=webhook,
                                       headers={"Authorization": f"Bearer {token}"})
        if answer.status_code != 200:
            raise DrillFailed(f"the PagerDuty webhook was answered {answer.status_code}: {answer.text}")
        await self.wait_message("acknowledged the page")

    async def publish_status_page(self) -> None:
        await self.command("carol", "run comms")
        await self.slack.wait_for(lambda: self._drafts(), timeout=STEP_TIMEOUT, description="a status-page draft")
        await self.slack.user("carol").click(self.channel_id, self._drafts()[-1].ts, "statuspage_publish",
                                             block_id="statuspage")
        await self.wait_message("published the status page")

    def _drafts(self) -> list:
        return [m for m in self.slack.find_messages(self.channel_id, "Status page draft")]

    async def publish_resolution(self) -> None:
        await self.wait_message("Resolved 1 page")
        resolved = lambda: [m for m in self._drafts() if "_resolved_" in str(m.blocks)]  # noqa: E731
        await self.slack.wait_for(resolved, timeout=STEP_TIMEOUT, description="the resolve draft")
        await self.slack.user("carol").click(self.channel_id, resolved()[-1].ts, "statuspage_publish",
                                             block_id="statuspage")
        await self.wait_message("updated the status page: _resolved_")

    async def action_item_ticket(self) -> None:
        from datetime import timedelta

        alice = self.slack.user("alice")
        summary = next(m for m in self.slack.messages(self.channel_id) if "Postmortem ·" in str(m.blocks))
        await alice.click(self.channel_id, summary.ts, "review_action_items")
        view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT)
        rows = json.loads(view.private_metadata)["rows"]
        due = (datetime.fromtimestamp(self.clock.now(), timezone.utc) + timedelta(days=7)).date().isoformat()
        values = {f"what_{n}": {"value": ""} for n in range(2, rows + 1)}
        values |= {"what_1": {"value": "Canary gate for checkout-svc deploys"}, "owner_1": {"value": CAROL.id},
                   "due_1": {"value": due}, "type_1": {"value": "prevent"}}
        await alice.submit_view(view.id, values)
        await self.wait_message("Tickets for the action items")

    async def ticket_closed_in_jira(self) -> None:
        import httpx

        jira = self.vendors["jira"]
        [key] = [k for k, issue in jira.issues.items() if issue["status"] != "Done"][:1]
        body, headers = jira.close_with_webhook(key, DRILL_JIRA_WEBHOOK_SECRET)
        async with httpx.AsyncClient() as client:
            answer = await client.post(self.runtime.url + "/webhooks/jira", content=body, headers=headers)
        if answer.status_code != 200 or answer.json().get("action") != "closed":
            raise DrillFailed(f"the Jira webhook was answered {answer.status_code}: {answer.text}")
        await self.wait_message(f"{key} was closed in Jira")

    async def follow_from_announcement(self) -> None:
        announcement = await self.slack.wait_for_message(GENERAL_CHANNEL_ID, "INC-1", timeout=STEP_TIMEOUT)
        await self.slack.user("dave").click(GENERAL_CHANNEL_ID, announcement.ts, "follow_incident")
        await self.slack.wait_for(lambda: [e for e in self.slack.ephemerals("dave") if "You follow INC-1" in e.text],
                                  timeout=STEP_TIMEOUT, description="dave following")

    def _dave_heard(self, contains: str) -> bool:
        dm = self.slack.dm_with("dave")
        return dm is not None and bool(self.slack.find_messages(dm.id, contains))

    async def open_home(self, who: str) -> list[dict]:
        """`who` opens the App Home; the published view's blocks, printed."""
        user = self.slack.user(who)
        before = user.home_view().hash if user.home_view() else None
        await user.open_home()
        view = await self.slack.wait_for(lambda: (v := user.home_view()) is not None and v.hash != before and v,
                                         timeout=STEP_TIMEOUT, description=f"{who}'s App Home")
        blocks = view.payload["blocks"]
        self.say(f"    App Home published for {who}: {len(blocks)} blocks (limit 100)")
        for line in block_lines(blocks):
            if line.strip():
                self.say(f"      {line}")
        return blocks

    async def app_home_while_open(self) -> None:
        blocks = await self.open_home("bob")
        if "INC-1" not in "\n".join(block_lines(blocks)):
            raise TimeoutError("expected the open INC-1 in bob's App Home")

    async def app_home_and_stats(self) -> None:
        blocks = await self.open_home("dave")
        await self.command("dave", "stats 90d", GENERAL_CHANNEL_ID)
        [answer] = await self.slack.wait_for(
            lambda: [e for e in self.slack.ephemerals("dave") if "Last 90 days" in e.text][-1:],
            timeout=STEP_TIMEOUT, description="dave's stats")
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
                self.say(f"    chart shown in the App Home (Slack file {stored.id}): {path}")
        if len(self.chart_paths) != 2:
            raise TimeoutError(f"expected 2 charts in the App Home, found {len(self.chart_paths)}")

    async def run(self) -> None:
        self.say(
            "Drill: SEV2 on the checkout API, played by alice (declares), bob (tech lead), carol (comms).\n"
            "Time is simulated; update cadences are shortened to SEV1 5m, SEV2 10m.\n"
        )
        await self.step(0, "alice in #general: /incident declare sev2 Checkout API returning 500s", self.declare)
        self.say(f"    war room #{self.slack.channel(self.channel_id).name} is ready, card pinned")
        await self.step(0, "dave clicks [Follow] on the announcement in #general", self.follow_from_announcement)
        if self.vendors:
            await self.slack.wait_for(lambda: self.slack.workspace.bookmarks.get(self.channel_id),
                                      timeout=STEP_TIMEOUT, description="the bridge bookmark")
            self.say(f"    bridge bookmarked: {self.slack.workspace.bookmarks[self.channel_id][0].link}")
        await self.step(1, "alice: /incident run triage (triage puts the incident type on the card)",
                        self.run_triage_and_see_the_type)
        await self.step(2, "alice clicks [Tech Lead] on the card and picks bob in the modal", self.assign_tech_lead_by_button)

        async def comms() -> None:
            await self.command("alice", f"role comms <@{CAROL.id}|carol>")
            await self.wait_message(f"<@{CAROL.id}> *Communications Lead*")

        await self.step(3, "alice: /incident role comms @carol", comms)
        await self.step(4, "(no update for 10 minutes) the bot nudges carol", lambda: self.nudges_fall_due("is due"))
        await self.step(2, "carol clicks [Post update] on the nudge and fills the form", self.update_from_the_nudge)

        async def identified() -> None:
            await self.command("bob", "status identified deploy 2026.11.25-3 of checkout-svc broke payment calls")
            await self.wait_message("to *Identified*")

        await self.step(4, "bob: /incident status identified deploy … broke payment calls", identified)

        async def escalate() -> None:
            await self.command("alice", "severity sev1 error rate reached 40% in every region")
            await self.wait_message("to *SEV1 (P0)*")
            await self.nudges_fall_due("is due (every 5m")
            await self.wait_message("paged the on-call through PagerDuty")

        await self.step(
            2, "alice: /incident severity sev1 …; the 5m cadence makes an update due at once; "
               "SEV1 pages the on-call (PagerDuty stand-in)", escalate
        )
        await self.slack.wait_for(lambda: self._dave_heard("severity SEV2 → SEV1"), timeout=STEP_TIMEOUT,
                                  description="dave's follower DM")
        self.say("    dave (following) gets a DM: severity SEV2 → SEV1")
        await self.step(1, "alice: /incident run triage; it reads SEV2 and asks; alice clicks [Keep SEV1]",
                        self.keep_the_severity_triage_questions)
        if self.vendors:
            await self.step(0, "dana acknowledges the page in PagerDuty (its webhook reaches the bot)",
                            self.acknowledge_page)
        await self.step(4, "(still no update) the bot escalates to the IC", lambda: self.nudges_fall_due("overdue* (it was due"))

        async def update() -> None:
            await self.command("carol", "update rolled back checkout-svc to 2026.11.25-2; error rate back to 0.2%")
            await self.wait_message("error rate back to 0.2%")

        await self.step(1, "carol: /incident update rolled back …; error rate back to 0.2%", update)
        if self.vendors:
            await self.step(0, "carol: /incident run comms; clicks [Publish to status page] on its draft",
                            self.publish_status_page)

        async def summary() -> None:
            await self.command("bob", "summary")
            [answer] = await self.slack.wait_for(
                lambda: [e for e in self.slack.ephemerals("bob") if "Catch-up" in e.text][-1:],
                timeout=STEP_TIMEOUT, description="bob's catch-up",
            )
            for line in answer.blocks[0]["text"]["text"].splitlines():
                self.say(f"      {line}")
            await self.slack.user("bob").click(self.channel_id, answer.ts, "share_summary")
            await self.wait_message("Catch-up shared by")

        await self.step(1, "bob: /incident summary (only bob sees it), then [Share in channel]", summary)
        await self.step(0, "bob opens the App Home while INC-1 is open", self.app_home_while_open)

        async def monitoring() -> None:
            await self.slack.user("bob").click(self.channel_id, self.card_ts, "set_status:monitoring")
            await self.wait_message("to *Monitoring*")

        await self.step(2, "bob clicks [Monitoring] on the card", monitoring)

        async def resolve() -> None:
            alice = self.slack.user("alice")
            await alice.click(self.channel_id, self.card_ts, "resolve_incident")
            view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT)
            await alice.submit_view(view.id, {"resolution": {"value": "Rolled checkout-svc back to 2026.11.25-2; "
                                                                      "payment errors back to baseline (0.2%)."}})
            await self.wait_message("resolved the incident")

        await self.step(4, "alice clicks [Resolve] and says what resolved it in the form", resolve)
        if self.vendors:
            await self.step(0, "the page resolves with the incident; carol publishes the resolve draft",
                            self.publish_resolution)

        async def agents() -> None:
            before = posted_so_far(self.slack, self.channel_id)
            await self.command("alice", "run all")
            await self.slack.wait_for(
                lambda: self._run_finished(len(STEP_KEYS)),
                timeout=STEP_TIMEOUT * 3,
                description="all 13 agent steps to answer in the run's message",
            )
            self.run_all_characters = characters_posted_since(self.slack, self.channel_id, before)
            self.say(f"    run all posted {self.run_all_characters:,} characters in the war room "
                     "(one message, edited as steps finished; whole answers behind [Details])")
            # a whole answer on demand: the Details view only alice sees
            board = next(m for m in self.slack.messages(self.channel_id) if "AI agent steps*" in str(m.blocks))
            alice = self.slack.user("alice")
            await alice.click(self.channel_id, board.ts, "step_details")
            view = await self.slack.wait_for(lambda: self.slack.open_view("alice"), timeout=STEP_TIMEOUT,
                                             description="the Details view")
            self.say(f"    [Details] opened \"{view.payload['title']['text']}\" for alice only")
            await alice.close_view(view.id)

        await self.step(1, "alice: /incident run all (13 agent steps, offline engine, one message)", agents)

        async def decision() -> None:
            await self.command("alice", "decision keep checkout deploys behind a canary until the gate exists because 4312 reached 100% at once")
            await self.wait_message("recorded a decision")

        await self.step(2, "alice: /incident decision keep deploys behind a canary … because …", decision)

        async def postmortem() -> None:
            await self.command("alice", "postmortem")
            await self.slack.wait_for(
                lambda: [e for e in self.slack.ephemerals("alice") if "The postmortem for" in e.text],
                timeout=STEP_TIMEOUT, description="the postmortem",
            )

        await self.step(3, "alice: /incident postmortem (document attached, exported, scorecard)", postmortem)
        if self.vendors:
            await self.step(0, "alice confirms an action item for carol; it becomes a Jira ticket",
                            self.action_item_ticket)
            await self.step(0, "carol closes the ticket in Jira; Jira's signed webhook closes the item",
                            self.ticket_closed_in_jira)

        async def timeline() -> None:
            await self.command("carol", "timeline")
            await self.slack.wait_for(
                lambda: [e for e in self.slack.ephemerals("carol") if "Timeline" in e.text], timeout=STEP_TIMEOUT
            )

        await self.step(1, "carol: /incident timeline", timeline)
        await self.step(1, "dave opens the App Home; then /incident stats 90d", self.app_home_and_stats)


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


def _timeline_text(slack: SlackStandIn) -> str:
    [answer] = [e for e in slack.ephemerals("carol") if "Timeline" in e.text][-1:]
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


def _vendor_summary(vendors: dict) -> str:
    page = vendors["statuspage"]
    lines = ["===== at the vendors (stand-ins) ====="]
    for public in page.incidents.values():
        lines.append(f"Statuspage: {public['name']!r} {public['status']} (impact {public['impact']}), "
                     f"{len(public['incident_updates'])} updates; components {page.component_status}")
    for alert in vendors["pagerduty"].alerts.values():
        lines.append(f"PagerDuty: {alert['dedup_key']} {alert['status']} ({alert['summary']})")
    for key, issue in vendors["jira"].issues.items():
        fields = issue["fields"]
        lines.append(f"Jira: {key} {fields['summary']!r} due {fields.get('duedate')}, "
                     f"assignee {fields.get('assignee', {}).get('accountId', 'none')}, {issue['status']}")
    return "\n".join(lines)


async def run_drill(out_dir: Path, out: TextIO = sys.stdout, metrics: bool = True) -> int:
    from vendor_standins import JiraStandIn, PagerDutyStandIn, StatuspageStandIn

    clock = ManualClock()
    vendors = {
        "statuspage": StatuspageStandIn(DRILL_SP_KEY, "drillpage", {"cmp-checkout": "Checkout"}),
        "pagerduty": PagerDutyStandIn([DRILL_PD_KEY]),
        "jira": JiraStandIn(*DRILL_JIRA, accounts={CAROL.email: "acc-carol"}),
    }
    for standin in vendors.values():
        await standin.start()
    try:
        return await _run_drill(out_dir, out, metrics, clock, vendors)
    finally:
        for standin in vendors.values():
            await standin.stop()


async def _run_drill(out_dir: Path, out: TextIO, metrics: bool, clock: ManualClock, vendors: dict) -> int:
    # Slack's rate limits are on; the stand-in and the bot count them in one pace running
    # DRILL_PACE_FACTOR times faster than real time, as the workspace clock is simulated too.
    pace = ScaledPace(DRILL_PACE_FACTOR)
    async with SlackStandIn(clock=clock, pace=pace) as slack:
        settings = Settings(
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
        print(
            f"Slack stand-in at {slack.base_url}, bot at {runtime.url}, embedded store "
            "(REDIS_URL not set: nothing survives this process)",
            file=out,
        )
        drill = Drill(slack, runtime, clock, out)
        drill.vendors = vendors
        drill.out_dir = out_dir
        try:
            await drill.run()
            if metrics:
                await metrics_scenario(slack, runtime, out)
        except DrillFailed as failure:
            print(f"\nDRILL FAILED: {failure}", file=out)
            return 1
        finally:
            await runtime.stop()

        war_room = slack.channel(drill.channel_id)
        transcript = "\n\n".join(
            [
                f"===== #{war_room.name} (the war room) =====",
                slack.transcript(drill.channel_id),
                "===== #general (broadcast channel) =====",
                slack.transcript(GENERAL_CHANNEL_ID),
                "===== /incident timeline =====",
                _timeline_text(slack),
                _vendor_summary(vendors),
            ]
        )
        document = (out_dir / "postmortems" / "INC-1-postmortem.md").read_text(encoding="utf-8")
        read = everything_people_read(slack)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "posted.txt").write_text(read + "\n", encoding="utf-8")
    path = out_dir / "transcript.txt"
    path.write_text(transcript + "\n", encoding="utf-8")
    print("\n" + transcript, file=out)
    scorecard = document[document.index("## Success-criteria scorecard"):document.index("## Sources")]
    print("\n===== postmortem scorecard =====\n" + scorecard.strip(), file=out)
    print(f"\nrun all posted {drill.run_all_characters:,} characters in the war room", file=out)
    print("charts (App Home): " + ", ".join(str(p) for p in drill.chart_paths), file=out)
    print(
        f"\nDrill passed. Transcript: {path}; postmortem: {out_dir / 'postmortems' / 'INC-1-postmortem.md'}",
        file=out,
    )
    return 0
