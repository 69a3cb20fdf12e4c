"""Text in and out in Slack's format (issue 8 §4): command text arrives escaped and is unescaped
once; what people, alerts and models wrote is escaped once before it becomes mrkdwn."""

import re
from datetime import datetime, timezone

from slack_standin import GENERAL_CHANNEL_ID

TITLE = "Payments & refunds <5% success"


def _mrkdwn(value) -> list[str]:
    """Every mrkdwn text in some blocks (plain_text is shown as typed and pings nobody)."""
    if isinstance(value, list):
        return [t for v in value for t in _mrkdwn(v)]
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn":
            return [value.get("text", "")]
        return [t for v in value.values() for t in _mrkdwn(v)]
    return []


async def test_an_escaped_title_gives_a_sane_channel_name_and_shows_as_typed(harness):
    slack = harness.slack
    incident = await harness.declare(f"declare sev2 {TITLE}")
    today = datetime.now(timezone.utc).strftime("%Y%m%d")
    channel = slack.channel(incident.channel_id)
    assert channel.name == f"inc-{today}-payments-refunds-5-success"
    assert incident.title == TITLE
    [card] = slack.pins(channel.id)
    assert card.blocks[0]["text"]["text"] == f"{incident.id} · {TITLE}"  # plain text stays plain
    assert "Payments &amp; refunds &lt;5% success" in channel.topic.value
    assert "Payments &amp; refunds &lt;5% success" in channel.purpose.value


async def test_the_form_is_prefilled_with_the_title_as_typed(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", f"declare {TITLE}")
    view = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    title_input = next(b for b in view.payload["blocks"] if b.get("block_id") == "title")
    assert title_input["element"]["initial_value"] == TITLE


async def test_the_title_limit_counts_what_was_typed_not_slacks_escaping(harness):
    title = ("A&B<C " * 25)[:150].strip()  # 150 typed characters, ~300 once Slack escapes them
    assert len(title.replace("&", "&amp;").replace("<", "&lt;")) > 150
    incident = await harness.declare(f"declare sev3 {title}")
    assert incident.title == title


async def test_a_title_asking_for_everyone_pings_nobody(slack, redis_url):
    from tests.integration.conftest import Harness

    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    try:
        await slack.user("bob").command("/incident", "declare")
        view = await slack.wait_for(lambda: slack.open_view("bob"))
        await slack.user("bob").submit_view(
            view.id, {"title": {"value": "<!channel> checkout down <!here>"}, "severity": {"value": "SEV2"}}
        )
        notice = await slack.wait_for_message(GENERAL_CHANNEL_ID, "declared")
        incident = await harness.store.require("INC-1")
        assert incident.title == "<!channel> checkout down <!here>"
        await slack.wait_for(lambda: slack.pins(incident.channel_id), description="the card")
        everything = [notice.text, slack.channel(incident.channel_id).topic.value,
                      slack.channel(incident.channel_id).purpose.value]
        for message in slack.messages(incident.channel_id):
            everything += [message.text, *_mrkdwn(message.blocks or [])]
        assert not any("<!channel>" in t or "<!here>" in t for t in everything)
        assert "&lt;!channel&gt; checkout down" in notice.text
    finally:
        await harness.stop_all()


async def test_a_disguised_link_in_a_description_is_not_a_live_link(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("bob"))
    await slack.user("bob").submit_view(view.id, {
        "title": {"value": "Login page odd"}, "severity": {"value": "SEV3"},
        "description": {"value": "Users see <https://evil.example|Reset your password> on login"},
    })
    [reply] = await slack.wait_for(lambda: harness.replies("bob", "War room:"))
    channel_id = re.search(r"<#(C[A-Z0-9]+)", reply).group(1)
    [card] = slack.pins(channel_id)
    shown = str(card.blocks)
    assert "<https://evil.example" not in shown
    assert "&lt;https://evil.example|Reset your password&gt;" in shown


async def test_mentions_the_bot_means_still_mention(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev2 Queue backlog & retries")
    await slack.user("alice").command("/incident", "role tech <@U0BOB>", incident.channel_id)
    said = await slack.wait_for_message(incident.channel_id, "made <@U0BOB>")
    assert "<@U0ALICE> made <@U0BOB> *Tech Lead*" in said.text
    await slack.user("alice").command("/incident", "timeline", incident.channel_id)
    [timeline] = await slack.wait_for(lambda: [e for e in slack.ephemerals("alice") if e.blocks
                                               and "Timeline" in str(e.blocks)])
    assert "<@U0BOB> is Tech Lead" in str(timeline.blocks)
    assert "Queue backlog &amp; retries" in str(timeline.blocks)
