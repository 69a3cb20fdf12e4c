"""The App Home, the follower DMs, the weekly report, the charts and the declare refusals in
Traditional Chinese: built for one reader in their language, no English sentence left, and
the English unchanged (i18n/locales/*/text2-*.ftl)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from bot.incident.measures import compute_stats
from bot.incident.model import ActionItem, ActionType, Incident
from bot.incident.severity import Severity
from bot.ui import text
from bot.ui.home_blocks import MAX_HOME_INCIDENTS, HomeChart, HomeData, home_view
from i18n import reading_in
from slack_standin import validate_view
from tests.support.english_words import block_texts, english_in_blocks, english_sentences

NOW = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)


def _incident(n: int, severity: Severity, ic: str) -> Incident:
    record = Incident(id=f"INC-{n}", number=n, title=f"結帳 {n}", severity=severity, declared_by=ic,
                      declared_at=NOW - timedelta(minutes=10 * n), channel_id=f"C{n:06d}" if n % 5 else None)
    record.roles.incident_commander = ic
    return record


def _home() -> dict:
    incidents = [_incident(n, list(Severity)[n % 4], "U0ME" if n % 3 == 0 else "U0IC")
                 for n in range(1, MAX_HOME_INCIDENTS + 6)]
    actions = [("INC-3", ActionItem(number=i, description=f"修正 {i}", owner="U0ME", due=date(2026, 11, 10 + i),
                                    type=ActionType.PREVENT)) for i in range(1, 20)]
    with reading_in("zh-TW"):
        stats = text.home_stats_line(90, 12, "5m 3s", "無資料", "1h 2m", "80%")
        notice = text.home_action_closed("INC-3", 2)
    return home_view(HomeData(viewer="U0ME", now=NOW, incidents=incidents, hidden_private=2, actions=actions,
                              stats_line=stats, notice=notice, charts=[HomeChart("F0001", "各嚴重度每週 MTTR 與 MTTA")]))


def test_the_home_in_chinese_is_valid_and_has_no_english_sentence():
    with reading_in("zh-TW"):
        view = _home()
    assert validate_view(view) == []
    assert english_in_blocks(view) == []
    said = "\n".join(block_texts(view))
    assert "事件總覽" in said and "宣告事件" in said and "已逾期" in said and "還有 5 件" in said


def test_the_home_in_english_reads_as_before():
    with reading_in("en"):
        view = _home()
    said = "\n".join(block_texts(view))
    assert "Incidents at a glance" in said and "Declare incident" in said and ":warning: overdue" in said
    assert "and 5 more (" in said and "`/incident list` lists them all." in said


def test_the_checker_reads_every_text_of_a_surface():
    view = {"type": "home", "blocks": [{"type": "actions", "elements": [
        {"type": "button", "text": {"type": "plain_text", "text": "Open the war room"}, "value": "keep this value"}]}]}
    assert english_in_blocks(view) == ["Open the war room"]


def test_follower_messages_are_said_again_in_the_followers_language():
    with reading_in("en"):
        message = text.follower_status("INC-1", "結帳 <失敗>", "Investigating", "Identified")
    assert message == ":bell: INC-1 (結帳 &lt;失敗&gt;): status Investigating → Identified."
    with reading_in("zh-TW"):
        again = message.again()
    assert again == ":bell: INC-1（結帳 &lt;失敗&gt;）：狀態 Investigating → Identified。"


def test_declare_refusals_and_caveats_in_both_languages():
    failed = [("invite", "that account is a bot"), ("pin", "x")]
    with reading_in("en"):
        assert text.slack_refusal("conversations.invite", "user_is_bot") == "that account is a bot"
        assert text.declare_caveats(failed, "C1").startswith(
            ":warning: I could not invite you: that account is a bot. The card could not be pinned: x. Open <#C1>")
        assert text.DECLARE_STEP_FAILED["pin"] == "the card could not be pinned"
    with reading_in("zh-TW"):
        refusal = text.slack_refusal("conversations.create", "name_taken")
        assert refusal == "我試過的每個頻道名稱都已被使用"
        said = text.declare_incomplete("INC-1", "C1", ["channel", "topic"], [("card", refusal)])
        assert said.startswith(":warning: *INC-1* 已有戰情室 <#C1>（已建立頻道、已設定主題），但無法張貼事件卡片（")
        assert not english_sentences(said)
        assert text.DECLARE_STEP_FAILED["pin"] == "無法釘選卡片"


def test_charts_draw_in_either_language_and_never_draw_boxes():
    """Without a Han font on the host, a zh-TW chart keeps English words rather than boxes
    (matplotlib warns of each missing glyph: made an error here)."""
    import warnings

    from bot.reports import charts

    report = compute_stats([], NOW, 90)
    for locale in ("en", "zh-TW"):
        with reading_in(locale), warnings.catch_warnings():
            warnings.simplefilter("error")
            assert charts.response_times_png(report).startswith(b"\x89PNG")
            assert charts.incidents_per_week_png(report).startswith(b"\x89PNG")
    with reading_in("zh-TW"):
        words = charts._say("text2-chart-empty")
    assert words == ("此期間沒有已解決的事件" if charts._han_font() else "no resolved incidents in this window")
