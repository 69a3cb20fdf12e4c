# App Home, following an incident, the weekly report and private incidents kept out of
# pages, tickets and stats (bot/ui/text.py).

text2-home-title = Incidents at a glance
text2-home-yours = Your roles and action items
text2-home-measures = Last 90 days
text2-home-no-roles = _no roles assigned yet_
text2-home-no-my-roles = You hold no role in an open incident.
text2-home-no-actions = No open action items of yours.
text2-home-no-open = :white_check_mark: No open incidents.
text2-home-room-pending = _war room pending_
text2-home-incident-line = {$emoji} *{$incident}* {$severity} · {$status} · open {$age} · {$room}
text2-home-role-holder = {$role}: <@{$user}>
text2-home-in-room = {" "}in <#{$channel}>
text2-home-my-roles = *{$incident}*: {$roles}{$room}
text2-home-overdue = {" "}:warning: overdue
text2-home-action-line = *{$incident} #{$number}* {$description}
    due {$due}{$late}
text2-home-more-actions = and {$count} more: `/incident actions` lists them all.
text2-home-open-header = Open incidents ({$count})
text2-home-more-incidents = and {$count} more ({$by_severity}): `/incident list` lists them all.
text2-home-hidden-private = :lock: {$count} private incidents you are not in are not shown.
text2-home-action-closed = :white_check_mark: Action item {$incident} #{$number} is done.
text2-home-stats-line = {$resolved} resolved in {$days} days · MTTA {$mtta} · time to identify {$mtti} · MTTR {$mttr} · updates on time {$on_time}

text2-following = :bell: You follow {$incident}: I will message you when its severity or status changes, at each status update and when it is resolved. *Follow* again to stop.
text2-unfollowed = :no_bell: You no longer follow {$incident}.
text2-follower-severity = :bell: {$incident} ({$title}): severity {$old} → {$new}.
text2-follower-status = :bell: {$incident} ({$title}): status {$old} → {$new}.
text2-follower-update = :bell: {$incident} ({$title}) status update:
text2-follower-resolved = :bell: {$incident} ({$title}) is resolved after {$took}.

text2-weekly-report-text = :bar_chart: *Incident report {$since} – {$until}*
text2-tickets-held-private = :lock: No {$system} tickets were opened: {$incident} is private, and its action items leave the war room only when the incident commander clicks *Open tickets*.
text2-private-page-summary = {$incident} {$severity}: private incident (details in its Slack war room)
text2-stats-private-left-out = _{$count} private incidents are left out (admins see them)._

# bot/ui/home_blocks.py
text2-home-separator = {" · "}
text2-home-done-button = Done
text2-home-declare-button = Declare incident

# bot/flows/home.py, bot/reports/charts.py: the measures and charts (drawn in INCIDENT_LOCALE)
text2-home-not-available = n/a
text2-chart-title-response = MTTR and MTTA by severity, per week
text2-chart-title-per-week = Incidents resolved per week, by severity
text2-chart-response-heading = MTTR (solid) and MTTA (dashed) by severity, minutes, per week
text2-chart-empty = no resolved incidents in this window
# strftime pattern of a week's label on a chart's axis
text2-chart-week-format = %d %b
