"""INCIDENT_LOCALE=zh-TW reaches the agents: the bot builds the context with it, and the answer
posted in the war room is written in Traditional Chinese. Real bot, real HTTP, the stand-in."""

from __future__ import annotations

from bot.flows.agent_steps import incident_context
from tests.support.waiting import eventually


async def test_a_zh_tw_war_room_gets_the_agents_answer_in_chinese(harness):
    await harness.stop_all()
    await harness.start_bot(locale="zh-TW")
    slack = harness.slack
    incident = await harness.declare("宣告 嚴重度二 結帳服務回傳 500", who="alice")
    context = await incident_context(harness.bot.ctx, await harness.store.require(incident.id))
    assert context.locale == "zh-TW"

    await slack.user("alice").command("/incident", "執行 triage", incident.channel_id)
    answer = await slack.wait_for(lambda: next(
        (m for m in slack.messages(incident.channel_id) if "偵測與分類" in str(m.blocks)), None),
        description="the triage answer, titled in Chinese")
    assert "Detect and classify" not in str(answer.blocks)
    async def stored():
        results = await harness.bot.ctx.steps.results(incident.id)
        return results.get("triage")

    triage = await eventually(stored, timeout=15, what="the stored triage result")
    assert "影響" in triage.summary  # the summary line in the war room's language
    await slack.wait_for(lambda: next(
        (m for m in slack.messages(incident.channel_id) if triage.summary[:20] in str(m.blocks)), None),
        description="the Chinese headline in the war room")


async def test_an_english_war_room_keeps_english_answers(harness):
    incident = await harness.declare("declare sev2 Checkout API returning 500s", who="alice")
    context = await incident_context(harness.bot.ctx, await harness.store.require(incident.id))
    assert context.locale == "en"
    await harness.slack.user("alice").command("/incident", "run triage", incident.channel_id)
    await harness.slack.wait_for(lambda: next(
        (m for m in harness.slack.messages(incident.channel_id) if "Detect and classify" in str(m.blocks)), None),
        description="the triage answer, in English")
