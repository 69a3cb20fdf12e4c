"""The agents' answers in Traditional Chinese (INCIDENT_LOCALE=zh-TW): what is converted reads
with no English sentence; English stays as the other tests pin it."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest

from agents import STEP_KEYS, STEPS, OfflineBackend, run_steps
from agents.context import TimelineEntry
from agents.evidence_guard import MISSING_KEYS, missing_line
from agents.render import essentials, headline, render_markdown
from agents.summary import catch_up_lines, offline_catch_up
from i18n import catalogue, reading_in
from i18n.catalogue import LOCALES_DIR
from tests.agents.conftest import T0, bare_incident, checkout_incident

ALLOWED = {"SEV1", "SEV2", "SEV3", "SEV4", "IC", "API", "MTTA", "MTTR", "PagerDuty", "Jira",
           "Slack", "Claude", "UTC", "AI", "SLO", "SLI", "SLA", "Prometheus", "PROMETHEUS_URL",
           "token", "webhook", "CDN", "DDoS", "P1", "P2", "P3", "INC", "checkout", "api",
           "payments"}


def english_runs(text: str) -> list[str]:
    """Runs of 3+ English words left after removing markup, code, URLs, identifiers and the
    allowed names: each one is an English sentence (or a piece of one) a reader would see."""
    text = re.sub(r"`[^`]*`|<[^>]*>|:[a-z0-9_+-]+:|https?://\S+", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*|\S", text)
    runs, current = [], []
    for word in words:
        if re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", word) and word not in ALLOWED:
            current.append(word)
            continue
        if re.fullmatch(r"[\s.,;:()\-/]", word) and current:
            continue
        if len(current) >= 3:
            runs.append(" ".join(current))
        current = []
    if len(current) >= 3:
        runs.append(" ".join(current))
    return runs


def test_the_checker_finds_english_and_passes_chinese():
    assert english_runs("尚未確認瓶頸：there are no metrics here") == ["there are no metrics here"]
    assert english_runs("**根本原因：**尚未確立（`kubectl rollout undo` 與 SEV1、Claude）") == []


def _agents_keys() -> list[str]:
    keys = []
    for path in sorted((LOCALES_DIR / "zh-TW").glob("agents-*.ftl")):
        keys += re.findall(r"^(agents-[a-z0-9-]+) =", path.read_text(encoding="utf-8"), re.M)
    return keys


@pytest.mark.parametrize("key", _agents_keys())
def test_every_agents_message_reads_without_english_in_zh_tw(key):
    source = "".join(p.read_text(encoding="utf-8") for p in (LOCALES_DIR / "zh-TW").glob("agents-*.ftl"))
    block = source.split(f"\n{key} =", 1)[1].split("\nagents-", 1)[0]
    args = {name: "1" for name in re.findall(r"\{\s*\$([a-z_]+)", block)}
    text = catalogue().format(key, "zh-TW", **args)
    assert english_runs(text) == [], (key, text)
    assert re.search(r"[\u4e00-\u9fff]", text) or key.startswith(("agents-enum-", "agents-render-")) \
        or len(text) <= 12, (key, text)


@pytest.fixture(scope="module")
def zh_results():
    context = checkout_incident().model_copy(update={"locale": "zh-TW"})
    return asyncio.run(run_steps(STEP_KEYS, context, OfflineBackend())), context


@pytest.mark.parametrize("key", STEP_KEYS)
def test_every_step_frames_its_answer_in_chinese(key, zh_results):
    """Title, meta line, section headings and field labels of every step, in zh-TW."""
    results, _ = zh_results
    with reading_in("zh-TW"):
        markdown = render_markdown(results[key])
    lines = markdown.splitlines()
    frame = [lines[0], lines[2]] + [line for line in lines if line.startswith("## ")]
    frame += re.findall(r"\*\*([^*]+)：\*\*", markdown)
    for line in frame:
        assert english_runs(line) == [], (key, line)
    with reading_in("zh-TW"):
        assert lines[0] == f"# {STEPS[key].number}. {STEPS[key].shown_title}"
    assert STEPS[key].title not in lines[0] and re.search(r"[\u4e00-\u9fff]", lines[0])
    assert "內建回答" in lines[2]


def test_the_comms_drafts_people_publish_are_chinese(zh_results):
    results, _ = zh_results
    comms = results["comms"].output
    drafts = [comms["status_page"]["title"], comms["status_page"]["body"],
              comms["support_brief"]["summary"], *comms["support_brief"]["talking_points"],
              *comms["support_brief"]["avoid"], results["comms"].summary]
    for text in drafts:
        assert english_runs(text) == [], text
    assert comms["status_page"]["status"] == "investigating"  # enums stay machine-readable
    with reading_in("zh-TW"):
        assert english_runs(headline(results["comms"])) == []
        assert english_runs(essentials(results["comms"]).split("\n**內部更新**")[0]) == []


def test_comms_in_every_state_and_for_a_security_incident_is_chinese():
    from agents import run_step

    for status in ("identified", "monitoring", "resolved"):
        context = checkout_incident(status=status).model_copy(update={"locale": "zh-TW"})
        result = asyncio.run(run_step("comms", context, OfflineBackend()))
        page = result.output["status_page"]
        assert english_runs(page["title"] + page["body"]) == [], (status, page)
    context = bare_incident("登入服務疑似憑證外洩", incident_type="security_incident",
                            locale="zh-TW")
    result = asyncio.run(run_step("comms", context, OfflineBackend()))
    page, brief = result.output["status_page"], result.output["support_brief"]
    assert english_runs(page["title"] + page["body"] + brief["summary"]) == [], page
    assert "僅限內部" in page["title"]


def test_english_comms_are_unchanged(incident):
    from agents import run_step

    result = asyncio.run(run_step("comms", incident, OfflineBackend()))
    assert result.output["status_page"]["title"] == "Checkout: investigating errors"
    assert result.output["status_page"]["body"].startswith("We are investigating errors affecting Checkout. Some customers")
    assert "Do not promise an ETA" in result.output["support_brief"]["avoid"]


def test_the_catch_up_is_chinese():
    context = bare_incident("結帳服務大量錯誤", roles={"incident_commander": ["<@U1>"]},
                            severity="SEV2", incident_type="service_outage", locale="zh-TW",
                            timeline=[TimelineEntry(at=T0 + timedelta(minutes=5), kind="decision",
                                                    actor="<@U1>", text="先回滾 v2.3.1")])
    with reading_in("zh-TW"):
        lines = catch_up_lines(offline_catch_up(context, T0 + timedelta(minutes=75)))
    for line in lines:
        assert english_runs(line) == [], line
    assert lines[0] == "**發生了什麼：**結帳服務大量錯誤（服務中斷）"
    assert "已持續 1 小時 15 分鐘" in lines[2] and "事件指揮官 <@U1>" in lines[3]


def test_the_guard_lines_are_chinese_and_english_unchanged():
    for kind in MISSING_KEYS:
        assert english_runs(missing_line(kind, "zh-TW")) == []
    assert missing_line("root_cause", "en").startswith("Not established: no metrics, alerts")


def test_the_rollout_plan_and_deploy_checks_are_chinese(zh_results):
    """What fix and deploy write themselves (stages, checks, triggers, coordination); the fix
    summary and changes that come from the incident type's data file are still English."""
    results, _ = zh_results
    fix, deploy = results["fix"].output, results["deploy"].output
    written = [fix["risk"]["details"], *fix["rollback_procedure"],
               *(s["name"] for s in fix["rollout_stages"]), fix["rollout_stages"][0]["proceed_if"],
               *fix["rollout_stages"][0]["health_checks"], *deploy["rollback_triggers"],
               deploy["stages"][0]["rollback_trigger"], deploy["verification_results"][0]["detail"],
               *deploy["dashboards"], deploy["ic_coordination"]]
    for text in written:
        assert english_runs(text) == [], text
    assert fix["deployment_strategy"] == "canary" and deploy["deployment_status"] == "not_started"


