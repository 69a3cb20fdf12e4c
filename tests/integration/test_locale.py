"""Answers in the person's language: their Slack locale (users.info with include_locale, cached),
else INCIDENT_LOCALE; Chinese commands work end to end. Real bot, real HTTP, the stand-in."""

from __future__ import annotations

from slack_standin import GENERAL_CHANNEL_ID
from tests.support.waiting import eventually


async def _answer(harness, who, text, channel=GENERAL_CHANNEL_ID):
    slack = harness.slack
    before = len(slack.ephemerals(who))
    result = await slack.user(who).command("/incident", text, channel)
    assert result.ok and not result.timed_out
    answers = await slack.wait_for(lambda: slack.ephemerals(who)[before:], description=f"an answer to {text!r}")
    return answers[0].text


def _locale_lookups(slack, user_id):
    return [c for c in slack.calls("users.info") if c.args.get("user") == user_id]


async def test_a_person_whose_slack_is_in_chinese_is_answered_in_chinese(harness):
    harness.slack.set_locale("bob", "zh-TW")
    assert "/incident 宣告 嚴重度一" in await _answer(harness, "bob", "help")
    assert "我不認得 `frobnicate`" in await _answer(harness, "bob", "frobnicate")
    english = await _answer(harness, "alice", "help")
    assert "/incident declare sev1 <title>" in english and "宣告（declare）" not in english
    assert "宣告 (declare)" in english  # the English help lists the Chinese forms too
    [lookup, *_] = _locale_lookups(harness.slack, "U0BOB")
    assert str(lookup.args.get("include_locale")).lower() in ("1", "true")


async def test_the_locale_is_cached_until_its_ttl(harness):
    harness.slack.set_locale("bob", "zh-TW")
    await _answer(harness, "bob", "help")
    harness.slack.set_locale("bob", "en-US")
    assert "指令" in await _answer(harness, "bob", "help")  # still the cached zh-TW
    assert len(_locale_lookups(harness.slack, "U0BOB")) == 1


async def test_with_no_cache_a_changed_locale_is_seen_at_once(harness):
    await harness.stop_all()
    await harness.start_bot(user_locale_ttl_seconds=0)
    harness.slack.set_locale("bob", "zh-TW")
    assert "指令" in await _answer(harness, "bob", "help")
    harness.slack.set_locale("bob", "en-US")
    assert "*`/incident` commands*" in await _answer(harness, "bob", "help")


async def test_an_unsupported_slack_locale_falls_back_to_incident_locale(harness):
    await harness.stop_all()
    await harness.start_bot(locale="zh-TW")
    harness.slack.set_locale("bob", "fr-FR")
    assert "指令" in await _answer(harness, "bob", "help")
    assert "`好了` 不是有效的狀態" in await _answer(harness, "bob", "status 好了")


async def test_a_chinese_declaration_runs_end_to_end(harness):
    incident = await harness.declare("宣告 嚴重度一 結帳服務全面中斷", who="alice")
    assert incident.severity.value == "SEV1" and incident.title == "結帳服務全面中斷"
    assert harness.slack.channel(incident.channel_id).name.endswith("-jie-zhang-fu-wu-quan-mian-zhong-duan")
    await harness.slack.user("alice").command("/incident", "角色 技術負責人 <@U0BOB>", incident.channel_id)
    await harness.slack.user("alice").command("/incident", "狀態 已確認 找到原因", incident.channel_id)
    await harness.slack.user("alice").command("/incident", "決策 回滾 4312 因為錯誤從這次部署開始", incident.channel_id)

    async def settled():
        found = await harness.store.require(incident.id)
        events = await harness.store.timeline(incident.id)
        decisions = [e for e in events if e.kind.value == "decision"]
        return (found, decisions) if found.roles.tech_lead == "U0BOB" and found.status.value == "identified" and decisions else None

    found = await eventually(settled, what="the Chinese commands to land")
    _incident, [decision] = found
    assert decision.text.startswith("回滾 4312") and decision.reason == "錯誤從這次部署開始"


async def test_the_declare_forms_short_channel_name_names_the_war_room(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", "宣告")
    view = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    result = await slack.user("bob").submit_view(
        view.id, {"title": {"value": "結帳服務中斷"}, "severity": {"value": "SEV2"}, "slug": {"value": "Checkout Down"}},
    )
    assert result.ok and result.view_closed
    await slack.wait_for(lambda: harness.replies("bob", "War room:"))
    incident = await harness.store.require("INC-1")
    assert incident.channel_name.endswith("-checkout-down") and incident.title == "結帳服務中斷"
