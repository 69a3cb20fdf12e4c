"""Offline severity and type classification, and service extraction, with the reason shown.

Rules read the declared title and description, the alert names and labels and the timeline, in
English and Chinese. A severity a person declared (on the incident or in the text, "SEV1", "P0")
is respected and reported; the rules' own verdict is shown beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.context import IncidentContext
from agents.incident_types import IncidentTypes, TypedRule, load_incident_types
from agents.models import INCIDENT_TYPES, SEVERITIES
from agents.text import matching_terms, normalize
from agents.triage.classifier import model as triage_model
from agents.triage.classifier import triage
from agents.words import value_shown
from i18n import t

# --- rule tables ------------------------------------------------------------------------------
# Which words point to which incident type lives in each type's data file (classifier.rules in
# runbooks/types/<type>.yaml); the tables here are about severity and scope, whatever the type.

# Resource leaks are performance problems, not security: rewritten before the rules run.
_NOT_SECURITY = re.compile(
    r"\b(memory|connection|goroutine|thread|fd|file descriptor|socket|handle)\s+leak(s|ed|ing)?\b"
    r"|記憶體洩漏|連線洩漏"
)

CRITICAL_PATH: tuple[str, ...] = (
    "checkout", "payment", "payments", "pay", "billing", "login", "log in", "sign in", "signin",
    "signup", "sign up", "auth", "authentication", "order", "orders", "cart", "api gateway",
    "database", "primary db", "stripe", "paypal", "adyen", "braintree",
    "結帳", "付款", "支付", "登入", "訂單", "購物車", "金流", "資料庫",
)
FULL_SCOPE: tuple[str, ...] = (
    "all users", "every user", "everyone", "all customers", "complete outage", "completely",
    "entire", "total outage", "fully down", "site down", "site is down", "whole site",
    "全部", "所有使用者", "所有用戶", "全面", "完全",
)
LIMITED_SCOPE: tuple[str, ...] = (
    "some users", "few users", "a few", "single user", "one customer", "intermittent",
    "intermittently", "occasionally", "occasional", "minor", "small number", "internal only",
    "internal tool", "staging", "部分", "偶爾", "少數", "間歇",
)
DEFAULT_TYPE = "service_outage"  # until someone confirms, when no rule or runbook points elsewhere

_DECLARED = re.compile(r"(?<![a-z0-9])(sev)[\s-]?([1-4])(?![0-9])|(?<![a-z0-9])p([0-3])(?![0-9])")
_ALERT_SEVERITY = {
    "critical": "SEV2", "page": "SEV2", "p1": "SEV2", "high": "SEV2", "error": "SEV3",
    "warning": "SEV3", "warn": "SEV3", "medium": "SEV3", "info": "SEV4", "low": "SEV4",
    "p0": "SEV1", "sev1": "SEV1", "sev2": "SEV2", "sev3": "SEV3", "sev4": "SEV4",
}


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def _worst(a: str, b: str) -> str:
    return a if _rank(a) <= _rank(b) else b


def _shift(severity: str, levels: int) -> str:
    return SEVERITIES[max(0, min(len(SEVERITIES) - 1, _rank(severity) + levels))]


@dataclass
class Classification:
    """The rules' verdict, with every signal that produced it."""

    severity: str
    incident_type: str
    reason: str
    severity_source: str  # "declared" | "classified"
    confidence: str
    rule_severity: str
    signals: list[str] = field(default_factory=list)


def _text(context: IncidentContext) -> str:
    parts = [context.title, context.description]
    for alert in context.alerts:
        parts.extend([alert.name, normalize(alert.name, camel=True)])
        parts.extend(v for k, v in alert.labels.items() if k not in {"severity", "priority"})
        parts.extend(alert.annotations.values())
    return normalize(" ".join(p for p in parts if p))


def declared_severity(context: IncidentContext) -> tuple[str | None, str]:
    """A severity a person set: on the incident, else written in the title ('SEV1', 'P0')."""
    if context.severity:
        value = context.severity.strip().upper().replace("-", "")
        if value in SEVERITIES:
            return value, t("agents4-classify-declared-on-incident")
        match = re.fullmatch(r"P([0-3])", value)
        if match:
            return f"SEV{int(match.group(1)) + 1}", t("agents4-classify-declared-as", value=value)
    match = _DECLARED.search(normalize(f"{context.title} {context.description}"))
    if match:
        if match.group(2):
            return f"SEV{match.group(2)}", t("agents4-classify-written", text=match.group(0).strip())
        return f"SEV{int(match.group(3)) + 1}", t("agents4-classify-written", text=match.group(0))
    return None, ""


