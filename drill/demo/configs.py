"""Generate prometheus.yml, the alert rules and alertmanager.yml for a loopback demo stack.

Intervals are short (1 s scrape and evaluation, 1 s group wait) so an injected fault reaches
the bot's webhook within seconds; `rate(...[5s])` spans five scrapes.
"""

from __future__ import annotations

from typing import Any

import yaml

RULE_FILE = "rules.yml"


def prometheus_config(
    targets: dict[str, str],
    alertmanager: str,
    *,
    scrape_interval: str = "1s",
    evaluation_interval: str = "1s",
    rule_files: tuple[str, ...] = (RULE_FILE,),
) -> str:
    """`targets`: job name (the service) -> `host:port` serving /metrics."""
    config: dict[str, Any] = {
        "global": {
            "scrape_interval": scrape_interval,
            "scrape_timeout": scrape_interval,
            "evaluation_interval": evaluation_interval,
        },
        "rule_files": list(rule_files),
        "alerting": {"alertmanagers": [{"static_configs": [{"targets": [alertmanager]}]}]},
        "scrape_configs": [
            {"job_name": job, "static_configs": [{"targets": [target]}]}
            for job, target in sorted(targets.items())
        ],
    }
    return yaml.safe_dump(config, sort_keys=False)


def alert_rules(
    *,
    error_ratio_above: float = 0.2,
    p99_seconds_above: float = 0.25,
    rate_window: str = "5s",
    hold: str = "2s",
) -> str:
    """Two rules per job: error ratio (severity critical: declares by default) and p99 latency
    (severity warning: goes to triage by default)."""
    error_ratio = (
        f'sum by (job) (rate(http_requests_total{{code=~"5.."}}[{rate_window}]))'
        f" / sum by (job) (rate(http_requests_total[{rate_window}]))"
    )
    p99 = f"histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[{rate_window}])))"
    rules = {
        "groups": [
            {
                "name": "demo-slis",
                "interval": "1s",
                "rules": [
                    {
                        "alert": "HighErrorRate",
                        "expr": f"({error_ratio}) > {error_ratio_above}",
                        "for": hold,
                        "labels": {"severity": "critical"},
                        "annotations": {
                            "summary": "{{ $labels.job }} fails {{ $value | humanizePercentage }} of requests",
                            "description": (
                                f"More than {error_ratio_above:.0%} of requests to {{{{ $labels.job }}}} "
                                f"answered 5xx over {rate_window}."
                            ),
                        },
                    },
                    {
                        "alert": "HighLatency",
                        "expr": f"({p99}) > {p99_seconds_above}",
                        "for": hold,
                        "labels": {"severity": "warning"},
                        "annotations": {
                            "summary": "{{ $labels.job }} p99 latency is {{ $value | humanizeDuration }}",
                        },
                    },
                ],
            }
        ]
    }
    return yaml.safe_dump(rules, sort_keys=False)


def alertmanager_config(
    webhook_url: str,
    *,
    token: str | None = None,
    group_by: tuple[str, ...] = ("alertname", "job"),
    group_wait: str = "1s",
    group_interval: str = "1s",
    repeat_interval: str = "1h",
) -> str:
    """One route to the bot's webhook, resolved alerts included; `token` is sent as
    `Authorization: Bearer <token>` (`http_config.authorization`)."""
    webhook: dict[str, Any] = {"url": webhook_url, "send_resolved": True, "max_alerts": 0}
    if token:
        webhook["http_config"] = {"authorization": {"type": "Bearer", "credentials": token}}
    config = {
        "route": {
            "receiver": "incident-commander",
            "group_by": list(group_by),
            "group_wait": group_wait,
            "group_interval": group_interval,
            "repeat_interval": repeat_interval,
        },
        "receivers": [{"name": "incident-commander", "webhook_configs": [webhook]}],
    }
    return yaml.safe_dump(config, sort_keys=False)
