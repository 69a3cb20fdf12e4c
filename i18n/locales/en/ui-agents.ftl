# The catch-up (bot/ui/summary_blocks.py) and triage's severity suggestion (bot/ui/triage_blocks.py).

ui-summary-header = Catch-up · {$id}
ui-summary-by-claude = written by Claude from the incident record
ui-summary-from-record = from the incident record
ui-summary-only-you = only you can see this
ui-summary-share = Share in channel
ui-triage-no-reason = no reason given
ui-triage-accept = Accept {$severity}
ui-triage-keep = Keep {$severity}
