# What the offline engine knows and lacks, shared by every step (agents/offline/facts.py).

agents-facts-unknown-time = unknown time
agents-facts-services-calling = the services that call {$dependencies}
agents-facts-affected-service = the affected service
agents-facts-declared-change = declared: "{$clause}"
agents-facts-missing-metrics = No metrics source configured: the context has no anomaly scan (evidence.anomalies is empty)
agents-facts-missing-alerts = No alerts attached to the incident
agents-facts-missing-service = Affected service not named in the declaration, alerts or evidence
agents-facts-missing-changes = No deploy or change history in the context
