"""The App Home against the stand-in: what each viewer sees (private incidents only to their
members), their roles and action items with *Done*, *Declare incident*, charts shown from an
uploaded Slack file, and a refresh after changes; *Follow* and the follower DMs; the weekly
report sent once across two processes."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from bot.flows.history import history_store
from bot.flows.weekly_report import maybe_send_weekly_report
from bot.incident.model import ActionItem, ActionType
from bot.ui.blocks import ACTION_FOLLOW, VIEW_DECLARE
from bot.ui.home_blocks import ACTION_HOME_DECLARE, ACTION_HOME_DONE
from slack_standin import BOB, GENERAL_CHANNEL_ID, validate_view
from slack_standin.standin import message_text
from tests.support.waiting import eventually


def home_text(view) -> str:
    return "\n".join(message_text_of(block) for block in view.payload["blocks"])


def message_text_of(block: dict) -> str:
    parts = []
    for key in ("text",):
        if isinstance(block.get(key), dict):
            parts.append(block[key].get("text", ""))
    for element in block.get("elements", []) or []:
        if isinstance(element, dict) and isinstance(element.get("text"), (str, dict)):
            parts.append(element["text"] if isinstance(element["text"], str) else element["text"].get("text", ""))
    return " ".join(parts)


async def open_home(slack, who: str):
    user = slack.user(who)
    before = user.home_view()
    before_hash = before.hash if before else None
    await user.open_home()
    return await slack.wait_for(
        lambda: (v := user.home_view()) is not None and v.hash != before_hash and v,
        description=f"{who}'s Home tab published",
    )


async def declare_private(slack, who: str = "carol") -> None:
    await slack.user(who).command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view(who))
    await slack.user(who).submit_view(
        view.id,
        {"title": {"value": "Leaked AWS key in public repo"}, "severity": {"value": "SEV1"},
         "type": {"value": "security_incident"}},
    )


async def test_home_shows_each_viewer_what_they_may_see_with_roles_and_charts(harness):
    slack = harness.slack
    public = await harness.declare("declare sev2 Checkout latency")
    await declare_private(slack)
    private = await eventually_incident(harness, "INC-2")

    bob = await open_home(slack, "bob")
    seen = home_text(bob)
    assert public.id in seen and "Checkout latency" in seen
    assert "Leaked" not in seen and private.id not in seen
    assert "1 private incidents you are not in" in seen
    assert validate_view(bob.payload) == []
    images = [b for b in bob.payload["blocks"] if b["type"] == "image"]
    assert len(images) == 2 and all("id" in b["slack_file"] for b in images)
    uploaded = {f.id: f for f in slack.files()}
    assert all(uploaded[b["slack_file"]["id"]].content.startswith(b"\x89PNG") for b in images)

    carol = home_text(await open_home(slack, "carol"))
    assert "Leaked AWS key" in carol and "private incidents you are not in" not in carol
    assert f"*{private.id}*: Incident Commander" in carol  # her role, in her part of the Home

    alice = home_text(await open_home(slack, "alice"))
    assert f"*{public.id}*: Incident Commander" in alice and "Leaked" not in alice


async def eventually_incident(harness, incident_id: str):
    async def found():
        record = await harness.store.get(incident_id)
        return record if record is not None and record.channel_id else None

    return await eventually(found, what=f"{incident_id} declared")


async def test_declare_incident_button_on_the_home_opens_the_declare_form(harness):
    slack = harness.slack
    home = await open_home(slack, "bob")
    await slack.user("bob").click_in_view(home.id, ACTION_HOME_DECLARE)
    form = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    assert form.callback_id == VIEW_DECLARE


async def test_the_homes_declare_form_opens_in_the_viewers_language(harness):
    slack = harness.slack
    slack.set_locale("bob", "zh-TW")
    home = await open_home(slack, "bob")
    await slack.user("bob").click_in_view(home.id, ACTION_HOME_DECLARE)
    form = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    assert form.callback_id == VIEW_DECLARE
    assert form.payload["title"]["text"] == "宣告事件" and "Declare" not in str(form.payload["title"])


async def test_done_on_the_home_closes_the_viewers_action_item_and_says_so(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "resolve fixed", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "resolved the incident after")
    due = date.today() - timedelta(days=1)
    await harness.bot.ctx.followups.save_actions(incident.id, [
        ActionItem(number=1, description="Canary gate", owner=BOB.id, due=due, type=ActionType.PREVENT),
        ActionItem(number=2, description="Alice's item", owner="U0ALICE", due=due, type=ActionType.PREVENT),
    ])
    home = await open_home(slack, "bob")
    seen = home_text(home)
    assert "Canary gate" in seen and "overdue" in seen and "Alice's item" not in seen
    await slack.user("bob").click_in_view(home.id, ACTION_HOME_DONE)
    after = await slack.wait_for(
        lambda: (v := slack.user("bob").home_view()) and "is done" in home_text(v) and v,
        description="the Home saying the item is done",
    )
    assert "Canary gate" not in home_text(after)
    [item, _] = await harness.bot.ctx.followups.actions(incident.id)
    assert item.done_by == BOB.id


async def test_home_tabs_are_republished_once_after_a_burst_of_changes(slack, redis_url):
    from tests.integration.conftest import Harness

    harness = Harness(slack, redis_url)
    await harness.start_bot(home_refresh_seconds=0.3)
    try:
        incident = await harness.declare()
        await open_home(slack, "bob")
        before = len([c for c in slack.workspace.calls if c.method == "views.publish"])
        for severity in ("sev2", "sev3", "sev2"):
            await slack.user("alice").command("/incident", f"severity {severity}", incident.channel_id)
        await slack.wait_for(lambda: slack.find_message(incident.channel_id, "SEV3") and
                             len(slack.find_messages(incident.channel_id, "SEV2")) >= 2)
        refreshed = await slack.wait_for(
            lambda: (v := slack.user("bob").home_view()) and "SEV2 · Investigating" in home_text(v) and v,
            description="bob's Home showing SEV2",
        )
        assert refreshed is not None
        home = harness.bot.scheduler.home
        await eventually(lambda: _settled(home), what="the Home refresh settled")
        publishes = [c for c in slack.workspace.calls if c.method == "views.publish"][before:]
        assert len(publishes) <= 2, publishes  # one per settled burst (the declare's may land in it)
    finally:
        await harness.stop_all()


async def _settled(home) -> bool:
    return home._task is None or home._task.done()


async def test_followers_get_a_dm_for_severity_updates_and_resolution(slack, redis_url):
    from tests.integration.conftest import Harness

    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    try:
        incident = await harness.declare("declare sev2 Checkout latency")
        announcement = await slack.wait_for_message(GENERAL_CHANNEL_ID, incident.id)
        await slack.user("bob").click(GENERAL_CHANNEL_ID, announcement.ts, ACTION_FOLLOW)
        await slack.wait_for(lambda: harness.replies("bob", f"You follow {incident.id}"))
        assert await history_store(harness.bot.ctx).followers(incident.id) == [BOB.id]

        alice = slack.user("alice")
        await alice.command("/incident", "severity sev1 spreading", incident.channel_id)
        await alice.command("/incident", "update rolled back the canary", incident.channel_id)
        await alice.command("/incident", "resolve fixed", incident.channel_id)
        for expected in ("severity SEV2 → SEV1", "status update: rolled back the canary", "is resolved after"):
            await slack.wait_for(lambda e=expected: (dm := slack.dm_with("bob")) and slack.find_message(dm.id, e),
                                 description=f"bob's DM {expected!r}")
        assert slack.dm_with("alice") is None or not slack.find_messages(slack.dm_with("alice").id, ":bell:")

        card = next(m for m in slack.pins(incident.channel_id))
        await slack.user("bob").click(incident.channel_id, card.ts, ACTION_FOLLOW)
        await slack.wait_for(lambda: harness.replies("bob", f"You no longer follow {incident.id}"))
        assert await history_store(harness.bot.ctx).followers(incident.id) == []
    finally:
        await harness.stop_all()


async def test_a_private_incident_cannot_be_followed_by_an_outsider(harness):
    from bot.flows.context import Refused
    from bot.flows.follow import toggle_follow

    await declare_private(harness.slack)
    private = await eventually_incident(harness, "INC-1")
    try:
        await toggle_follow(harness.bot.ctx, private.id, BOB.id)
    except Refused as refused:
        assert "Leaked" not in str(refused)
    else:
        raise AssertionError("an outsider followed a private incident")
    assert await history_store(harness.bot.ctx).followers(private.id) == []


async def test_the_weekly_report_is_posted_once_across_two_processes(slack, redis_url):
    from datetime import datetime, timezone

    from bot.reports.schedule import DAYS
    from tests.integration.conftest import Harness

    now = datetime.now(timezone.utc)
    schedule = f"{DAYS[now.weekday()]} {now:%H:%M}"  # due this minute
    harness = Harness(slack, redis_url)
    try:
        # Each process's first sweep (at start) finds the report due; then both sweep again at once.
        first = await harness.start_bot(report_channel=GENERAL_CHANNEL_ID, report_schedule=schedule)
        second = await harness.start_bot(report_channel=GENERAL_CHANNEL_ID, report_schedule=schedule)
        again = await asyncio.gather(maybe_send_weekly_report(first.ctx), maybe_send_weekly_report(second.ctx))
        assert again == [False, False]
        reports = slack.find_messages(GENERAL_CHANNEL_ID, "Incident report")
        assert len(reports) == 1 and "Last 7 days" in message_text(reports[0])
        charts = [f for f in slack.files() if f.filename.endswith(".png") and GENERAL_CHANNEL_ID in f.channels]
        assert len(charts) == 2 and all(f.content.startswith(b"\x89PNG") for f in charts)
    finally:
        await harness.stop_all()


async def test_a_weekly_report_whose_chart_failed_is_completed_without_posting_the_text_again(slack, redis_url):
    from datetime import datetime, timezone

    from bot.reports.schedule import DAYS
    from tests.integration.conftest import Harness

    now = datetime.now(timezone.utc)
    schedule = f"{DAYS[now.weekday()]} {now:%H:%M}"  # due this minute
    harness = Harness(slack, redis_url)
    slack.fail("files.completeUploadExternal", "internal_error")  # the first chart is refused once
    try:
        bot = await harness.start_bot(report_channel=GENERAL_CHANNEL_ID, report_schedule=schedule)
        assert len(slack.find_messages(GENERAL_CHANNEL_ID, "Incident report")) == 1
        assert not [f for f in slack.files() if GENERAL_CHANNEL_ID in f.channels]
        assert await maybe_send_weekly_report(bot.ctx)  # the next sweep: only what is missing
        assert await maybe_send_weekly_report(bot.ctx) is False
        assert len(slack.find_messages(GENERAL_CHANNEL_ID, "Incident report")) == 1
        charts = [f for f in slack.files() if f.filename.endswith(".png") and GENERAL_CHANNEL_ID in f.channels]
        assert sorted(f.filename.split("-")[0] for f in charts) == ["per_week", "response"]
    finally:
        await harness.stop_all()
