"""Reports drawn from incident history (charts); no Slack, no Redis."""