def classify(
    context: IncidentContext,
    runbook_type: str | None = None,
    types: IncidentTypes | None = None,
) -> Classification:
    """Severity and type from the declaration and the alerts by the triage model, with the reason.

    The model (agents/triage) reads scope and magnitude for severity and tells a cause from a
    victim for the type; an alert's own severity label still sets a floor, and a severity or type
    a person declared is kept and reported beside the model's. A type the model was not trained
    on (a data file added since) is found by the cues in its data file.
    """
    types = types if types is not None else load_incident_types()
    verdict = triage(_text(context))
    severity, incident_type = verdict.severity, verdict.incident_type
    signals = [verdict.severity_reason, verdict.type_reason]
    levels = ("low", "medium", "high")
    confidence = min(verdict.severity_confidence, verdict.type_confidence, key=levels.index)
    untrained = _untrained_type(context, types)
    if untrained is not None:
        incident_type, signals[1] = untrained
    elif not verdict.type_evidence:
        incident_type = runbook_type or DEFAULT_TYPE
        how = t("agents4-classify-closest-runbook") if runbook_type else t("agents4-classify-default-type")
        signals[1] = t("agents4-classify-no-type-signal", type=value_shown(incident_type), how=how)
        confidence = "low"
    if not verdict.severity_evidence:
        severity = "SEV3"
        signals[0] = t("agents4-classify-no-severity-signal")
        confidence = "low"
    severity = _alert_floor(context, severity, signals)
    return _with_declared(context, severity, incident_type, signals, confidence)


def _untrained_type(context: IncidentContext, types: IncidentTypes) -> tuple[str, str] | None:
    """The strongest type the triage model does not know whose data-file cues match, if any."""
    known = set(triage_model().incident_type.classes)
    text = _NOT_SECURITY.sub(" resource exhaustion ", _text(context))
    best: tuple[float, str, str] | None = None
    for typed in types.rules:
        if typed.incident_type in known or typed.rule.cosmetic:
            continue
        terms = matching_terms(text, typed.rule.terms)
        if terms and (best is None or typed.rule.weight > best[0]):
            best = (typed.rule.weight, typed.incident_type,
                    f"{typed.rule.label} ({', '.join(terms[:4])})")
    if best is None:
        return None
    return best[1], f"{types[best[1]].label.lower()}: {best[2]}"


def _alert_floor(context: IncidentContext, severity: str, signals: list[str]) -> str:
    for alert in context.alerts:
        label = (alert.labels.get("severity") or alert.labels.get("priority") or "").lower()
        if label in _ALERT_SEVERITY and alert.status != "resolved":
            floor = _ALERT_SEVERITY[label]
            signals.append(t("agents4-classify-alert-floor", alert=alert.name, label=label, floor=floor))
            severity = _worst(severity, floor)
    return severity


