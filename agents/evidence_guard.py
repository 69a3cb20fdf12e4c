"""Evidence or silence, enforced on every answer, whichever backend wrote it.

A step may assert a bottleneck, a status-page state, a root cause or an impact figure only when
the incident holds evidence it can cite:

| claim | evidence that allows it |
|---|---|
| bottleneck | metrics in the context (an anomaly scan or health matrix) |
| status-page state | a status page recorded on the timeline (a person or the integration) |
| root cause | metrics or alerts; otherwise only a recorded change the claim names (its version or service) |
| impact figure | a measured figure in the evidence, or the same number in the declaration, timeline or alerts |

`guard(key, output, context)` returns the output with every unfounded claim replaced by one line
saying what is missing and how to get it (a bottleneck entry without evidence is dropped), and
the kinds of claim it removed. The offline engine is written not to make such claims; Claude's
answers are checked here, so a model cannot put a confident figure in front of a responder.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from agents.changes import Change, alert_changes, timeline_changes
from agents.context import IncidentContext
from agents.models import StepOutput
from agents.signals import read_signals
from i18n import reading_in, t

# The one line a person reads instead of an unfounded claim, in the incident's language.
MISSING_KEYS = {
    "bottleneck": "agents-guard-missing-bottleneck",
    "status_page": "agents-guard-missing-status-page",
    "root_cause": "agents-guard-missing-root-cause",
    "impact_figure": "agents-guard-missing-impact-figure",
}


def missing_line(kind: str, locale: str | None = None) -> str:
    """What is missing for a claim of `kind` and how to get it (the current locale by default)."""
    return t(MISSING_KEYS[kind], locale)


_NEGATED = re.compile(r"\b(no|not|none|without|unknown|cannot|can't|unconfirmed|nothing)\b"
                      r"|沒有|尚未|未|無|不|非")
_BOTTLENECK = re.compile(r"\bbottleneck|瓶頸", re.I)
_PAGE_STATE = r"(investigating|identified|monitoring|resolved|operational|degraded|outage|green|red)"
_STATUS_PAGE = (
    re.compile(r"status[- ]?page\b[^.;]{0,30}?\b(says|said|shows|showed|reads|read|reports|"
               r"reported|displays|lists|is|was|set to|updated to|moved to|changed to|marked)"
               rf"\b[^.;]{{0,30}}?\b{_PAGE_STATE}\b", re.I),
    re.compile(rf"status[- ]?page\s*[:=]\s*['\"“‘]?{_PAGE_STATE}\b", re.I),
    # 「狀態頁顯示已解決」「狀態頁目前為監控中」「狀態頁：調查中」
    re.compile(r"狀態(?:頁|頁面)[^。；]{0,15}?(?:顯示|寫著|標示|列出|回報|是|為|已改為|改為|更新為|設為|設定為|[:：=])"
               r"[^。；]{0,15}?(調查中|已確認|監控中|已解決|正常運作|運作正常|部分中斷|降級|中斷|故障|綠燈|紅燈)"),
)
_ROOT_CAUSE = re.compile(r"(?:root[- ]cause(?:\s*\([^)]*\))?\s*(?::|\bis\b|\bwas\b|\bappears to be\b)"
                         r"|根本原因(?:\s*[（(][^）)]*[）)])?\s*(?:[:：]|是|為|在於|應是|應為|似乎是|可能是|推測是))"
                         r"\s*(?P<what>.*)", re.I)
_NOT_A_CAUSE = re.compile(r"^\W*(not established|unknown|not known|none|not yet|no root cause|"
                          r"debug has not run|the debug step has not run|"
                          r"尚未確立|尚未確定|尚不清楚|不明|未知|無|尚未找到|除錯步驟尚未執行)", re.I)
_ROOT_CAUSE_FIELDS = {"root_cause", "addresses_root_cause"}
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_ROLLOUT = re.compile(r"\b(canary|rollout|roll out|stage|ramp|shift|route|weight)\b"
                      r"|金絲雀|灰度|分批|階段|導流|切換|權重|上線比例", re.I)
_IMPACT = (
    re.compile(rf"{_NUMBER}\s*%\s+(?:of\s+)?(?:(?:all|the|our|its|their|active|affected)\s+)?"
               r"(?:[\w-]+\s+)?(users|customers|requests|traffic|transactions|payments|"
               r"checkouts|orders|calls|sessions|logins|errors|failures|merchants|accounts)\b",
               re.I),
    re.compile(rf"\b(error rate|failure rate|error ratio|5xx (?:rate|ratio)|failing|failed|fail)"
               rf"\D{{0,25}}?{_NUMBER}\s*%", re.I),
    re.compile(rf"{_NUMBER}\s*(k|m|thousand|million)?\s+(?:[\w-]+\s+)?(users|customers|"
               r"transactions|orders|payments|checkouts|tickets|accounts|merchants|failed|"
               r"failures)\b", re.I),
    re.compile(rf"[$€£¥]\s?{_NUMBER}|{_NUMBER}\s?(usd|eur|dollars)\b", re.I),
    # 「30% 的使用者」「12%的交易」「錯誤率 12%」「失敗率達 30%」「1,200 位使用者」「新台幣 5 萬元」
    re.compile(rf"{_NUMBER}\s*[%％]\s*(?:的)?\s*(?:[\u4e00-\u9fff]{{0,4}}?)"
               r"(使用者|用戶|客戶|請求|流量|交易|付款|結帳|訂單|呼叫|連線|登入|錯誤|失敗|商家|帳號)"),
    re.compile(rf"(錯誤率|失敗率|錯誤比例|5xx\s*比例|失敗)\D{{0,10}}?{_NUMBER}\s*[%％]"),
    re.compile(rf"{_NUMBER}\s*(萬|千|百萬|億)?\s*(?:位|名|筆|個|張|件|次)?\s*"
               r"(使用者|用戶|客戶|交易|訂單|付款|結帳|工單|帳號|商家|失敗)"),
    re.compile(rf"(?:NT\$|新台幣|台幣)\s?{_NUMBER}|{_NUMBER}\s?(?:萬)?\s?(?:元|美元)"),
)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|(?<=[。；！？])\s*")
_SKIP_FIELDS = {"status_page"}  # the comms step's draft is a proposal, not a claim of state


@dataclass(frozen=True)
class Evidence:
    metrics: bool
    alerts: bool
    measured: bool
    status_page: bool
    changes: tuple[Change, ...]
    numbers: frozenset[str]
    versions: frozenset[str]
    declared: frozenset[str]
    """Word pairs of the declaration: a bottleneck a person named ("connection pool") stands."""

    @classmethod
    def of(cls, context: IncidentContext) -> Evidence:
        ev = context.evidence
        signals = read_signals(ev)
        people = [context.title, context.description, *(e.text for e in context.timeline)]
        for alert in context.alerts:
            people += [*alert.labels.values(), *alert.annotations.values()]
        text = "\n".join(people) + "\n" + json.dumps(
            ev.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False)
        measured = signals.has_metrics or any(
            value is not None for value in (ev.failed_transactions, ev.failure_ratio,
                                            ev.support_tickets, ev.revenue_per_minute))
        return cls(
            metrics=signals.has_metrics,
            alerts=bool(context.alerts),
            measured=measured,
            status_page=any("status page" in e.text.lower() or "statuspage" in e.text.lower()
                            or "狀態頁" in e.text for e in context.timeline),
            changes=tuple(timeline_changes(context) + alert_changes(context)),
            numbers=frozenset(_norm(n) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)),
            versions=frozenset(re.findall(r"v?\d+(?:\.\d+)+(?:-[0-9a-z]+)?", text.lower())),
            declared=_pairs(context.title + " " + context.description),
        )

    def cites_a_change(self, claim: str) -> bool:
        lowered = claim.lower()
        for change in self.changes:
            if (change.version and change.version.lower() in lowered) or (
                    change.service and change.service.lower() in lowered):
                return True
        return any(version in lowered for version in self.versions if "." in version)


def _pairs(text: str) -> frozenset[str]:
    words = re.findall(r"[\w-]+", text.lower())
    return frozenset(" ".join(pair) for pair in zip(words, words[1:], strict=False))


def _norm(number: str) -> str:
    return number.replace(",", "").rstrip("0").rstrip(".") if "." in number else \
        number.replace(",", "")


def unfounded(sentence: str, evidence: Evidence) -> str | None:
    """The kind of claim `sentence` makes without evidence, or None."""
    lowered = sentence.lower()
    if (_BOTTLENECK.search(sentence) and not _NEGATED.search(lowered) and not evidence.metrics
            and not _pairs(sentence) & evidence.declared):
        return "bottleneck"
    if "draft" not in lowered and "草稿" not in sentence and not evidence.status_page and any(
            p.search(sentence) for p in _STATUS_PAGE):
        return "status_page"
    found = _ROOT_CAUSE.search(sentence)
    if found and not _NOT_A_CAUSE.search(found.group("what")) and not root_cause_founded(
            found.group("what"), evidence):
        return "root_cause"
    if not evidence.measured and not _ROLLOUT.search(sentence):
        for pattern in _IMPACT:
            for match in pattern.finditer(sentence):
                numbers = [g for g in match.groups() if g and re.fullmatch(_NUMBER, g)]
                if any(_norm(n) not in evidence.numbers for n in numbers):
                    return "impact_figure"
    return None


def root_cause_founded(claim: str, evidence: Evidence) -> bool:
    if _NOT_A_CAUSE.search(claim):
        return True
    return evidence.metrics or evidence.alerts or evidence.cites_a_change(claim)


def _clean_text(text: str, evidence: Evidence, dropped: list[str]) -> str:
    sentences = _SENTENCE.split(text)
    kept: list[str] = []
    for sentence in sentences:
        kind = unfounded(sentence, evidence)
        if kind is None:
            kept.append(sentence)
            continue
        dropped.append(kind)
        if missing_line(kind) not in kept:
            kept.append(missing_line(kind))
    joined = ""
    for sentence in kept:  # Chinese sentences end in full-width punctuation: no space after it
        joined += sentence if not joined or joined.endswith(("。", "；", "！", "？")) else " " + sentence
    return joined


def _clean(value: Any, evidence: Evidence, dropped: list[str], field: str = "") -> Any:
    if field in _SKIP_FIELDS:
        return value
    if isinstance(value, str):
        stated = _ROOT_CAUSE.search(value)  # "Debugging's root cause (low confidence): X"
        claim = stated.group("what") if stated else value
        if field in _ROOT_CAUSE_FIELDS and not root_cause_founded(claim, evidence):
            dropped.append("root_cause")
            return missing_line("root_cause")
        return _clean_text(value, evidence, dropped)
    if isinstance(value, list):
        cleaned = [_clean(item, evidence, dropped, field) for item in value]
        unique: list[Any] = []
        for item in cleaned:
            if item not in unique:
                unique.append(item)
        return unique
    if isinstance(value, dict):
        return {key: _clean(item, evidence, dropped, key) for key, item in value.items()}
    return value


def guard(key: str, output: StepOutput, context: IncidentContext) -> tuple[StepOutput, list[str]]:
    """`output` without unfounded claims, and the kinds of claim removed (in order, once each)."""
    evidence = Evidence.of(context)
    data = output.model_dump(mode="json")
    dropped: list[str] = []
    if key == "performance" and not evidence.metrics:
        kept = [b for b in data.get("bottlenecks", [])  # named by the declaration itself
                if _pairs(b.get("component", "")) & evidence.declared]
        if len(kept) < len(data.get("bottlenecks", [])):
            dropped.append("bottleneck")
        data["bottlenecks"] = kept
    with reading_in(context.locale):
        cleaned = _clean(data, evidence, dropped)
    if "root_cause" in dropped and "root_cause_confidence" in cleaned:
        cleaned["root_cause_confidence"] = "low"
    if not dropped:
        return output, []
    return type(output).model_validate(cleaned), list(dict.fromkeys(dropped))
