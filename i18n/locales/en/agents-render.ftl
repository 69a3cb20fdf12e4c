# The agents' answers as people read them: Markdown, headline and essentials (agents/render.py).

agents-render-none = none
agents-render-yes = yes
agents-render-no = no
agents-render-pair = {$label}: {$value}
agents-render-label = {$label}:
agents-render-bold-label = **{$label}:**
agents-render-bold-pair = **{$label}:** {$value}
agents-render-list-separator = {", "}
agents-render-meta-separator = {"; "}
agents-render-meta-fallback = Claude was unavailable ({$reason}); built-in answer
agents-render-meta-claude = Answered by Claude
agents-render-meta-claude-model = Answered by Claude ({$model})
agents-render-meta-offline = Built-in answer (no AI model)
agents-render-meta-seconds = {" "}in {$seconds} seconds
agents-render-meta-fast = {" "}in under a second
agents-render-meta-tokens = {$read} tokens read ({$cached} from the prompt cache, {$cache_written} written to it), {$written} written
agents-render-meta-missing = without the answers of: {$steps}
agents-render-meta-unfounded = claims without evidence removed: {$claims}
agents-render-sources = Sources
agents-render-and-more = and {$count} more
agents-render-fallback-note = Claude was unavailable ({$reason}); this is the built-in answer.

# Headlines: one line a person can act on, per step.
agents-headline-services-unknown = services not named yet
agents-headline-type-unknown = type unknown
agents-headline-triage = {$severity} {$type} on {$services} ({$confidence} confidence)
agents-headline-observe = { $count ->
    [one] 1 anomaly
   *[other] {$count} anomalies
}; top: {$service} {$metric} {$direction}
agents-headline-observe-none = No metrics to read yet ({ $missing ->
    [one] 1 source
   *[other] {$missing} sources
} missing); { $findings ->
    [one] 1 finding
   *[other] {$findings} findings
} from the text
agents-headline-decision-rollback = Roll back
agents-headline-decision-no-rollback = No rollback
agents-headline-decision-undecided = Rollback undecided
agents-headline-no-mitigation = no mitigation identified
agents-headline-mitigate = {$decision}: {$action}
agents-headline-debug = Root cause ({$confidence} confidence): {$root_cause}
agents-headline-security-yes = Security-related
agents-headline-security-no = Not security-related
agents-headline-security-possible = Possibly security-related
agents-headline-security-unclear = Security unclear
agents-headline-security-issues = {$related}; { $count ->
    [one] 1 issue
   *[other] {$count} issues
} found
agents-headline-security-first = {$related}: {$first}
agents-headline-bottleneck = Top bottleneck: {$component}
agents-headline-no-bottleneck = No bottleneck confirmed
agents-headline-performance = {$top}; { $count ->
    [one] 1 optimisation
   *[other] {$count} optimisations
} suggested
agents-headline-no-fix = no fix proposed
agents-headline-fix = {$summary} ({$strategy}, {$risk} risk)
agents-headline-rollback-ready = rollback ready
agents-headline-rollback-not-ready = rollback not ready
agents-headline-deploy = Deployment {$status}; {$ready}
agents-headline-comms = Status-page draft ({$status}): {$title}
agents-headline-comms-next = {"; "}next update in {$minutes} min
agents-headline-segments-unknown = segments not known yet
agents-headline-duration = duration {$duration}
agents-headline-impact = Impact on {$segments}; {$duration}
agents-headline-postmortem = Postmortem draft: { $count ->
    [one] 1 action item
   *[other] {$count} action items
} proposed; root cause: {$root_cause}
agents-headline-first = {"; "}first: {$name}
agents-headline-monitoring = { $count ->
    [one] 1 new alert
   *[other] {$count} new alerts
} proposed{$first}
agents-headline-hardening = { $count ->
    [one] 1 improvement
   *[other] {$count} improvements
} proposed{$first}
