"""The Block Kit builders, forms, scorecard and postmortem document in Traditional Chinese: every
view passes the stand-in's Block Kit validation, keeps Slack's limits without cutting a Chinese
word, and has no English sentence a person would read.

Sentences of bot/ui/text.py and the agents' answers are converted elsewhere (their own tests);
here they are replaced by Chinese stand-ins so that what is checked is this area's words only.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest

from agents import STEPS, StepResult
from bot.incident.kinds import IncidentType, Role, Status
from bot.incident.model import ActionItem, ActionType, EventKind, TimelineEvent
from bot.incident.scorecard import score
from bot.incident.severity import Severity
from bot.intake.models import Alert
from bot.postmortem.document import render_postmortem
from bot.ui import blocks, forms, integration_blocks, postmortem_blocks, resolve_blocks, step_blocks, summary_blocks, text, triage_blocks
from i18n import reading_in, t
from slack_standin import validate_message_blocks, validate_view
from tests.support.english import english_lines
from tests.unit.test_blocks import NOW, _incident

# --- the English-sentence checker (issue 11's rule) -------------------------------------------

# Proper names and abbreviations a Chinese sentence keeps as they are.
ALLOWED_WORDS = {
    "SEV", "SEV1", "SEV2", "SEV3", "SEV4", "IC", "API", "AI", "SLO", "MTTA", "MTTR", "PagerDuty", "Jira",
    "Slack", "Claude", "UTC", "INC", "HighErrorRate", "Alertmanager", "alertmanager", "pagerduty",
}
def english_sentences(shown: str) -> list[str]:
    """The one checker (tests/support/english.py), with this file's extra names allowed."""
    return [run for _line, run in english_lines(shown, names=ALLOWED_WORDS)]


def test_the_checker_catches_english_and_lets_chinese_through():
    assert english_sentences("Pick a person.") == ["Pick a person"]
    assert english_sentences("*嚴重度*\n:red_circle: 嚴重度一（SEV1）") == []
    assert english_sentences("由 Claude 回答（claude-sonnet-4-6） · `/incident run all` · <@U1> <https://x.y/a b|來源>") == []
    assert english_sentences("已完成 3／13，next update due soon") == ["next update due soon"]


def shown_texts(value) -> list[str]:
    """Every text a person reads in blocks or a view: plain_text and mrkdwn objects."""
    found: list[str] = []
    if isinstance(value, dict):
        if value.get("type") in ("plain_text", "mrkdwn") and isinstance(value.get("text"), str):
            found.append(value["text"])
        for inner in value.values():
            found += shown_texts(inner)
    elif isinstance(value, list):
        for inner in value:
            found += shown_texts(inner)
    return found


# --- what is rendered ------------------------------------------------------------------------

TITLE = "結帳 API 回傳 500"


def _alert(n: int = 1, status: str = "firing") -> Alert:
    return Alert(source="alertmanager", name="HighErrorRate", status=status, fingerprint=f"f{n}", group_key="g",
                 labels={"alertname": "HighErrorRate", "service": "checkout"},
                 annotations={"summary": "結帳錯誤率超過 5%", "description": "過去 5 分鐘的 5xx 比例"},
                 url="https://prometheus.example/graph", received_at=NOW)


def _chinese_spec(spec):
    return dataclasses.replace(spec, title=f"步驟{spec.number}")


def _result(backend: str = "offline", model: str | None = None, fallback: str | None = None) -> StepResult:
    return StepResult(step="postmortem", title="事後檢討", summary="摘要", backend=backend, model=model,
                      fallback_reason=fallback, duration_ms=1.0, started_at=NOW, finished_at=NOW,
                      output={"summary": "部署 4312 後結帳失敗。", "root_cause": "連線池設定錯誤",
                              "action_items": [{"type": "prevent", "title": "加入金絲雀部署", "owner": "Bob",
                                                "due": "2026-12-01"}]})


