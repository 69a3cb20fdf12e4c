# Timeline texts written by the flows (roles, status, severity, resolve, status updates, nudges,
# triage feedback, action items, agent steps): read in the timeline and the postmortem, in
# INCIDENT_LOCALE. The agents parse structured data, not these words (see agents/summary.py).

text3-note-actions-confirmed = {$count} action items confirmed with owners and deadlines
text3-note-action-done = action item {$number} done: {$description}
text3-note-triage-suggested = triage suggested {$suggested} (declared {$declared})
text3-note-triage-classified = triage classified the incident as {$type}
text3-decision-severity-kept = severity kept at {$kept} (triage suggested {$suggested})
text3-note-update-escalated = status update {$overdue} overdue: escalated to the IC
text3-note-update-reminded-comms = status update due: reminded the comms lead
text3-note-update-reminded-ic = status update due: reminded the IC
text3-event-role-assigned = <@{$user}> is {$role}
text3-event-role-handed-over = <@{$user}> is {$role} (handed over from <@{$previous}>)
text3-event-status-changed = status {$old} → {$new}
text3-event-severity-changed = severity {$old} → {$new}
text3-event-resolved = resolved after {$took}
text3-event-status-update = status update: {$said}
text3-event-status-update-late = status update ({$late} late): {$said}
text3-event-step-done = {$title}: {$headline}
text3-event-postmortem-written = postmortem written
text3-event-postmortem-updated = postmortem updated