def test_english_rollout_plan_is_unchanged(incident):
    results = asyncio.run(run_steps(["fix", "deploy"], incident, OfflineBackend()))
    fix, deploy = results["fix"].output, results["deploy"].output
    assert [s["name"] for s in fix["rollout_stages"]] == ["canary", "partial", "half", "full"]
    assert fix["rollout_stages"][0]["proceed_if"] == \
        "all health checks pass for the whole stage and the IC approves"
    assert deploy["stages"][0]["rollback_trigger"] == "any health check fails for 5 minutes, or the IC calls it"


def test_the_impact_figures_and_gaps_are_chinese(zh_results):
    """What impact writes itself (duration, figures, SLA, tickets, revenue, contacts, gaps); the
    incident type's own segments and data-loss lines come from its data file."""
    results, _ = zh_results
    out = results["impact"].output
    written = [out["duration"], out["failed_transactions"], out["sla_analysis"],
               out["support_ticket_volume"], out["revenue_impact"], *out["missing_data"],
               *(c["segment"] + c["reason"] + c["channel"] for c in out["proactive_contacts"][:1])]
    for text in written:
        assert english_runs(text) == [], text
    assert results["impact"].unfounded_claims == []  # the Chinese figures are the evidence's


# --- debug, security, performance, postmortem, monitoring, hardening (agents2-*.ftl) ----------