@pytest.fixture
def chinese_text_sentences(monkeypatch):
    """bot/ui/text.py's sentences and the agents' Markdown stand in Chinese (converted elsewhere)."""
    for name in ("nudge", "escalation", "more_alerts", "triage_reason", "triage_declared", "severity_suggested",
                 "war_room_lost", "private_incident_line", "action_form_errors_owner", "action_form_errors_due",
                 "action_form_errors_past"):
        monkeypatch.setattr(text, name, lambda *args, **kwargs: "（另一區的句子）")
    monkeypatch.setattr(blocks, "STEPS", {key: _chinese_spec(spec) for key, spec in STEPS.items()})  # agents/steps.py titles
    monkeypatch.setattr(step_blocks, "essentials", lambda result: "重點")
    monkeypatch.setattr(step_blocks, "render_markdown", lambda result: "## 完整回答\n- 一\n- 二")


def _events() -> list[TimelineEvent]:
    def ev(minutes: float, kind: EventKind, said: str, actor: str | None = None, **extra) -> TimelineEvent:
        return TimelineEvent(at=NOW + timedelta(minutes=minutes), kind=kind, actor=actor, text=said, **extra)

    return [
        ev(-3, EventKind.ALERT_FIRING, "HighErrorRate 於 checkout"),
        ev(-2, EventKind.DEPLOY, "部署 4312"),
        ev(0, EventKind.DECLARED, "宣告嚴重度一", "U0ALICE"),
        ev(1, EventKind.ROLE_ASSIGNED, "<@U0BOB> 擔任技術負責人", "U0ALICE", data={"role": "tech_lead", "user": "U0BOB"}),
        ev(3, EventKind.STATUS_CHANGED, "狀態 調查中 → 已確認", "U0BOB", reason="部署 4312", data={"to": "identified"}),
        ev(4, EventKind.DECISION, "回滾 4312", "U0ALICE", reason="錯誤從這次部署開始"),
        ev(4.5, EventKind.DECISION, "凍結部署", "U0ALICE"),
        ev(5, EventKind.STEP_COMPLETED, "分類: 嚴重度一"),
        ev(5.2, EventKind.STEP_COMPLETED, "影響: 結帳"),
        ev(20, EventKind.STATUS_UPDATE, "狀態更新：錯誤率下降", "U0ALICE", data={"late_by_seconds": 120}),
        ev(21, EventKind.UPDATE_ESCALATION, "提醒升級"),
    ]


def _open_incident():
    return _incident(title=TITLE, description="結帳頁面回傳 500", incident_type=IncidentType.SERVICE_OUTAGE,
                     status=Status.IDENTIFIED, last_update_at=NOW + timedelta(minutes=3),
                     next_update_due=NOW + timedelta(minutes=1), channel_id="C1",
                     roles={"incident_commander": "U0ALICE", "tech_lead": "U0BOB", "smes": ["U0CAROL"]})


