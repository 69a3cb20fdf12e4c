"""Triage, observe and mitigate in Traditional Chinese (INCIDENT_LOCALE=zh-TW): every sentence
agents/offline/detect.py and agents/changes.py write themselves reads with no English; the
English left comes only from data others own (runbooks/*.md, runbooks/types/*.yaml and the
triage model's own signal lines, agents/triage). The classifier's reasons and where it saw a
service (agents/classify.py), the facts' source labels (agents/offline/facts.py) and the
evidence scan's words (agents/evidence) are checked too. English output stays as other tests
pin it."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path

import pytest

from agents import OfflineBackend, run_steps
from agents.changes import Change
from agents.classify import _text
from agents.triage.classifier import triage
from agents.render import essentials, headline, render_markdown
from i18n import catalogue, reading_in
from i18n.catalogue import LOCALES_DIR
from tests.agents.conftest import T0, bare_incident, checkout_incident
from tests.agents.test_agents_zh_tw import english_runs

ROOT = Path(__file__).resolve().parents[2]
STEPS = ["triage", "observe", "mitigate"]
SERVICES = ("payments-db", "checkout-api", "checkout", "homepage", "login", "payments")


def _words(text: str) -> str:
    text = re.sub(r"<[^>]*>", " ", text).lower()
    return " " + " ".join(re.findall(r"[a-z][a-z'’-]*", text)) + " "


# Text this change does not own: the runbooks, the incident-type data files and the signal
# and runbook matching modules (agents/classify.py and agents/offline/facts.py are checked).
OTHERS = _words("\n".join(
    [p.read_text(encoding="utf-8") for p in sorted((ROOT / "runbooks").rglob("*.md"))]
    + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "runbooks" / "types").glob("*.yaml"))]
    + [(ROOT / "agents" / name).read_text(encoding="utf-8")
       for name in ("signals.py", "runbooks.py")]
).replace("{svc}", "svc").replace("{deps}", "deps"))


def _foreign_runs(text: str, exempt: list[str] = ()) -> list[str]:
    """English runs of `text` that are not copied from the data others own (`exempt`: whole
    strings another module wrote, e.g. the classifier's reason)."""
    for other in sorted(filter(None, exempt), key=len, reverse=True):
        text = text.replace(other, " ")
    for name in SERVICES:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", "svc", text)
    return [run for run in english_runs(text) if _words(run) not in OTHERS]


def _keys() -> list[str]:
    source = (LOCALES_DIR / "zh-TW" / "agents2-detect.ftl").read_text(encoding="utf-8")
    return re.findall(r"^(agents2-detect-[a-z0-9-]+) =", source, re.M)


@pytest.mark.parametrize("key", _keys())
def test_every_detect_message_reads_without_english_in_zh_tw(key):
    source = (LOCALES_DIR / "zh-TW" / "agents2-detect.ftl").read_text(encoding="utf-8")
    block = source.split(f"\n{key} =", 1)[1].split("\nagents2-", 1)[0]
    args = {name: "1" for name in re.findall(r"\{\s*\$([a-z_]+)", block)}
    text = catalogue().format(key, "zh-TW", **args)
    assert english_runs(text) == [], (key, text)


PATH_TEXT = "checkout-api p99 x9 <- payments-db cpu x3"  # the scan's own words (agents/evidence)
INCIDENTS = {
    # with metrics, alerts and a recorded deploy
    "checkout": lambda: checkout_incident().model_copy(update={"locale": "zh-TW"}),
    # only a declared title: no metrics, alerts or changes
    "bare": lambda: bare_incident("結帳服務大量錯誤", locale="zh-TW"),
    "security": lambda: bare_incident("登入服務疑似憑證外洩", incident_type="security_incident",
                                      locale="zh-TW"),
    # metrics with a root-cause walk over the call graph
    "walk": lambda: checkout_incident(locale="zh-TW", evidence={
        "anomalies": [{"service": "payments-db", "metric": "cpu", "score": 9.0, "direction": "up"}],
        "root_cause": {"graph_source": "configured", "edges": 3, "confidence": "medium",
                       "confidence_reason": "呼叫圖上只有一條異常路徑",
                       "candidates": [{"rank": 1, "service": "payments-db", "score": 9.0,
                                       "own_score": 9.0, "path": ["checkout-api", "payments-db"],
                                       "path_text": PATH_TEXT}]}}),
    "cosmetic": lambda: bare_incident("首頁按鈕文字顯示錯誤", severity="SEV4",
                                      incident_type="service_outage", locale="zh-TW"),
}


@pytest.fixture(scope="module")
def zh_runs():
    return {name: asyncio.run(run_steps(STEPS, make(), OfflineBackend()))
            for name, make in INCIDENTS.items()}


def _triage_signals(zh_runs, incident: str) -> list[str]:
    """The triage model's own signal lines (agents/triage: words quoted from the declaration and
    the type data files), which the classifier's reason quotes."""
    lines = []
    for locale in ("en", "zh-TW"):  # the type data it quotes is read in the step's language
        with reading_in(locale):
            verdict = triage(_text(INCIDENTS[incident]()))
        lines += [verdict.severity_reason, verdict.type_reason]
    return lines


@pytest.mark.parametrize("incident", INCIDENTS)
@pytest.mark.parametrize("step", STEPS)
def test_detect_steps_render_without_english_of_their_own(step, incident, zh_runs):
    result = zh_runs[incident][step]
    out = result.output
    exempt = [PATH_TEXT, *_triage_signals(zh_runs, incident),  # the test's data; agents/triage
              *(s for s in result.sources if s.startswith("runbooks/")),  # file paths
              # detect.py's alert finding source (another helper converts detect.py)
              *(f["source"] for f in out.get("findings", []) if f["source"].startswith("alert: ")),
              *(q["query"] for q in out.get("suggested_queries", []))]  # code, not sentences
    with reading_in("zh-TW"):
        shown = [render_markdown(result), headline(result), essentials(result)]
    for text in shown:
        for line in text.splitlines():
            assert _foreign_runs(line, exempt) == [], (step, incident, line)


def test_the_checker_catches_detect_english():
    """The exemption covers the data files only: detect.py's own English would be caught."""
    assert _foreign_runs("No SLO data in the context: check the availability") != []
    assert _foreign_runs("Compare the 5xx rate per version") == []  # a runbook's own check


def test_what_triage_observe_and_mitigate_write_is_chinese(zh_runs):
    triage, observe, mitigate = (zh_runs["checkout"][s].output for s in STEPS)
    written = [triage["slo_status"]["detail"], triage["slo_status"]["error_budget"],
               *triage["missing_information"], *(a["evidence"] for a in triage["affected_services"]
                                                 if a["role"] == "suspected"),
               observe["trace_analysis"], *observe["missing_data"],
               *(f["summary"] + f["source"] for f in observe["findings"]
                 if not f["source"].startswith("alert:")),
               *(h["signals"] for h in observe["service_health"]),
               *(q["purpose"] for q in observe["suggested_queries"]),
               mitigate["rollback_decision"]["reason"],
               *mitigate["verify_with"][:2], *(a["expected_effect"] for a in mitigate["actions"])]
    for text in written:  # a runbook's path (runbooks/zh-TW/…) is a file name, not words
        assert english_runs(re.sub(r"runbooks/[\w./-]+", " ", text)) == [], text
    assert "部署 checkout-api v2.3.1（部署 webhook，13:50）" in mitigate["rollback_decision"]["reason"]
    assert "（依嚴重度判斷：影響相當比例的使用者）。" in triage["user_impact"]
    assert "指派尚未有人擔任的指揮角色：溝通負責人" in triage["next_actions"]
    bare = zh_runs["bare"]["mitigate"].output
    assert bare["rollback_decision"]["reason"].startswith("目前沒有任何部署或變更紀錄")
    walk = zh_runs["walk"]["observe"].output["findings"]
    assert any(f["summary"].startswith("根本原因追查指向 payments-db：") and "（信心：中；呼叫圖上只有一條異常路徑）" in f["summary"]
               and f["source"] == "證據：沿呼叫圖追查根本原因（configured）" for f in walk), walk
    assert zh_runs["security"]["mitigate"].output["rollback_decision"]["reason"] == \
        "資安事件並非我們最近一次發布所造成；回滾無法消除原因。"


def test_english_detect_sentences_are_unchanged(incident):
    results = asyncio.run(run_steps(STEPS, incident, OfflineBackend()))
    triage, observe, mitigate = (results[s].output for s in STEPS)
    assert mitigate["rollback_decision"]["reason"] == (
        "A change is recorded (deploy v2.3.1 of checkout-api (deploy webhook, 13:50)) and the "
        "symptoms are errors or slowness: roll back first, debug after users are safe.")
    assert triage["user_impact"] == ("Users of checkout-api get errors or cannot use it "
                                     "(for a significant share of users, by the severity).")
    assert triage["affected_services"][-1]["evidence"] == "metric anomaly: latency_p99_seconds up score 4.1"
    assert observe["findings"][0]["summary"] == \
        "Alert HighErrorRate is firing since 2025-03-04 13:53 UTC: 5xx ratio 23% on checkout-api"
    assert "No distributed traces (OpenTelemetry/Jaeger) in the context" in observe["missing_data"]
    assert "Assign the open command roles: comms_lead" in triage["next_actions"]
    assert mitigate["verify_with"][0] == \
        "http_5xx_ratio of checkout-api back to its baseline (it went up)"


def test_a_change_reads_in_the_incident_language():
    change = Change(service="checkout-api", version="v2.3.1", at=T0 - timedelta(minutes=10),
                    source="deploy webhook")
    assert change.describe() == "deploy v2.3.1 of checkout-api (deploy webhook, 13:50)"
    with reading_in("zh-TW"):
        assert Change(service="checkout-api", version="v2.3.1", at=T0,
                      source="由事件指揮官指出").describe() == \
            "部署 checkout-api v2.3.1（由事件指揮官指出，14:00）"
        assert Change(service=None, version="v9", at=None, source="告警標籤").describe() == \
            "部署 v9（告警標籤）"


def test_the_classifier_sources_and_roles_read_in_chinese(zh_runs):
    """agents/classify.py's reason and mention evidence, facts.py's source labels and the roles
    render.py shows as they are: Chinese in zh-TW, unchanged identifiers in English."""
    triage = zh_runs["checkout"]["triage"]
    assert triage.output["reason"].startswith("SEV2，類型：服務中斷。線索：")
    assert "告警 HighErrorRate 的 severity=critical → 至少 SEV2" in triage.output["reason"]
    assert triage.output["affected_services"][0]["evidence"] == "告警 HighErrorRate 的標籤 service"
    assert {"告警：prometheus/HighErrorRate", "證據：指標異常掃描"} <= set(triage.sources)
    with reading_in("zh-TW"):
        shown = render_markdown(triage)
    assert "- **checkout-api** — 主要 _(" in shown and "- **溝通負責人** — 需要 _(" in shown
    bare = zh_runs["bare"]["triage"].output["reason"]
    assert "沒有嚴重度線索" in bare or "線索：" in bare


def test_english_classifier_words_are_unchanged(incident):
    results = asyncio.run(run_steps(["triage"], incident, OfflineBackend()))
    triage = results["triage"]
    assert triage.output["reason"].startswith("SEV2 service_outage. Signals: ")
    assert "alert HighErrorRate severity=critical -> at least SEV2" in triage.output["reason"]
    assert triage.output["affected_services"][0]["evidence"] == "alert HighErrorRate label service"
    assert "evidence: metric anomaly scan" in triage.sources
    assert "- **checkout-api** — primary _(" in render_markdown(triage)


def _agents4_keys() -> list[tuple[str, str]]:
    found = []
    for name in ("agents4-classify.ftl", "agents4-evidence.ftl"):
        source = (LOCALES_DIR / "zh-TW" / name).read_text(encoding="utf-8")
        found += [(name, key) for key in re.findall(r"^(agents4-[a-z0-9-]+) =", source, re.M)]
    return found


@pytest.mark.parametrize(("name", "key"), _agents4_keys())
def test_every_classifier_and_evidence_message_reads_without_english_in_zh_tw(name, key):
    source = (LOCALES_DIR / "zh-TW" / name).read_text(encoding="utf-8")
    block = source.split(f"\n{key} =", 1)[1].split("\nagents4-", 1)[0]
    args = {arg: "1" for arg in re.findall(r"\{\s*\$([a-z_]+)", block)}
    text = catalogue().format(key, "zh-TW", **args)
    assert english_runs(text) == [], (key, text)
