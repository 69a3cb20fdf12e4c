# The workflow's success criteria, scored (bot/incident/scorecard.py); shown in the postmortem.

ui-score-classified = Severity classified within 5 minutes
ui-score-updates = Status updates every cadence
ui-score-updates-value = {$updates} updates, {$gaps} gaps
ui-score-separator = ;{" "}
ui-score-no-cadence = no cadence at this severity
ui-score-gap-late = update at {$at} came {$late} late
ui-score-gap-missing = update due at {$at} still missing ({$late} overdue)
ui-score-no-escalation = No escalation for a missed update
ui-score-time-to-identify = Time to identify
ui-score-time-to-mitigate = Time to mitigate (monitoring)
ui-score-time-to-resolve = Time to resolve
ui-score-not-reached = not reached
ui-score-postmortem = Postmortem within 48 hours of resolve
ui-score-not-written = not written yet
ui-score-still-open = incident still open
ui-score-action-items = Every action item has an owner and a deadline
ui-score-confirmed = {$count} confirmed
ui-score-none-confirmed = none confirmed yet