def messages() -> dict[str, list[dict]]:
    """Every message builder of this area, rendered in the current locale."""
    incident = _open_incident()
    resolved = _incident(title=TITLE, status=Status.RESOLVED, resolved_at=NOW + timedelta(hours=1))
    specs = [_chinese_spec(s) for s in STEPS.values()]
    items = [ActionItem(number=1, description="加入金絲雀部署", owner="U0BOB", due=date(2026, 12, 1), type=ActionType.PREVENT),
             ActionItem(number=2, description="告警門檻", owner="U0BOB", due=date(2026, 12, 2), type=ActionType.DETECT,
                        done_at=NOW)]
    card = score(resolved, _events(), items, lambda s: timedelta(minutes=15), NOW + timedelta(hours=2))
    return {
        "card": blocks.incident_card(incident, NOW + timedelta(minutes=6)),
        "card without roles": blocks.incident_card(_incident(title=TITLE), NOW),
        "card resolved": blocks.incident_card(resolved, NOW + timedelta(hours=2)),
        "status": blocks.status_blocks(incident, NOW),
        "timeline": blocks.timeline_blocks(incident, _events()),
        "long timeline": blocks.timeline_blocks(incident, [TimelineEvent(at=NOW, kind=EventKind.NOTE, actor=None, text="備" * 2900)] * 60),
        "open incidents": blocks.open_incidents_blocks([incident, _incident(title=TITLE, channel_id=None)], NOW),
        "status update": blocks.status_update_message(incident, "已回滾", "歐洲區結帳失敗", "觀察 15 分鐘", "U0ALICE"),
        "nudge": blocks.nudge_message(incident, 1, timedelta(minutes=5), timedelta(minutes=15)),
        "escalation": blocks.nudge_message(_incident(title=TITLE), 2, timedelta(minutes=5), timedelta(minutes=15)),
        "alerts": blocks.alert_blocks([_alert(), _alert(2, "resolved")], "新的告警"),
        "triage": blocks.triage_message("T1", [_alert()], "規則", Severity.SEV2),
        "triage declared": blocks.triage_declared_message([_alert()], "INC-7", "C1", "U0ALICE"),
        "run steps": [step_blocks.run_steps_select(specs)],
        "run progress": step_blocks.run_progress("INC-7", "AI 代理步驟", [(specs[0], "done", "完成"), (specs[1], "running", "")]),
        "step waiting": step_blocks.step_answer("INC-7", specs[0], None, "waiting"),
        "step failed": step_blocks.step_answer("INC-7", specs[0], None, "failed"),
        "step offline": step_blocks.step_answer("INC-7", specs[0], _result(), "done"),
        "step claude": step_blocks.step_answer("INC-7", specs[0], _result("claude", "claude-sonnet-4-6"), "done"),
        "step fallback": step_blocks.step_answer("INC-7", specs[0], _result(fallback="逾時"), "done"),
        "postmortem summary": postmortem_blocks.summary(resolved, _result(), card, items, 0),
        "postmortem proposed": postmortem_blocks.summary(resolved, _result(), card, [], 3),
        "action list": postmortem_blocks.action_list("INC-7", items),
        "no action items": postmortem_blocks.action_list("INC-7", []),
        "reminder due": postmortem_blocks.action_reminder("INC-7", items[0], "due"),
        "reminder tomorrow": postmortem_blocks.action_reminder("INC-7", items[0], "tomorrow"),
        "card links": [integration_blocks.card_links({"Jira": "https://jira.example/X-1"})],
        "status draft": integration_blocks.status_draft("INC-7", "結帳異常", "investigating", "我們正在調查", None),
        "status draft live": integration_blocks.status_draft("INC-7", "結帳異常", "monitoring", "已修復", "https://status.example/i/1"),
        "acknowledged": integration_blocks.acknowledged("INC-7", "王小明", "PagerDuty", "U0BOB"),
        "acknowledged unknown": integration_blocks.acknowledged("INC-7", "王小明", "PagerDuty", None),
        "catch-up": summary_blocks.catch_up(incident, ["- 已回滾"], "offline", shareable=True),
        "catch-up shared": summary_blocks.catch_up(incident, ["- 已回滾"], "claude", shareable=False, shared_by="<@U0ALICE> 分享"),
        "severity suggestion": triage_blocks.severity_suggestion(incident, Severity.SEV2, ""),
    }


def views() -> dict[str, dict]:
    """Every modal of this area, rendered in the current locale."""
    incident = _open_incident()
    found = {
        "declare": blocks.declare_modal("C1", TITLE, Severity.SEV2),
        "update": blocks.update_modal(incident, "15m"),
        "update without cadence": blocks.update_modal(_incident(title=TITLE, severity=Severity.SEV4), "off"),
        "action items": postmortem_blocks.action_items_modal(incident, [{"description": "加入金絲雀部署", "type": "prevent"}], NOW.date()),
        "resolve": resolve_blocks.resolve_modal(incident),
        "status page": integration_blocks.status_draft_modal("INC-7", "結帳異常", "identified", "我們已找到原因"),
        "details": step_blocks.details_modal(_chinese_spec(STEPS["triage"]), _result()),
    }
    found.update({f"role {role.value}": blocks.role_modal(incident, role) for role in Role})
    return found


