# The incident card, its buttons and the forms it opens (bot/ui/blocks.py).
# Slack limits: button text 75, header 150, option text 75, modal title 24 characters.

ui-cancel = Cancel
ui-post-update = Post update
ui-unassigned = _unassigned_

## The card
ui-card-not-classified = _not classified yet_
ui-card-severity = Severity
ui-card-status = Status
ui-card-type = Type
ui-card-declared = Declared
ui-card-declared-by = {$at} by <@{$user}>
ui-card-smes = Subject Matter Experts
ui-card-none-yet = _none yet_
ui-card-assign-ic = Assign IC
ui-card-tech-lead = Tech Lead
ui-card-comms-lead = Comms Lead
ui-card-add-sme = Add SME
ui-card-resolve = Resolve
ui-card-resolve-confirm-title = Resolve this incident?
ui-card-resolve-confirm-text = {$id} will be marked resolved and announced.
ui-card-not-yet = Not yet
ui-card-reopen = Reopen

## The card's success clock
ui-clock-resolved = :white_check_mark: Resolved {$at} after {$duration}
ui-clock-open-for = :stopwatch: Open for {$duration}
ui-clock-severity-set = severity set {$duration} after declaring
ui-clock-last-update = last update {$at}
ui-clock-no-update-yet = no status update yet
ui-clock-next-due = next update due {$at}
ui-clock-next-due-overdue = next update due {$at} :warning: overdue

## The declare form
ui-declare-title = Declare an incident
ui-declare-submit = Declare
ui-declare-title-label = Title
ui-declare-slug-label = Short channel name
ui-declare-slug-hint = Optional, for the war room's name: e.g. checkout-500s. Chinese titles are romanised otherwise.
ui-declare-severity-label = Severity
ui-declare-severity-placeholder = How bad is it?
ui-declare-severity-option = {$label}: {$meaning}
ui-declare-type-label = Type
ui-declare-type-placeholder = Pick the closest
ui-declare-description-label = What do you see?

## The role form
ui-role-modal-nobody = nobody yet
ui-role-modal-assign = Assign
ui-role-modal-add = Add
ui-role-modal-title = {$verb} {$role}
ui-role-modal-short-incident-commander = Commander
ui-role-modal-short-tech-lead = Tech Lead
ui-role-modal-short-comms-lead = Comms Lead
ui-role-modal-short-sme = an Expert
ui-role-modal-duty = The {$role} {$duty}. Now: {$holders}.
ui-role-modal-pick-person = Pick a person
ui-role-modal-note = Hand-over note

## Timeline and the list of open incidents
ui-timeline-bot = bot
ui-timeline-line = `{$time}` {$who}: {$said}{$reason}
ui-timeline-reason = {" "}_({$reason})_
ui-timeline-header = Timeline · {$id} ({$zone} {$day})
ui-timeline-earlier-not-shown = {$count} earlier sections not shown
ui-list-war-room-pending = _war room pending_
ui-list-header = Open incidents ({$count})

## The status-update form and message
ui-update-title = Status update
ui-update-cadence = updates due every {$cadence}
ui-update-no-cadence = no update cadence at this severity
ui-update-eta-none = when you choose
ui-update-what = What happened since the last update
ui-update-impact = Current impact
ui-update-next-steps = Next steps
ui-update-next-update = Next update
ui-update-on-cadence = on cadence ({$cadence})
ui-update-eta-within = within {$eta}
ui-update-message-header = Status update · {$id} · {$title}
ui-update-message-next-due = next update due {$at}
ui-update-message-posted-by = Posted by <@{$user}>{$due}

## Nudges
ui-nudge-incident-commander = Incident commander

## Alerts and triage
ui-alert-firing = :red_circle: firing
ui-alert-resolved = :large_green_circle: resolved
ui-alert-source = source
ui-triage-header = Alert needs triage: {$name}
ui-triage-declare = Declare incident
ui-triage-declared-header = Alert: {$name}