def classify_by_rules(
    context: IncidentContext,
    runbook_type: str | None = None,
    types: IncidentTypes | None = None,
) -> Classification:
    """The earlier rule-table verdict (cues from the type files), kept for comparison in
    bench/triage_accuracy.py."""
    types = types if types is not None else load_incident_types()
    text = _NOT_SECURITY.sub(" resource exhaustion ", _text(context))
    signals: list[str] = []
    type_weight: dict[str, float] = {}
    severity: str | None = None
    matched_rules: list[TypedRule] = []
    for typed in types.rules:
        rule = typed.rule
        terms = matching_terms(text, rule.terms)
        if not terms:
            continue
        matched_rules.append(typed)
        type_weight[typed.incident_type] = type_weight.get(typed.incident_type, 0) + rule.weight
        signals.append(f"{rule.label} ({', '.join(terms[:4])}) -> {rule.severity}")
        if not rule.cosmetic:
            severity = rule.severity if severity is None else _worst(severity, rule.severity)

    cosmetic_only = bool(matched_rules) and all(r.rule.cosmetic for r in matched_rules)
    if cosmetic_only:
        severity = "SEV4"
    else:
        for typed in matched_rules:
            if typed.rule.cosmetic:  # a typo that broke something is not cosmetic
                type_weight[typed.incident_type] -= typed.rule.weight

    for alert in context.alerts:
        label = (alert.labels.get("severity") or alert.labels.get("priority") or "").lower()
        if label in _ALERT_SEVERITY and alert.status != "resolved":
            floor = _ALERT_SEVERITY[label]
            signals.append(f"alert {alert.name} severity={label} -> at least {floor}")
            severity = floor if severity is None else _worst(severity, floor)

    if severity is not None and not cosmetic_only:
        critical = matching_terms(text, list(CRITICAL_PATH))
        if critical and _rank(severity) >= _rank("SEV3"):
            severity = "SEV2"
            signals.append(f"critical user path ({', '.join(critical[:3])}) -> SEV2")
        full = matching_terms(text, list(FULL_SCOPE))
        if full and severity != "SEV1":
            severity = "SEV1"
            signals.append(f"whole user base affected ({', '.join(full[:2])}) -> SEV1")
        limited = matching_terms(text, list(LIMITED_SCOPE))
        security = any(types[t].security for t, w in type_weight.items() if w > 0)
        if limited and not full and not security and _rank(severity) < _rank("SEV3"):
            severity = _shift(severity, 1)
            signals.append(f"limited scope ({', '.join(limited[:2])}) -> {severity}")

    positive = {t: w for t, w in type_weight.items() if w > 0}
    if positive:
        incident_type = max(positive, key=lambda t: (positive[t], -types.priority_index(t)))
        confidence = "high" if len(matched_rules) >= 2 else "medium"
    else:
        incident_type = runbook_type or DEFAULT_TYPE
        confidence = "low"
        how = "closest runbook" if runbook_type else "default until someone confirms"
        signals.append(f"no type rule matched -> {incident_type} ({how})")
    if severity is None:
        severity = "SEV3"
        confidence = "low"
        signals.append("no severity signal -> SEV3 (standard response until the IC confirms)")

    return _with_declared(context, severity, incident_type, signals, confidence)


def _with_declared(context: IncidentContext, severity: str, incident_type: str,
                   signals: list[str], confidence: str) -> Classification:
    """The verdict, with a severity or type a person declared kept and the classifier's shown."""
    rule_severity = severity
    declared, where = declared_severity(context)
    if context.incident_type in INCIDENT_TYPES:
        if context.incident_type != incident_type:
            signals.append(t("agents4-classify-type-declared", declared=value_shown(context.incident_type),
                             rules=value_shown(incident_type)))
        incident_type = context.incident_type
    if declared:
        agree = t("agents4-classify-agrees") if declared == rule_severity else t("agents4-classify-triage-says", severity=rule_severity)
        reason = t("agents4-classify-reason-declared", severity=declared, where=where, agree=agree,
                   type=value_shown(incident_type), signals=t("agents4-classify-signal-separator").join(signals))
        return Classification(declared, incident_type, reason, "declared", "high",
                              rule_severity, signals)
    reason = t("agents4-classify-reason", severity=severity, type=value_shown(incident_type),
               signals=t("agents4-classify-signal-separator").join(signals))
    return Classification(severity, incident_type, reason, "classified", confidence,
                          rule_severity, signals)


# --- services ---------------------------------------------------------------------------------