PHASE_2_AND_5 = ["debug", "security", "performance", "postmortem", "monitoring", "hardening"]


def _data_patterns(context, results) -> list[re.Pattern]:
    """What these steps quote from data that is not theirs to translate: the runbooks and the
    incident types' files (English), the recorded changes (agents/changes.py), the earlier
    steps written elsewhere (agents/offline/detect.py) and people's own words. Each as a
    pattern (placeholders match anything), longest first, with the shortened forms the steps
    quote (a vulnerability title, an action before its '(')."""
    import yaml

    from agents.incident_types import default_types_dir
    from agents.offline.facts import Facts
    from agents.runbooks import default_runbook_dir, load_runbooks

    texts: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str) and " " in value.strip():
            texts.update({value, value.split(" - ")[0].split(",")[0][:80], value.split(" (")[0],
                          value[:120]})
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for locale in ("en", "zh-TW"):  # a zh-TW answer quotes the Chinese runbook, its commands as written
        for book in load_runbooks(default_runbook_dir(), locale=locale):
            walk(book.model_dump())
    for path in default_types_dir().glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    with reading_in("zh-TW"):
        walk(Facts(context=context, runbook_library=load_runbooks()).changes)
    walk([entry.text for entry in context.timeline])
    walk([(r.output, r.summary) for key, r in results.items() if key not in PHASE_2_AND_5])
    patterns = []
    for text in sorted((x for x in texts if len(x.split()) >= 3), key=len, reverse=True):
        pattern = re.sub(r"\\\{[a-z_]+\\\}", ".+?", re.escape(text))
        patterns.append(re.compile(pattern))
    # runbook paths and the source labels facts.py cites (alert: source/name, evidence: ...)
    return patterns + [re.compile(r"[\w./-]*runbooks/[\w./-]+|alert: [\w-]+/[\w-]+|"
                                  r"evidence: metric anomaly scan( \([^)]*\))?")]


def _own_words(text: str, patterns: list[re.Pattern]) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def _zh_contexts():
    from agents.context import AlertInfo

    with_everything = checkout_incident(
        title="結帳 API 在部署 v2.3.1 後回傳 500", description="客戶回報 13:52 起結帳失敗。",
        locale="zh-TW", incident_type="service_outage", severity="SEV2")
    bare = bare_incident("結帳服務大量錯誤", locale="zh-TW", severity="SEV1",
                         incident_type="service_outage")
    security = bare_incident("登入服務疑似憑證外洩，token 可能已暴露", locale="zh-TW",
                             incident_type="security_incident", severity="SEV1")
    slow = bare_incident("付款服務延遲升高，資料庫連線池耗盡", locale="zh-TW",
                         incident_type="performance_degradation", severity="SEV2",
                         alerts=[AlertInfo(source="prometheus", name="HighLatency",
                                           labels={"service": "payments"},
                                           starts_at=T0 - timedelta(minutes=30))],
                         resolved_at=T0 + timedelta(minutes=50))
    return {"everything": with_everything, "bare": bare, "security": security, "slow": slow}


