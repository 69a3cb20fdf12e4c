"""Which language the bot's sentences are in, over real HTTP against the stand-in: the war room
speaks INCIDENT_LOCALE whoever types; what only one person reads (a read-only command's answer, a
refusal) follows that person's Slack language."""

from __future__ import annotations

import re

from slack_standin import GENERAL_CHANNEL_ID
from tests.support.english_words import english_sentences


async def _declare(harness, command: str, who: str, ready: str) -> str:
    """Declare through the slash command; the war room's channel id once the declarer hears it is ready."""
    slack = harness.slack
    result = await slack.user(who).command("/incident", command)
    assert result.ok, result.text
    [reply, *_] = await slack.wait_for(lambda: harness.replies(who, ready), description="the war-room-ready reply")
    return re.search(r"<#(C[A-Z0-9]+)", reply).group(1)


async def _in_room(harness, who: str, command: str, room: str, contains: str):
    slack = harness.slack
    result = await slack.user(who).command("/incident", command, room)
    assert result.ok and not result.timed_out
    return await slack.wait_for_message(room, contains)


async def _answer(harness, who: str, command: str, channel: str = GENERAL_CHANNEL_ID):
    slack = harness.slack
    before = len(slack.ephemerals(who))
    result = await slack.user(who).command("/incident", command, channel)
    assert result.ok and not result.timed_out
    [answer, *_] = await slack.wait_for(lambda: slack.ephemerals(who)[before:], description=f"an answer to {command!r}")
    return answer.text


async def test_with_incident_locale_zh_tw_the_war_room_speaks_chinese(harness):
    await harness.stop_all()
    await harness.start_bot(locale="zh-TW", broadcast_channel=GENERAL_CHANNEL_ID)
    slack = harness.slack
    for person in ("alice", "bob"):
        slack.set_locale(person, "zh-TW")

    room = await _declare(harness, "宣告 嚴重度二 結帳 API 回傳 500", "alice", "戰情室：")
    announced = await slack.wait_for_message(GENERAL_CHANNEL_ID, "已宣告")
    assert f"<#{room}>" in announced.text and "結帳 API 回傳 500" in announced.text

    role = await _in_room(harness, "alice", "角色 技術負責人 <@U0BOB>", room, "指派 <@U0BOB>")
    status = await _in_room(harness, "alice", "狀態 已確認 找到原因", room, "將狀態從")
    assert status.text.endswith("原因：找到原因")
    update = await _in_room(harness, "bob", "更新 已回滾 4312，錯誤率下降中", room, "的狀態更新：")
    assert "已回滾 4312" in update.text

    for message in (announced, role, status, update):
        assert not english_sentences(message.text), message.text
    english = [m.text for m in slack.messages(room) if "moved the status" in m.text or " made <@" in m.text]
    assert english == []


async def test_with_incident_locale_en_a_chinese_reader_gets_chinese_answers_and_the_war_room_stays_english(harness):
    slack = harness.slack
    slack.set_locale("bob", "zh-TW")
    slack.set_locale("alice", "en-US")
    room = await _declare(harness, "declare sev2 Checkout API returning 500s", "alice", "War room:")

    listed = await _answer(harness, "bob", "list")
    assert "進行中的事件：1 個" in listed and not english_sentences(listed)
    assert "1 open incidents" in await _answer(harness, "alice", "list")

    refused = await _answer(harness, "bob", "timeline")  # outside a war room: a refusal, in bob's words
    assert "戰情室頻道" in refused and not english_sentences(refused)

    timeline = await _answer(harness, "bob", "timeline", room)
    assert "的時間軸" in timeline

    not_his = await _answer(harness, "bob", "status identified found it", room)  # a refusal from the access check
    assert not_his.startswith(":no_entry: 只有") and not english_sentences(not_his)
    await _in_room(harness, "alice", "role tech <@U0BOB>", room, "made <@U0BOB>")
    status = await _in_room(harness, "bob", "status identified found it", room, "<@U0BOB> moved the status")
    assert "將狀態從" not in status.text
    unchanged = await _answer(harness, "bob", "status identified", room)  # refused by the change flow itself
    assert unchanged.startswith(":information_source: 不需要變更") and not english_sentences(unchanged)
    update = await _in_room(harness, "bob", "更新 已回滾 4312", room, "Status update on")
    assert "的狀態更新" not in update.text
