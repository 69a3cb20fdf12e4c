# Timeline notes written by declare, the dead-channel check and the integrations (paging,
# status page, tickets): people read them in the timeline and the postmortem, in INCIDENT_LOCALE.

text2-note-declared = declared {$severity} "{$title}"
text2-note-declare-interrupted = declare interrupted: {$failure}; to be finished on the same channel
text2-note-declare-step-failed = declare: {$step} ({$reason})
text2-note-declare-failed = declare failed: {$reason}
text2-note-war-room-unreachable = war room unreachable ({$error}): nudges stopped
text2-note-status-page-published = status page published: {$status} - {$title}
text2-note-status-page-updated = status page updated: {$status} - {$title}
text2-note-action-ticket = action item {$number} is ticket {$ticket}
text2-note-action-ticket-closed = action item {$number} done: {$ticket} closed in {$system}
text2-note-paged = paged {$target} through {$system}
text2-note-page-acknowledged = {$who} acknowledged the page in {$system}
