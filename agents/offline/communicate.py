"""Offline phase 4: stakeholder communication (jinja2 templates) and customer impact."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from agents.models import (
    CommsOutput,
    ContactRecommendation,
    DebugOutput,
    DecisionLogEntry,
    ImpactOutput,
    MitigateOutput,
    StatusPageUpdate,
    SupportBrief,
)
from agents.offline.facts import Facts, fmt_time
from agents.text import matching_terms
from agents.words import enum_word
from i18n import current_locale, t

PUBLIC_FEATURES = {  # catalogue keys (agents-comms.ftl): what customers call the feature
    "checkout": "agents-comms-feature-checkout", "payment": "agents-comms-feature-payments",
    "payments": "agents-comms-feature-payments", "billing": "agents-comms-feature-billing",
    "login": "agents-comms-feature-sign-in", "auth": "agents-comms-feature-sign-in",
    "signup": "agents-comms-feature-sign-up", "search": "agents-comms-feature-search",
    "cart": "agents-comms-feature-cart", "orders": "agents-comms-feature-orders",
    "order": "agents-comms-feature-orders", "pricing": "agents-comms-feature-pricing",
    "notifications": "agents-comms-feature-notifications", "email": "agents-comms-feature-email",
    "api": "agents-comms-feature-api",
}
STATE_PHRASE = {
    "investigating": "agents-comms-state-investigating",
    "identified": "agents-comms-state-identified",
    "monitoring": "agents-comms-state-monitoring",
    "resolved": "agents-comms-state-resolved",
}
# The incident types' public symptoms and talking points (runbooks/types/*.yaml), for readers
# of another language; a value not listed is shown as the data file writes it.
SYMPTOMS = {
    "errors": "agents-comms-symptom-errors",
    "slow responses": "agents-comms-symptom-slow",
    "incorrect information": "agents-comms-symptom-incorrect",
    "a security issue": "agents-comms-symptom-security",
    "errors caused by an upstream provider": "agents-comms-symptom-upstream",
}
TALKING_POINTS = {
    "An upstream provider is involved; we are working with them.": "agents-comms-point-upstream",
}
STATUSES = ("investigating", "identified", "monitoring", "resolved")


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("agents", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    # "Checkout" stays "Checkout" mid-sentence; "Our service" becomes "our service".
    env.filters["lower_first"] = lambda text: (
        text[0].lower() + text[1:] if text.split(" ")[0] in ("Our", "The", "Some") else text)
    return env


def render(name: str, **values: object) -> str:
    """A template in the current locale: `<name>.<locale>.j2` when there is one, else `<name>`."""
    env = _templates()
    localised = name.replace(".j2", f".{current_locale()}.j2")
    if localised in env.list_templates():
        name = localised
    return env.get_template(name).render(**values).strip()


def public_feature(facts: Facts) -> str:
    """A customer-facing name for the affected feature: never an internal service name."""
    for name in facts.primary_services:
        for part in name.replace("_", "-").split("-"):
            if part in PUBLIC_FEATURES:
                return t(PUBLIC_FEATURES[part])
    return t("agents-comms-feature-default")


def _prose_duration(facts: Facts) -> str:
    """The duration in prose ("45 minutes", "2.5 hours") for status pages and executives, not
    the compact `5m 3s` the bot shows in Slack (bot.incident.cadence.format_duration)."""
    minutes = facts.duration_minutes
    if minutes <= 0:
        return ""
    return (t("agents-comms-minutes", minutes=f"{minutes:.0f}") if minutes < 120
            else t("agents-comms-hours", hours=f"{minutes / 60:.1f}"))


def _recorded_progress(facts: Facts) -> str:
    """Resolution progress as the timeline records it (a plan or a draft is not progress)."""
    mitigated = facts.mitigated()
    if mitigated is None:
        return ""
    if mitigated.actor:
        return t("agents-comms-mitigated-by", actor=mitigated.actor, at=fmt_time(mitigated.at))
    return t("agents-comms-mitigated", at=fmt_time(mitigated.at))


def comms(facts: Facts) -> CommsOutput:
    ctx = facts.context
    dbg = facts.prior("debug", DebugOutput)
    mitigation = facts.prior("mitigate", MitigateOutput)
    status = ctx.status if ctx.status in STATUSES else "investigating"
    feature = public_feature(facts)
    profile = facts.profile
    symptom = t(SYMPTOMS[profile.comms.public_symptom]) if profile.comms.public_symptom in SYMPTOMS \
        else profile.comms.public_symptom
    duration = _prose_duration(facts)
    cadence = facts.cadence if status != "resolved" else None
    security = profile.security

    title = {
        "investigating": t("agents-comms-title-investigating", feature=feature, symptom=symptom),
        "identified": t("agents-comms-title-identified", feature=feature),
        "monitoring": t("agents-comms-title-monitoring", feature=feature),
        "resolved": t("agents-comms-title-resolved", feature=feature),
    }[status]
    body = render("status_page.j2", status=status, feature=feature, symptom=symptom,
                  severity=facts.severity, duration=duration, next_update=cadence,
                  security=security)
    if security:
        title = t("agents-comms-title-internal-only", title=title)

    hypothesis = (t("agents-comms-hypothesis", root_cause=dbg.root_cause,
                    confidence=enum_word(dbg.root_cause_confidence) or dbg.root_cause_confidence) if dbg
                  else t("agents-comms-no-hypothesis"))
    if mitigation:
        done = [a.action for a in mitigation.actions if a.status == "done"]
        decision = mitigation.rollback_decision.decision
        mitigation_text = t("agents-comms-mitigation", decision=enum_word(decision) or decision,
                            progress=(t("agents-comms-mitigation-done", done=t("agents-render-meta-separator").join(done)) if done else
                                      t("agents-comms-mitigation-next", action=(mitigation.actions[0].action if mitigation.actions
                                                                                else t("agents-comms-none-identified")))))
    else:
        mitigation_text = t("agents-comms-mitigation-not-run")
    fix_state = _recorded_progress(facts) or t("agents-comms-no-fix-recorded")
    services = ", ".join(facts.primary_services) or t("agents-comms-no-services")
    owners = ", ".join(t("agents-render-pair", label=enum_word(role) or role.replace("_", " "), value=names[0])
                       for role, names in ctx.roles.items() if names) or t("agents-summary-no-roles")
    triage = facts.triage
    impact_text = triage.user_impact if triage else t("agents-comms-impact-not-run")
    missing = t("agents-render-meta-separator").join(m.split(":")[0].split("：")[0] for m in facts.missing_basics()[:3])
    internal = render(
        "internal_update.j2", incident_id=ctx.incident_id, severity=facts.severity,
        incident_type=facts.incident_type, status=status, services=services,
        status_word=enum_word(status), type_word=enum_word(facts.incident_type) or facts.incident_type,
        dependencies=", ".join(facts.dependencies), impact=impact_text, hypothesis=hypothesis,
        mitigation=mitigation_text, fix_state=fix_state, owners=owners, missing=missing,
        next_update=cadence)

    progress = {
        "investigating": t("agents-comms-progress-investigating"),
        "identified": t("agents-comms-progress-identified"),
        "monitoring": t("agents-comms-progress-monitoring"),
        "resolved": t("agents-comms-progress-resolved"),
    }[status]
    if status != "resolved":
        eta = (t("agents-comms-eta-checkpoint", minutes=str(cadence)) if cadence
               else t("agents-comms-eta-scheduled"))
    else:
        eta = t("agents-comms-eta-resolved")
    business = triage.business_risk if triage else t("agents-comms-business-not-assessed")
    executive = render("executive_summary.j2", severity=facts.severity,
                       incident_id=ctx.incident_id, title=ctx.title, business_risk=business,
                       status=status, duration=duration, progress=progress, eta=eta,
                       status_word=enum_word(status))

    support_summary = render("support_brief.j2", feature=feature, status=status,
                             state_phrase=t(STATE_PHRASE[status]), symptom=symptom,
                             security=security)
    points = [(t("agents-comms-point-security") if security
               else t("agents-comms-point-state", feature=feature, state=t(STATE_PHRASE[status]))),
              (t("agents-comms-point-updates-every", minutes=str(cadence)) if cadence
               else t("agents-comms-point-updates"))]
    if status != "resolved":
        points.append(t("agents-comms-point-ask", incident=ctx.incident_id))
    points += [t(TALKING_POINTS[p]) if p in TALKING_POINTS else p for p in profile.comms.talking_points]
    avoid = [t("agents-comms-avoid-eta"), t("agents-comms-avoid-cause"), t("agents-comms-avoid-names")]
    if security:
        avoid.append(t("agents-comms-avoid-security"))
    brief = SupportBrief(summary=support_summary, talking_points=points, avoid=avoid)

    log = [DecisionLogEntry(at=fmt_time(ctx.declared_at), event=t("agents-comms-log-declared", title=ctx.title))]
    for entry in facts.timeline:
        if entry.kind == "message":
            continue
        who = f" ({entry.actor})" if entry.actor else ""
        log.append(DecisionLogEntry(at=fmt_time(entry.at), event=f"{entry.text}{who}"))
    for key, label in (("triage", t("agents-comms-log-severity")), ("mitigate", t("agents-comms-log-rollback"))):
        result = ctx.step_results.get(key)
        if result is not None and facts.in_window(result.finished_at):
            log.append(DecisionLogEntry(at=fmt_time(result.finished_at),
                                        event=t("agents-render-pair", label=label, value=result.summary)))
    log.sort(key=lambda e: e.at)
    return CommsOutput(
        status_page=StatusPageUpdate(status=status, title=title, body=body),
        internal_update=internal, executive_summary=executive, support_brief=brief,
        decision_timeline=log, next_update_in_minutes=cadence)


# --- impact ----------------------------------------------------------------------------------

SEGMENTS = {  # catalogue keys (agents-impact.ftl)
    "checkout": "agents-impact-segment-checkout", "payments": "agents-impact-segment-payments",
    "billing": "agents-impact-segment-billing", "login": "agents-impact-segment-login",
    "search": "agents-impact-segment-search", "cart": "agents-impact-segment-cart",
    "orders": "agents-impact-segment-orders", "api": "agents-impact-segment-api",
    "pricing": "agents-impact-segment-pricing",
}
MONTHLY_MINUTES = 30 * 24 * 60


def impact(facts: Facts) -> ImpactOutput:
    ctx = facts.context
    ev = ctx.evidence
    missing: list[str] = []

    segments = []
    for name in facts.primary_services:
        for part in name.replace("_", "-").split("-"):
            if part in SEGMENTS and t(SEGMENTS[part]) not in segments:
                segments.append(t(SEGMENTS[part]))
    profile = facts.profile
    segments += [s for s in profile.impact.segments if s not in segments]
    if not segments:
        segments.append(t("agents-impact-users-of", services=facts.services_phrase()))

    regions = sorted({a.labels[k] for a in ctx.alerts for k in ("region", "zone", "cluster")
                      if a.labels.get(k)} | set(ev.regions))
    if not regions:
        missing.append(t("agents-impact-missing-regions"))

    minutes = facts.duration_minutes
    if ctx.resolved_at:
        duration = t("agents-impact-duration-resolved", minutes=f"{minutes:.0f}",
                     declared=fmt_time(ctx.declared_at), resolved=fmt_time(ctx.resolved_at))
    else:
        duration = t("agents-impact-duration-ongoing", minutes=f"{minutes:.0f}", at=fmt_time(facts.as_of))
    progress = _recorded_progress(facts)
    if progress:
        duration += t("agents-render-meta-separator") + progress

    failed = ev.failed_transactions
    if failed is None and not profile.user_facing:
        failed_text = t("agents-impact-failed-not-applicable")
    elif failed is not None:
        failed_text = t("agents-impact-failed-from-evidence", failed=f"{failed:.0f}")
        facts.cite(t("agents4-evidence-field", field="failed_transactions"))
    else:
        svc = facts.primary_services[0] if facts.primary_services else "<service>"
        query = f"sum(increase(http_requests_total{{service=\"{svc}\",code=~\"5..\"}}[{max(1, round(minutes))}m]))"
        failed_text = t("agents-impact-failed-compute", query=query)
        missing.append(t("agents-impact-missing-failed"))

    cosmetic = profile.sev4_is_cosmetic and facts.severity == "SEV4"
    if profile.impact.data_loss and not cosmetic:
        data_loss = profile.impact.data_loss
    elif matching_terms(facts.text, ["disk full", "no space left", "磁碟已滿"]):
        data_loss = t("agents-impact-data-loss-disk")
    elif profile.impact.data_loss_default:
        data_loss = profile.impact.data_loss_default
    else:
        data_loss = t("agents-impact-data-loss-none")

    if profile.impact.sla:
        sla = profile.impact.sla
    elif facts.severity in ("SEV1", "SEV2") and minutes > 0 and ev.failure_ratio is not None:
        budget = MONTHLY_MINUTES * 0.001
        share = minutes * ev.failure_ratio / budget * 100
        sla = t("agents-impact-sla-measured", minutes=f"{minutes:.0f}", severity=facts.severity,
                ratio=f"{ev.failure_ratio:.0%}", share=f"{share:.0f}", budget=f"{budget:.1f}")
        facts.cite(t("agents4-evidence-field", field="failure_ratio"))
    elif facts.severity in ("SEV1", "SEV2") and minutes > 0:
        sla = t("agents-impact-sla-unmeasured", minutes=f"{minutes:.0f}", severity=facts.severity)
    elif facts.severity in ("SEV1", "SEV2"):
        sla = t("agents-impact-sla-no-duration")
    else:
        sla = t("agents-impact-sla-none", severity=facts.severity)

    tickets = ev.support_tickets
    if tickets is not None:
        tickets_text = t("agents-impact-tickets", tickets=f"{tickets:.0f}")
    else:
        tickets_text = t("agents-impact-tickets-not-connected", incident=ctx.incident_id)
        missing.append(t("agents-impact-missing-tickets"))

    per_minute = ev.revenue_per_minute
    fail_share = ev.failure_ratio
    if per_minute is not None:
        share = fail_share if fail_share is not None else 1.0
        revenue = t("agents-impact-revenue" if fail_share is not None else "agents-impact-revenue-upper-bound",
                    total=f"{per_minute * minutes * share:,.0f}", per_minute=f"{per_minute:,.0f}",
                    minutes=f"{minutes:.0f}", share=f"{share:.0%}")
        facts.cite(t("agents4-evidence-field", field="revenue_per_minute"))
    else:
        revenue = t("agents-impact-revenue-not-estimated")
        missing.append(t("agents-impact-missing-revenue"))

    contacts = []
    if facts.severity in ("SEV1", "SEV2") and profile.user_facing:
        contacts.append(ContactRecommendation(
            segment=t("agents-impact-contact-enterprise", feature=public_feature(facts)),
            reason=t("agents-impact-contact-enterprise-reason", severity=facts.severity),
            channel=t("agents-impact-contact-enterprise-channel")))
    contacts += [ContactRecommendation(**c.model_dump()) for c in profile.impact.contacts]
    if matching_terms(facts.text, ["checkout", "payment", "payments", "結帳", "付款"]):
        contacts.append(ContactRecommendation(
            segment=t("agents-impact-contact-payments"),
            reason=t("agents-impact-contact-payments-reason"), channel=t("agents-impact-contact-payments-channel")))
    return ImpactOutput(
        affected_segments=segments, regions=regions, duration=duration,
        failed_transactions=failed_text, data_loss=data_loss, sla_analysis=sla,
        support_ticket_volume=tickets_text, revenue_impact=revenue,
        proactive_contacts=contacts, missing_data=missing)
