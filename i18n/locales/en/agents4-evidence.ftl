# The evidence scan's own words (agents/evidence/collect.py, agents/evidence/anomaly.py):
# the root-cause path, the confidence reason, scan notes, left-out notes and the SLO lines.
# PromQL, metric names and service names stay as they are.

## root-cause path and confidence
agents4-evidence-down-to = down to {$share} of baseline
agents4-evidence-nothing-moved = no service's metrics moved beyond their baseline noise
agents4-evidence-no-graph = no call graph
agents4-evidence-graph = call graph: {$source}
agents4-evidence-graph-configured-map = configured map
agents4-evidence-graph-inferred = inferred from metrics
agents4-evidence-graph-service-graph = service-graph metrics
agents4-evidence-graph-istio = Istio request metrics
agents4-evidence-graph-linkerd = Linkerd request metrics
agents4-evidence-only-one-moved = only {$service} moved beyond its baseline noise; {$graph}
agents4-evidence-lead = {$service} scores {$lead}x the next candidate; {$graph}
agents4-evidence-close = the top candidates score within {$lead}x of each other; {$graph}

## scan notes
agents4-evidence-too-little-data = {$service}: too little data to judge ({$count} series with fewer than {$points} baseline points or none in the incident window)
agents4-evidence-rough = the incident window holds at most {$points} points at a {$step} s step: figures are rough
agents4-evidence-left-out = {$dropped} of {$total} services not scanned (EVIDENCE_MAX_SERVICES={$most}): {$names}
agents4-evidence-describe = {$metric} of {$source} { $direction ->
        [up] rose
       *[down] fell
    } from {$baseline} (baseline median) to {$value}, { $moment ->
        [starting] starting
       *[peaking] peaking
    } {$since}Z (robust z {$z})

## SLO
agents4-evidence-no-slo = No SLO configured for these services
agents4-evidence-not-reported = not reported
agents4-evidence-objective = {$share}% of requests succeed over {$days} days
agents4-evidence-slo-no-data = {$service}: no error-ratio data for the incident window ({$objective})
agents4-evidence-budget-no-data = not reported (no error-ratio data)
agents4-evidence-span-min = {$n} min
agents4-evidence-span-s = {$n} s
agents4-evidence-slo-detail = {$service}: error ratio {$ratio}% over the last {$span}, burn rate {$burn}x ({$objective})
agents4-evidence-budget = {$share}% of the {$days}-day error budget burned by this incident so far ({$service})
agents4-evidence-field = evidence: {$field}
