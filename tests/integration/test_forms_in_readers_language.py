"""A form is read by one person: it opens in their Slack language while the war room keeps
INCIDENT_LOCALE, and its errors come back in the language it was opened in. Real bot, real
HTTP, the stand-in."""

from __future__ import annotations


def _shown(view) -> str:
    return str(view.payload)


async def test_a_chinese_readers_forms_are_chinese_in_an_english_war_room(harness):
    slack = harness.slack
    slack.set_locale("alice", "zh-TW")
    incident = await harness.declare("declare sev2 Checkout latency high", who="alice")

    await slack.user("alice").click(incident.channel_id, incident.card_ts, "open_update_modal")
    update = await slack.wait_for(lambda: slack.open_view("alice"), description="alice's update form")
    assert update.payload["title"]["text"] == "狀態更新" and "上次更新後發生了什麼" in _shown(update)
    assert "嚴重度二（SEV2）" in _shown(update) and "What happened" not in _shown(update)
    refused = await slack.user("alice").submit_view(update.id, {"what": {"value": "   "}})
    assert refused.errors == {"what": "請說明上次更新後發生了什麼。"}
    card = next(m for m in slack.messages(incident.channel_id) if m.ts == incident.card_ts)
    assert "Post update" in str(card.blocks) and "發布狀態更新" not in str(card.blocks)  # the war room: INCIDENT_LOCALE


async def test_the_declare_and_role_forms_follow_the_reader(harness):
    slack = harness.slack
    slack.set_locale("bob", "zh-TW")
    incident = await harness.declare("declare sev1 Checkout API returning 500s", who="alice")
    await slack.user("bob").click(incident.channel_id, incident.card_ts, "open_role_modal:tech_lead")
    role = await slack.wait_for(lambda: slack.open_view("bob"), description="the role form")
    assert role.payload["title"]["text"] == "指派技術負責人" and "技術負責人主導調查與修復" in _shown(role)
    await slack.user("bob").submit_view(role.id, {"assignee": {"value": "U0BOB"}})
    await slack.wait_for(lambda: slack.open_view("bob") is None or None, description="the role form to close")

    await slack.user("bob").command("/incident", "宣告")
    declare = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    shown = _shown(declare)
    assert declare.payload["title"]["text"] == "宣告事件" and "嚴重度一（SEV1）：完全中斷、安全漏洞或資料遺失，立即全員回應" in shown and "服務中斷" in shown
    refused = await slack.user("bob").submit_view(declare.id, {"title": {"value": "  "}, "severity": {"value": "SEV2"}})
    assert refused.errors == {"title": "需要標題：用幾個字說明什麼壞了。"}