@pytest.fixture(scope="module")
def zh_learned():
    runs = {}
    for name, context in _zh_contexts().items():
        runs[name] = (asyncio.run(run_steps(["triage", "observe", "mitigate", "impact",
                                             *PHASE_2_AND_5], context, OfflineBackend())),
                      context)
        # and each step alone, with no earlier step to read
        runs[name + "-alone"] = ({key: asyncio.run(run_steps([key], context, OfflineBackend()))[key]
                                  for key in PHASE_2_AND_5}, context)
    # run again on a context that holds the earlier answers (the postmortem quotes each step)
    context = _zh_contexts()["everything"]
    earlier = asyncio.run(run_steps(["triage", "observe", "mitigate"], context, OfflineBackend()))
    context = context.with_results({key: result.model_copy(update={"finished_at": T0 + timedelta(
        minutes=5)}) for key, result in earlier.items()})
    again = asyncio.run(run_steps(PHASE_2_AND_5, context, OfflineBackend()))
    runs["again"] = ({**context.step_results, **again}, context)
    return runs


@pytest.mark.parametrize("run", ["everything", "bare", "security", "slow", "everything-alone",
                                 "bare-alone", "security-alone", "slow-alone", "again"])
@pytest.mark.parametrize("key", PHASE_2_AND_5)
def test_investigate_and_learn_steps_write_no_english_in_zh_tw(key, run, zh_learned):
    """Every sentence debug, security, performance, postmortem, monitoring and hardening write
    themselves reads in Chinese: what is left in English is quoted data (runbooks, incident
    types, recorded changes), removed before the check."""
    results, context = zh_learned[run]
    patterns = _data_patterns(context, results)
    with reading_in("zh-TW"):
        shown = [render_markdown(results[key]), headline(results[key]), essentials(results[key])]
    if run == "again" and key == "postmortem":
        assert "代理步驟 triage：" in shown[0]
    for text in shown:
        own = _own_words(text, patterns)
        assert english_runs(own) == [], (key, run, english_runs(own))  # noqa


def test_english_investigate_and_learn_answers_are_unchanged(incident):
    results = asyncio.run(run_steps(["triage", "observe", "mitigate", *PHASE_2_AND_5], incident,
                                    OfflineBackend()))
    debug = results["debug"].output
    assert debug["five_whys"][0]["question"] == "Why are users affected?"
    assert debug["five_whys"][-1]["question"] == "Why was the system vulnerable to it?"
    assert results["postmortem"].output["lessons"][-1] == \
        "Mitigate first, then debug: user impact ends when the mitigation lands"
    assert results["monitoring"].output["noise_controls"][0] == \
        "Multi-window burn-rate alerts instead of static thresholds for paging"
    assert results["security"].output["checks"][-1] == \
        "Authentication failure rate (401/403) against its baseline"


def _agents2_keys() -> list[str]:
    keys = []
    for area in ("investigate", "learn"):
        path = LOCALES_DIR / "zh-TW" / f"agents2-{area}.ftl"
        keys += re.findall(r"^(agents2-[a-z0-9-]+) =", path.read_text(encoding="utf-8"), re.M)
    return keys


@pytest.mark.parametrize("key", _agents2_keys())
def test_every_investigate_and_learn_message_reads_without_english_in_zh_tw(key):
    path = LOCALES_DIR / "zh-TW" / f"{key.split('-')[0]}-{key.split('-')[1]}.ftl"
    block = path.read_text(encoding="utf-8").split(f"\n{key} =", 1)[1].split("\nagents2-", 1)[0]
    args = {name: "1" for name in re.findall(r"\{\s*\$([a-z_]+)", block)}
    text = catalogue().format(key, "zh-TW", **args)
    assert english_runs(text) == [], (key, text)
    assert re.search(r"[\u4e00-\u9fff]", text) or len(text) <= 12, (key, text)
