"""The structured output of each workflow step (the workflow's "Out:" lines).

Both backends fill these models: Claude through structured output (the JSON schema of the model
is sent as `output_config.format`), the offline engine directly. The schemas stay inside what
structured output accepts: objects, lists, strings, numbers, enums; no free-form dicts.
Each model has `headline()`, the one-line summary shown above the result in Slack.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from agents.schema import OutputSchema

Severity = Literal["SEV1", "SEV2", "SEV3", "SEV4"]
IncidentType = Literal[
    "performance_degradation",
    "service_outage",
    "security_incident",
    "data_integrity",
    "infrastructure_failure",
    "third_party_outage",
]
Confidence = Literal["high", "medium", "low"]
Level = Literal["critical", "high", "medium", "low"]

# The bot's Severity and IncidentType enums (bot/incident/) carry these values and add labels;
# a test checks they match.
SEVERITIES: tuple[str, ...] = get_args(Severity)
# The one list of incident types: each needs runbooks/types/<type>.yaml (agents/README.md).
INCIDENT_TYPES: tuple[str, ...] = get_args(IncidentType)


def _first(items: list[str], default: str) -> str:
    return items[0] if items else default


class StepOutput(OutputSchema):
    """Base of every step output."""

    def headline(self) -> str:  # pragma: no cover - every step overrides it
        return type(self).__name__


# --- 1. triage -------------------------------------------------------------------------------


class AffectedService(OutputSchema):
    name: str
    role: Literal["primary", "dependency", "suspected"] = "primary"
    evidence: str = Field(description="Where this service was seen: text, alert label, runbook.")


class CommandAssignment(OutputSchema):
    role: Literal["incident_commander", "tech_lead", "comms_lead", "sme"]
    assignee: str | None = Field(None, description="Display name, or null while unassigned.")
    status: Literal["assigned", "needed", "optional"]
    note: str = ""


class SloStatus(OutputSchema):
    status: Literal["breached", "at_risk", "ok", "unknown"]
    detail: str
    error_budget: str = Field(description="Error budget burn, or what is missing to know it.")


class TriageOutput(StepOutput):
    """Detect and classify: severity, type, impact, command structure, SLO status."""

    severity: Severity
    incident_type: IncidentType
    reason: str = Field(description="Why this severity and type, citing the signals used.")
    severity_source: Literal["declared", "classified"] = Field(
        description="'declared' when a person set the severity, 'classified' when inferred."
    )
    confidence: Confidence
    affected_services: list[AffectedService] = Field(default_factory=list)
    dependencies: list[str] = Field(default_factory=list)
    user_impact: str
    business_risk: str
    command_assignments: list[CommandAssignment] = Field(default_factory=list)
    slo_status: SloStatus
    update_cadence_minutes: int | None = Field(
        None, description="Stakeholder update cadence for this severity; null when off."
    )
    next_actions: list[str] = Field(default_factory=list)
    missing_information: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        services = ", ".join(s.name for s in self.affected_services[:3]) or "services unknown"
        return f"{self.severity} {self.incident_type.replace('_', ' ')} ({services})"


# --- 2. observe ------------------------------------------------------------------------------


class Finding(OutputSchema):
    summary: str
    source: str = Field(description="Where it comes from: alert, metric query, log, trace, text.")
    service: str | None = None
    confidence: Confidence = "medium"


class Anomaly(OutputSchema):
    service: str
    metric: str
    score: float | None = None
    direction: Literal["up", "down", "unknown"] = "unknown"
    change_start: str | None = Field(None, description="ISO time the change started, if known.")
    source: str = "evidence"


class ServiceHealth(OutputSchema):
    service: str
    status: Literal["healthy", "degraded", "down", "unknown"]
    signals: str


class SuggestedQuery(OutputSchema):
    system: str = Field(description="Prometheus, Loki, Elasticsearch, Jaeger, APM, RUM ...")
    query: str
    purpose: str


class ObserveOutput(StepOutput):
    """Observability scan: findings, anomalies, service health matrix, trace analysis."""

    findings: list[Finding] = Field(default_factory=list)
    anomalies: list[Anomaly] = Field(default_factory=list)
    service_health: list[ServiceHealth] = Field(default_factory=list)
    trace_analysis: str
    error_patterns: list[str] = Field(default_factory=list)
    degradation_points: list[str] = Field(default_factory=list)
    suggested_queries: list[SuggestedQuery] = Field(default_factory=list)
    missing_data: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        if self.anomalies:
            top = self.anomalies[0]
            return (
                f"{len(self.anomalies)} anomalies; top: {top.service} {top.metric} {top.direction}"
            )
        count = len(self.findings)
        return f"{count} finding{'s' if count != 1 else ''}; no metric anomalies available"


# --- 3. mitigate -----------------------------------------------------------------------------

MitigationKind = Literal[
    "rollback",
    "feature_flag",
    "throttle",
    "reroute",
    "circuit_breaker",
    "scale",
    "failover",
    "credential_rotation",
    "cleanup",
    "other",
]


class MitigationAction(OutputSchema):
    action: str
    kind: MitigationKind
    status: Literal["recommended", "in_progress", "done"] = "recommended"
    risk: str
    expected_effect: str
    source: str = Field(description="Runbook path or signal that suggests this action.")


class RollbackDecision(OutputSchema):
    decision: Literal["rollback", "no_rollback", "undecided"]
    reason: str


class MitigateOutput(StepOutput):
    """Initial mitigation: actions, temporary fixes, rollback decision (user experience first)."""

    actions: list[MitigationAction] = Field(default_factory=list)
    temporary_fixes: list[str] = Field(default_factory=list)
    rollback_decision: RollbackDecision
    verify_with: list[str] = Field(
        default_factory=list, description="Checks that show the mitigation worked."
    )

    def headline(self) -> str:
        first = self.actions[0].action if self.actions else "no mitigation identified"
        if len(first) > 100:
            first = first[:99].rsplit(" ", 1)[0] + "…"
        return f"Rollback: {self.rollback_decision.decision.replace('_', ' ')}; first: {first}"


# --- 4. debug --------------------------------------------------------------------------------


class Why(OutputSchema):
    question: str
    answer: str
    evidence: str
    status: Literal["known", "hypothesis", "unknown"]


class DependencyImpact(OutputSchema):
    service: str
    direction: Literal["upstream", "downstream", "self"]
    impact: str


class DebugOutput(StepOutput):
    """Deep debugging: root cause, contributing factors, dependency impact map (five whys)."""

    five_whys: list[Why] = Field(default_factory=list)
    root_cause: str
    root_cause_confidence: Confidence
    contributing_factors: list[str] = Field(default_factory=list)
    dependency_impact: list[DependencyImpact] = Field(default_factory=list)
    evidence_used: list[str] = Field(default_factory=list)
    next_investigations: list[str] = Field(default_factory=list)
    open_questions: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        return f"Root cause ({self.root_cause_confidence} confidence): {self.root_cause}"


# --- 5. security -----------------------------------------------------------------------------


class SecurityIndicator(OutputSchema):
    category: Literal[
        "ddos",
        "authn_authz",
        "data_exposure",
        "credentials",
        "suspicious_access",
        "other",
    ]
    observation: str
    severity: Level


class Vulnerability(OutputSchema):
    title: str
    description: str
    severity: Level
    remediation: str


class SecurityOutput(StepOutput):
    """Security assessment: indicators, vulnerabilities, exposure, actions, checks."""

    security_related: Literal["yes", "no", "possible"]
    assessment: str
    indicators: list[SecurityIndicator] = Field(default_factory=list)
    vulnerabilities: list[Vulnerability] = Field(default_factory=list)
    data_exposure: str
    recommended_actions: list[str] = Field(default_factory=list)
    checks: list[str] = Field(
        default_factory=list, description="WAF logs, security groups, audit trails to review."
    )

    def headline(self) -> str:
        return f"Security-related: {self.security_related}; {len(self.vulnerabilities)} issues"


# --- 6. performance --------------------------------------------------------------------------


class Bottleneck(OutputSchema):
    component: str
    description: str
    evidence: str
    severity: Level


class Optimization(OutputSchema):
    area: Literal[
        "query", "cache", "load_balancer", "cdn", "autoscaling", "code", "capacity", "other"
    ]
    recommendation: str
    expected_impact: str
    effort: Literal["small", "medium", "large"]


class PerformanceOutput(StepOutput):
    """Performance analysis: bottlenecks, resource advice, optimisations."""

    bottlenecks: list[Bottleneck] = Field(default_factory=list)
    resource_recommendations: list[str] = Field(default_factory=list)
    optimizations: list[Optimization] = Field(default_factory=list)
    capacity_notes: str
    mitigation_state: str = Field(
        description="What mitigation is in place and how it changes load."
    )

    def headline(self) -> str:
        top = self.bottlenecks[0].component if self.bottlenecks else "no bottleneck confirmed"
        return f"Top bottleneck: {top}; {len(self.optimizations)} optimisations"


# --- 7. fix ----------------------------------------------------------------------------------


class RiskAssessment(OutputSchema):
    level: Literal["low", "medium", "high"]
    details: str


class RolloutStage(OutputSchema):
    name: str
    traffic_percent: int
    duration_minutes: int
    health_checks: list[str] = Field(default_factory=list)
    proceed_if: str


class FixOutput(StepOutput):
    """Fix implementation: fix, deployment strategy, validation plan, rollback procedure."""

    fix_summary: str = Field(description="The minimal viable fix that can ship fast.")
    addresses_root_cause: str
    changes: list[str] = Field(default_factory=list)
    long_term_fix: str
    risk: RiskAssessment
    deployment_strategy: Literal["canary", "blue_green", "rolling", "config_change", "manual"]
    rollout_stages: list[RolloutStage] = Field(default_factory=list)
    validation_plan: list[str] = Field(default_factory=list)
    rollback_procedure: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        return f"{self.fix_summary} ({self.deployment_strategy}, {self.risk.level} risk)"


# --- 8. deploy -------------------------------------------------------------------------------


class DeployStage(OutputSchema):
    name: str
    traffic_percent: int
    status: Literal["pending", "in_progress", "passed", "failed", "skipped"]
    health_checks: list[str] = Field(default_factory=list)
    rollback_trigger: str


class Verification(OutputSchema):
    check: str
    result: Literal["pass", "fail", "pending", "unknown"]
    detail: str


class DeployOutput(StepOutput):
    """Deploy and verify: status, verification results, dashboard, rollback readiness."""

    deployment_status: Literal[
        "not_started", "in_progress", "completed", "rolled_back", "unknown"
    ]
    strategy: str
    stages: list[DeployStage] = Field(default_factory=list)
    verification_results: list[Verification] = Field(default_factory=list)
    dashboards: list[str] = Field(default_factory=list)
    rollback_triggers: list[str] = Field(default_factory=list)
    rollback_ready: bool
    rollback_notes: str
    ic_coordination: str

    def headline(self) -> str:
        ready = "rollback ready" if self.rollback_ready else "rollback NOT ready"
        return f"Deployment {self.deployment_status.replace('_', ' ')}; {ready}"


# --- 9. comms --------------------------------------------------------------------------------


class StatusPageUpdate(OutputSchema):
    status: Literal["investigating", "identified", "monitoring", "resolved"]
    title: str
    body: str


class SupportBrief(OutputSchema):
    summary: str
    talking_points: list[str] = Field(default_factory=list)
    avoid: list[str] = Field(default_factory=list, description="What support must not promise.")


class DecisionLogEntry(OutputSchema):
    at: str
    event: str


class CommsOutput(StepOutput):
    """Stakeholder communication: status page, internal, executive, support, decision log."""

    status_page: StatusPageUpdate
    internal_update: str
    executive_summary: str
    support_brief: SupportBrief
    decision_timeline: list[DecisionLogEntry] = Field(default_factory=list)
    next_update_in_minutes: int | None = None

    def headline(self) -> str:
        cadence = (
            f"next update in {self.next_update_in_minutes} min"
            if self.next_update_in_minutes
            else "no scheduled cadence"
        )
        return (f"Status-page draft: {self.status_page.status} - {self.status_page.title}; "
                f"{cadence}")


# --- 10. impact ------------------------------------------------------------------------------


class ContactRecommendation(OutputSchema):
    segment: str
    reason: str
    channel: str


class ImpactOutput(StepOutput):
    """Customer impact: segments, regions, transactions, SLA, tickets, revenue, contact list."""

    affected_segments: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    duration: str
    failed_transactions: str
    data_loss: str
    sla_analysis: str
    support_ticket_volume: str
    revenue_impact: str
    proactive_contacts: list[ContactRecommendation] = Field(default_factory=list)
    missing_data: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        segments = ", ".join(self.affected_segments[:2]) or "segments unknown"
        return f"Impact on {segments}; duration {self.duration}"


# --- 11. postmortem --------------------------------------------------------------------------


class PostmortemEvent(OutputSchema):
    at: str
    event: str
    decision_rationale: str = ""


class SuggestedActionItem(OutputSchema):
    """An action item the postmortem step proposes; a person confirms it in Slack with a real
    owner and deadline, and only then is it tracked (bot.incident.model.ActionItem)."""

    title: str
    owner: str = Field(description="A person or team; never blank.")
    due: str = Field(description="ISO date (YYYY-MM-DD).")
    type: Literal["prevent", "detect", "mitigate", "process"]
    priority: Literal["P1", "P2", "P3"] = "P2"


class PostmortemOutput(StepOutput):
    """Blameless postmortem: timeline, causes, went well / to improve, actions, lessons."""

    title: str
    summary: str
    impact: str
    timeline: list[PostmortemEvent] = Field(default_factory=list)
    root_cause: str
    contributing_factors: list[str] = Field(default_factory=list)
    what_went_well: list[str] = Field(default_factory=list)
    what_to_improve: list[str] = Field(default_factory=list)
    action_items: list[SuggestedActionItem] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)
    training_needs: list[str] = Field(default_factory=list)
    response_metrics: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        return f"Postmortem: {len(self.timeline)} events, {len(self.action_items)} action items"


# --- 12. monitoring --------------------------------------------------------------------------


class AlertRule(OutputSchema):
    name: str
    signal: str
    condition: str
    action: Literal["page", "ticket", "dashboard_only"]
    rationale: str


class ChaosScenario(OutputSchema):
    name: str
    hypothesis: str
    method: str


class MonitoringOutput(StepOutput):
    """Monitoring and alerting: new alerts, SLO changes, dashboards, automation, chaos."""

    new_alerts: list[AlertRule] = Field(default_factory=list)
    slo_adjustments: list[str] = Field(default_factory=list)
    dashboard_improvements: list[str] = Field(default_factory=list)
    runbook_automation: list[str] = Field(default_factory=list)
    chaos_scenarios: list[ChaosScenario] = Field(default_factory=list)
    noise_controls: list[str] = Field(default_factory=list)

    def headline(self) -> str:
        return (
            f"{len(self.new_alerts)} new alerts, {len(self.chaos_scenarios)} chaos scenarios"
        )


# --- 13. hardening ---------------------------------------------------------------------------


class Improvement(OutputSchema):
    title: str
    pattern: Literal[
        "circuit_breaker",
        "bulkhead",
        "graceful_degradation",
        "capacity",
        "dependency_reduction",
        "tech_debt",
        "automation",
        "security",
    ]
    description: str
    priority: Literal["P1", "P2", "P3"]
    effort: Literal["small", "medium", "large"]


class RoadmapItem(OutputSchema):
    horizon: Literal["this week", "this month", "this quarter"]
    items: list[str] = Field(default_factory=list)


class HardeningOutput(StepOutput):
    """System hardening: resilience changes, degradation, capacity, tech debt, roadmap."""

    improvements: list[Improvement] = Field(default_factory=list)
    graceful_degradation: list[str] = Field(default_factory=list)
    capacity_plan: str
    tech_debt: list[str] = Field(default_factory=list)
    dependency_reduction: list[str] = Field(default_factory=list)
    roadmap: list[RoadmapItem] = Field(default_factory=list)

    def headline(self) -> str:
        top = _first([i.title for i in self.improvements], "no improvement identified")
        return f"{len(self.improvements)} improvements; first: {top}"
