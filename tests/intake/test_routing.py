"""Routing rules: which alerts declare, at which severity, and which go to triage."""

from __future__ import annotations

import pytest

from bot.incident.severity import Severity
from bot.intake.routing import decide, decide_group, parse_routes
from bot.settings import ConfigError, load_settings


def test_with_no_rules_critical_declares_sev2_and_everything_else_goes_to_triage():
    assert decide({"severity": "critical"}).action == "declare"
    assert decide({"severity": "critical"}).severity is Severity.SEV2
    for labels in ({"severity": "warning"}, {"team": "x"}, {}):
        decision = decide(labels)
        assert (decision.action, decision.severity, decision.reason) == (
            "triage",
            Severity.SEV3,
            "no routing rule matched",
        )


def test_the_first_matching_rule_decides():
    routes = parse_routes(
        [
            {"match": {"severity": "critical", "team": "payments"}, "severity": "p0"},
            {"match": {"severity": "critical"}, "severity": "SEV-2"},
            {"match": {"severity": "warning"}, "action": "triage", "severity": "sev4"},
        ]
    )
    assert decide({"severity": "critical", "team": "payments"}, routes).severity is Severity.SEV1
    assert decide({"severity": "critical", "team": "search"}, routes).severity is Severity.SEV2
    warning = decide({"severity": "warning"}, routes)
    assert (warning.action, warning.severity, warning.reason) == (
        "triage",
        Severity.SEV4,
        "rule 3: severity=warning",
    )


def test_regex_matchers_fully_match_and_missing_labels_read_as_empty():
    routes = parse_routes(
        [
            {"match_re": {"alertname": "Watchdog|InfoInhibitor"}, "action": "ignore"},
            {"match": {"env": ""}, "action": "triage"},
            {"match_re": {"env": "prod.*"}, "severity": "sev2"},
        ]
    )
    assert decide({"alertname": "Watchdog", "env": "prod"}, routes).action == "ignore"
    assert decide({"alertname": "WatchdogX", "env": "prod-eu"}, routes).action == "declare"
    assert decide({"alertname": "Disk"}, routes).action == "triage"  # no env label: matches env=""
    assert (
        decide({"alertname": "Disk", "env": "staging"}, routes).reason == "no routing rule matched"
    )


def test_label_values_compare_exactly_as_in_alertmanager():
    assert decide({"severity": "Critical"}).action == "triage"


def test_a_group_takes_its_most_urgent_alert():
    routes = parse_routes(
        [{"match": {"team": "core"}, "severity": "sev1"}, {"match": {"severity": "critical"}}]
    )
    group = [
        {"severity": "warning"},
        {"severity": "critical"},
        {"severity": "critical", "team": "core"},
    ]
    decision = decide_group(group, routes)
    assert (decision.action, decision.severity) == ("declare", Severity.SEV1)
    assert decide_group([{"severity": "warning"}], routes).action == "triage"
    assert decide_group([], routes).action == "ignore"


@pytest.mark.parametrize(
    "rule, problem",
    [
        ({"match": {"severity": "critical"}, "severity": "sev9"}, "`sev9` is not a severity"),
        ({"match": {"severity": "critical"}, "action": "page"}, "action"),
        ({"match_re": {"alertname": "(unclosed"}}, "match_re.alertname"),
        ({"matchers": {"a": "b"}}, "matchers: Extra inputs are not permitted"),
    ],
)
def test_bad_rules_are_refused_naming_the_rule(rule, problem):
    with pytest.raises(ValueError, match=r"alert_routes\[1\]") as caught:
        parse_routes([{"match": {"x": "y"}}, rule])
    assert problem in str(caught.value)


def test_bad_rules_stop_start_up_with_the_setting_named(monkeypatch):
    monkeypatch.setenv("ALERT_ROUTES", '[{"match": {"severity": "critical"}, "severity": "p9"}]')
    with pytest.raises(
        ConfigError, match=r"ALERT_ROUTES: .*alert_routes\[0\]: severity: .*`p9` is not a severity"
    ):
        load_settings()


def test_rules_come_from_the_yaml_config_too(tmp_path, monkeypatch):
    config = tmp_path / "incident.yml"
    config.write_text(
        "alert_routes:\n  - match: {severity: page}\n    severity: sev1\n"
        "triage_channel: C0TRIAGE\nslo_objectives: {'*': 0.999, checkout: 0.9995}\n"
    )
    monkeypatch.setenv("INCIDENT_CONFIG", str(config))
    settings = load_settings()
    assert (
        decide({"severity": "page"}, parse_routes(settings.alert_routes)).severity is Severity.SEV1
    )
    assert settings.triage_channel == "C0TRIAGE"
    assert settings.slo_objectives == {"*": 0.999, "checkout": 0.9995}