# --- tests -----------------------------------------------------------------------------------


def test_every_message_in_chinese_is_valid_block_kit_with_no_english_sentence(chinese_text_sentences):
    with reading_in("zh-TW"):
        rendered = messages()
    for name, built in rendered.items():
        assert validate_message_blocks(built) == [], name
        english = [s for shown in shown_texts(built) for s in english_sentences(shown)]
        assert english == [], f"{name}: {english}"


def test_every_form_in_chinese_is_valid_block_kit_with_no_english_sentence(chinese_text_sentences):
    with reading_in("zh-TW"):
        rendered = views()
    for name, view in rendered.items():
        assert validate_view(view) == [], name
        english = [s for shown in shown_texts(view) for s in english_sentences(shown)]
        assert english == [], f"{name}: {english}"


# Texts the catalogue itself ends with "…"; any other "…" is a cut made to fit a Slack limit.
_WRITTEN_WITH_ELLIPSIS = ("ui-steps-run-placeholder", "ui-page-choose-tech-lead")


@pytest.mark.parametrize("locale", ["en", "zh-TW"])
def test_no_word_is_cut_to_fit_slack_limits(locale, chinese_text_sentences):
    """Buttons 75, headers 150, options 75, modal titles 24: every wording fits whole."""
    with reading_in(locale):
        rendered = [*messages().values(), *views().values()]
        written = {t(key) for key in _WRITTEN_WITH_ELLIPSIS}
    cut = [shown for built in rendered for shown in shown_texts(built)
           if shown.endswith("…") and shown not in written and "備" not in shown]
    assert cut == []


@pytest.mark.parametrize("locale", ["en", "zh-TW"])
def test_modal_titles_fit_in_24_characters_in_both_languages(locale):
    with reading_in(locale):
        titles = [view["title"]["text"] for view in views().values()]
        role_titles = {role: blocks.role_modal(_open_incident(), role)["title"]["text"] for role in Role}
    assert all(len(title) <= 24 for title in titles), titles
    if locale == "zh-TW":  # the full role name fits: no short wording needed
        assert role_titles == {Role.INCIDENT_COMMANDER: "指派事件指揮官", Role.TECH_LEAD: "指派技術負責人",
                               Role.COMMS_LEAD: "指派溝通負責人", Role.SME: "新增主題專家"}


def test_card_reads_in_the_workflow_terms():
    with reading_in("zh-TW"):
        card = str(blocks.incident_card(_open_incident(), NOW + timedelta(minutes=6)))
    for term in ("嚴重度一（SEV1）", "已確認", "服務中斷", "事件指揮官", "技術負責人", "主題專家", "發布狀態更新",
                 "指派事件指揮官", "解決", ":warning: 已逾時"):
        assert term in card, term
    assert "Severity" not in card and "Post update" not in card


def _form(meta: dict, values: dict) -> dict:
    return {"id": "V1", "state": {"values": values}, "private_metadata": json.dumps(meta)}


def test_form_errors_are_in_the_language_the_form_was_opened_in():
    with reading_in("zh-TW"):
        meta = json.loads(blocks.declare_modal("C1")["private_metadata"])
    assert meta["locale"] == "zh-TW"
    empty = {"title": {"value": {"value": ""}}, "slug": {"value": {"value": "！！"}}}
    with pytest.raises(forms.FormInvalid) as chinese:
        forms.declare_form(_form(meta, empty))
    assert chinese.value.errors == {"title": "需要標題：用幾個字說明什麼壞了。", "severity": "請選擇嚴重度。",
                                    "slug": "請使用英文字母或數字（例如 checkout-500s），或留空。"}
    with pytest.raises(forms.FormInvalid) as english:  # a form opened before the locale rode along
        forms.declare_form(_form({"origin_channel": "C1"}, empty))
    assert english.value.errors["title"] == "A title is needed: what is broken, in a few words."


