# Where the offline classifier found a severity, a type or a service (agents/classify.py),
# and the facts' source labels (agents/offline/facts.py).

## severity and type
agents4-classify-declared-on-incident = declared on the incident
agents4-classify-declared-as = declared on the incident as {$value}
agents4-classify-written = written in the declaration ({$text})
agents4-classify-closest-runbook = closest runbook
agents4-classify-default-type = default until someone confirms
agents4-classify-no-type-signal = no type signal -> {$type} ({$how})
agents4-classify-no-severity-signal = no severity signal -> SEV3 (standard response until the IC confirms)
agents4-classify-alert-floor = alert {$alert} severity={$label} -> at least {$floor}
agents4-classify-type-declared = type declared as {$declared} (rules: {$rules})
agents4-classify-agrees = agrees
agents4-classify-triage-says = triage alone says {$severity}
agents4-classify-signal-separator = ;{" "}
agents4-classify-reason-declared = {$severity} {$where}; kept as declared ({$agree}). Type {$type}. Signals: {$signals}.
agents4-classify-reason = {$severity} {$type}. Signals: {$signals}.

## where a service was seen
agents4-classify-alert-label = alert {$alert} label {$label}
agents4-classify-named = named in the declaration
agents4-classify-host-named = host named in the declaration
agents4-classify-named-as = named in the declaration ({$word})
agents4-classify-vendor-named = provider or platform named in the declaration
agents4-classify-infra-named = infrastructure named in the declaration

## the facts' source labels
agents4-facts-anomaly-scan = evidence: metric anomaly scan
agents4-facts-anomaly-scan-from = evidence: metric anomaly scan ({$source})
agents4-facts-alert = alert: {$source}/{$alert}
