"""Timeline texts the flows write (text3-timeline.ftl) read in INCIDENT_LOCALE: no English
sentence left in zh-TW, and the readers of those texts (the catch-up, the postmortem's
resolution) still find what a status update said when it was recorded in Chinese."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from agents import IncidentContext
from agents.summary import catch_up_lines, offline_catch_up
from bot.flows.agent_steps import timeline_entry
from bot.incident.model import EventKind, TimelineEvent
from bot.postmortem import story
from i18n import reading_in, t
from tests.support.english_words import english_sentences
from tests.unit.test_blocks import _incident

AT = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
ARGS = dict(count="3", number="2", description="加上金絲雀閘門", suggested="SEV2", declared="SEV1", type="服務中斷",
            kept="SEV1", overdue="5m 0s", user="U0BOB", role="技術負責人", previous="U0ALICE", old="investigating",
            new="monitoring", took="1h 5m", said="已回滾", late="2m 0s", title="偵測與分類", headline="SEV1 服務中斷")


def _keys() -> list[str]:
    catalogue = Path(__file__).resolve().parents[2] / "i18n/locales/zh-TW/text3-timeline.ftl"
    return [line.split(" = ")[0] for line in catalogue.read_text().splitlines() if line.startswith("text3-")]


def test_every_timeline_text_reads_in_chinese():
    keys = _keys()
    assert len(keys) == 18  # the postmortem written/updated records too
    with reading_in("zh-TW"):
        said = {key: t(key, **ARGS) for key in keys}
    assert {key: english_sentences(line) for key, line in said.items() if english_sentences(line)} == {}
    assert said["text3-event-status-changed"] == "狀態 調查中 → 監控中"


def test_the_english_timeline_texts_are_unchanged():
    with reading_in("en"):
        assert t("text3-event-status-update-late", late="2m 0s", said="rolled back") == "status update (2m 0s late): rolled back"
        assert t("text3-decision-severity-kept", kept="SEV1", suggested="SEV2") == "severity kept at SEV1 (triage suggested SEV2)"
        assert t("text3-event-role-handed-over", user="U1", role="Tech Lead", previous="U2") == "<@U1> is Tech Lead (handed over from <@U2>)"


def _update(minutes: int, said: str, **data) -> TimelineEvent:
    with reading_in("zh-TW"):
        text = t("text3-event-status-update", said=said)
    return TimelineEvent(at=AT + timedelta(minutes=minutes), kind=EventKind.STATUS_UPDATE, actor="U3", text=text, data=data)


def test_the_catch_up_reads_a_status_update_recorded_in_chinese():
    with reading_in("zh-TW"):
        kept = TimelineEvent(at=AT + timedelta(minutes=30), kind=EventKind.DECISION, actor="U1",
                             text=t("text3-decision-severity-kept", kept="SEV1", suggested="SEV2"))
    events = [_update(20, "開始回滾", impact="三成付款失敗", next_steps="觀察錯誤率"), kept]
    context = IncidentContext(incident_id="INC-1", title="結帳 API 回傳 500", severity="SEV1", incident_type="service_outage",
                              status="identified", declared_at=AT, roles={"incident_commander": ["<@U1>"]},
                              timeline=[timeline_entry(e) for e in events], locale="zh-TW")
    with reading_in("zh-TW"):
        said = "\n".join(catch_up_lines(offline_catch_up(context, AT + timedelta(minutes=35))))
    assert "開始回滾（<@U3>" in said or "開始回滾 (<@U3>" in said, said
    assert "狀態更新" not in said and "三成付款失敗" in said and "觀察錯誤率" in said
    assert "嚴重度維持" not in said  # the IC keeping the severity is not what is being tried


def test_the_postmortem_resolution_reads_a_chinese_status_update():
    assert story.resolution(_incident(), [_update(5, "錯誤率回到基準")], {}).endswith("錯誤率回到基準")


def test_a_change_named_in_chinese_on_a_chinese_status_change_is_still_a_change():
    from agents.changes import timeline_changes

    with reading_in("zh-TW"):
        moved = TimelineEvent(at=AT, kind=EventKind.STATUS_CHANGED, actor="U0BOB", reason="checkout-api v2.3.1 已上線後錯誤率升高",
                              text=t("text3-event-status-changed", old="investigating", new="identified"),
                              data={"from": "investigating", "to": "identified"})
        undone = TimelineEvent(at=AT + timedelta(minutes=5), kind=EventKind.DECISION, actor="U0BOB",
                               text="回滾 已部署 billing-api v9.1")
    context = IncidentContext(incident_id="INC-1", title="結帳錯誤", declared_at=AT, locale="zh-TW",
                              timeline=[timeline_entry(moved), timeline_entry(undone)])
    assert [(c.service, c.version) for c in timeline_changes(context)] == [("checkout-api", "v2.3.1")]