@pytest.mark.parametrize("read, block", [
    (lambda view: forms.role_form(view), "assignee"),
    (lambda view: forms.update_form(view), "what"),
    (lambda view: forms.resolve_form(view), "resolution"),
    (lambda view: forms.status_draft_form(view), "sp_title"),
])
def test_every_form_error_in_chinese_has_no_english_sentence(read, block):
    view = _form({"incident_id": "INC-7", "role": "tech_lead", "locale": "zh-TW"}, {})
    with pytest.raises(forms.FormInvalid) as invalid:
        read(view)
    assert block in invalid.value.errors
    assert [s for error in invalid.value.errors.values() for s in english_sentences(error)] == []


def test_the_status_page_form_still_reads_its_incident_id():
    with reading_in("zh-TW"):
        view = integration_blocks.status_draft_modal("INC-7", "結帳異常", "identified", "內容")
    values = {"sp_title": {"value": {"value": "結帳異常"}}, "sp_body": {"value": {"value": "內容"}},
              "sp_status": {"value": {"selected_option": {"value": "identified"}}}}
    assert forms.status_draft_form({**view, "state": {"values": values}}) == ("INC-7", "結帳異常", "identified", "內容")
    legacy = {"private_metadata": "INC-7", "state": {"values": values}}
    assert forms.status_draft_form(legacy)[0] == "INC-7"


def test_the_scorecard_and_postmortem_document_in_chinese_have_no_english_sentence():
    resolved = _incident(title=TITLE, status=Status.RESOLVED, resolved_at=NOW + timedelta(hours=1),
                         roles={"incident_commander": "U0ALICE", "tech_lead": "U0BOB"})
    items = [ActionItem(number=1, description="加入金絲雀部署", owner="U0BOB", due=date(2026, 12, 1), type=ActionType.PREVENT)]
    names = {"U0ALICE": "王小明", "U0BOB": "陳大文"}
    with reading_in("zh-TW"):
        card = score(resolved, _events(), items, lambda s: timedelta(minutes=15), NOW + timedelta(hours=2))
        confirmed = render_postmortem(resolved, _events(), None, {}, items, card, NOW + timedelta(hours=2), names)
        proposed = render_postmortem(resolved, _events(), _result(), {}, [], card, NOW + timedelta(hours=2), names)
        reported = render_postmortem(_incident(title=TITLE), [], None, {}, [], card, NOW, names)
    for document in (confirmed, proposed, reported):
        english = [s for line in document.splitlines() for s in english_sentences(line)]
        assert english == [], english
    for heading in ("## 摘要", "## 影響", "## 觸發原因", "## 偵測", "## 解決方式", "## 時間軸（UTC）", "## 決策與理由",
                    "## 根本原因與促成因素", "## 行動項目", "## 經驗教訓", "## 成功標準計分卡", "## 資料來源"):
        assert heading in confirmed, heading
    assert "# INC-7 事後檢討：結帳 API 回傳 500" in confirmed
    assert "**回滾 4312**，因為錯誤從這次部署開始" in confirmed
    assert "| 1 | 加入金絲雀部署 | 陳大文 | 2026-12-01 | 預防 | 未完成 |" in confirmed
    assert "[預防] 加入金絲雀部署（建議負責人：Bob，到期日 2026-12-01）" in proposed
    assert "| 5 分鐘內完成嚴重度分類 | 0s | 是 |" in confirmed


def test_the_postmortem_tells_times_in_incident_timezone():
    from i18n import times

    times.use_timezone("Asia/Taipei")
    try:
        document = render_postmortem(_incident(title=TITLE), _events(), None, {}, [],
                                     score(_incident(), _events(), [], lambda s: None, NOW), NOW, {})
    finally:
        times.use_timezone("UTC")
    assert "## Timeline (UTC+08:00)" in document
    assert "- 19:57 · HighErrorRate" in document  # 11:57 UTC
    assert "First signal 19:57 UTC+08:00" in document