_SUFFIXES = (
    "db|api|service|svc|gateway|gw|worker|cache|queue|web|frontend|backend|server|cluster|redis|"
    "postgres|mysql|kafka|proxy|app"
)
_IDENT = re.compile(rf"(?<![\w.-])([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*[-_](?:{_SUFFIXES}))(?![\w-])")
_COMPOUND = re.compile(
    r"(?<![\w-])([a-z][a-z0-9]+)\s+(api|service|database|db|page|site|app)(?![\w.-])"
)
_HOST = re.compile(r"(?<![\w.-])((?:[a-z0-9-]+\.)+(?:com|net|org|io|dev|app|cloud|co|tw))\b")
_POD_HASH = re.compile(r"-[a-z0-9]{8,10}-[a-z0-9]{5}$|-[a-f0-9]{9,10}$")
_COMPOUND_STOP = {
    "the", "a", "an", "our", "public", "external", "rest", "graphql", "internal", "their",
    "this", "that", "whole", "entire", "home", "landing", "status", "error", "web", "api",
    "aws", "github", "google", "third", "vendor", "provider", "slow", "main", "new", "old",
    "on", "in", "for", "of", "to", "with", "from", "at", "by", "via", "and", "or",
}
_DOMAINS = {
    "checkout": "checkout", "payments": "payments", "payment": "payments", "billing": "billing",
    "login": "login", "signup": "signup", "search": "search", "cart": "cart", "orders": "orders",
    "inventory": "inventory", "shipping": "shipping", "notifications": "notifications",
}
_VENDORS = (
    "stripe", "paypal", "adyen", "braintree", "twilio", "sendgrid", "mailgun", "auth0", "okta",
    "cloudflare", "fastly", "akamai", "github", "aws", "gcp", "azure", "s3", "datadog",
)
_INFRA = (
    "database", "postgres", "postgresql", "mysql", "redis", "kafka", "elasticsearch", "dns",
    "cdn", "load balancer", "ingress", "kubernetes", "pgbouncer", "資料庫",
)
_CJK_SERVICES = {
    "結帳": "checkout", "付款": "payments", "支付": "payments", "金流": "payments",
    "登入": "login", "訂單": "orders", "購物車": "cart", "搜尋": "search", "會員": "accounts",
    "通知": "notifications", "首頁": "homepage", "定價": "pricing",
}
_LABEL_KEYS = ("service", "app", "app_kubernetes_io_name", "job", "deployment", "container",
               "service_name", "component")


@dataclass(frozen=True)
class ServiceMention:
    name: str
    role: str  # primary | dependency | suspected
    evidence: str


def _pod_service(name: str) -> str:
    return _POD_HASH.sub("", name)


def extract_services(context: IncidentContext) -> list[ServiceMention]:
    """Services named by the declaration, alert labels and text, each with where it was seen."""
    found: dict[str, ServiceMention] = {}

    def add(name: str, role: str, evidence: str) -> None:
        key = name.strip().lower()
        if key and key not in found:
            found[key] = ServiceMention(key, role, evidence)

    for name in context.services:
        add(name, "primary", t("agents4-classify-declared-on-incident"))
    for alert in context.alerts:
        for key in _LABEL_KEYS:
            if alert.labels.get(key):
                add(alert.labels[key], "primary", t("agents4-classify-alert-label", alert=alert.name, label=key))
                break
        else:
            if alert.labels.get("pod"):
                add(_pod_service(alert.labels["pod"]), "primary", t("agents4-classify-alert-label", alert=alert.name, label="pod"))

    raw = f"{context.title}\n{context.description}"
    lowered = raw.lower()
    for match in _IDENT.finditer(lowered):
        add(match.group(1), "primary", t("agents4-classify-named"))
    for match in _HOST.finditer(lowered):
        add(match.group(1), "primary", t("agents4-classify-host-named"))
    for match in _COMPOUND.finditer(lowered):
        word, kind = match.group(1), match.group(2)
        if word in _COMPOUND_STOP or word in _VENDORS or word.isdigit():
            continue
        suffix = {"database": "db", "site": "web", "page": "page", "app": "app"}.get(kind, kind)
        add(f"{word}-{suffix}", "primary", t("agents4-classify-named"))
    for cjk, name in _CJK_SERVICES.items():
        if cjk in raw:
            after = raw[raw.index(cjk) + len(cjk):].lstrip()
            add(f"{name}-api" if after.lower().startswith("api") else name, "primary",
                t("agents4-classify-named-as", word=cjk))

    text = normalize(raw)
    for word in matching_terms(text, list(_DOMAINS)):
        name = _DOMAINS[word]
        if not any(name in known for known in found):
            add(name, "primary", t("agents4-classify-named-as", word=word))
    for vendor in matching_terms(text, list(_VENDORS)):
        add(vendor, "dependency", t("agents4-classify-vendor-named"))
    for infra in matching_terms(text, list(_INFRA)):
        infra = "database" if infra == "資料庫" else infra
        if not any(infra in name for name in found):
            add(infra, "dependency", t("agents4-classify-infra-named"))
    return list(found.values())
