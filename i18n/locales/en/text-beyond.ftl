# Status page, paging, tickets, bridge (bot/ui/text.py).

text-vendor-failed = :warning: {$system} failed ({$doing}): {$reason}. The incident goes on; I will not repeat this for {$system} for an hour.
text-not-configured = {$what} is not configured (set {$settings}).
text-public-incident = public incident
text-open-link = open
text-status-published = :mega: <@{$actor}> published the status page: _{$status}_ · {$link}
text-status-page-updated = :mega: <@{$actor}> updated the status page: _{$status}_ · {$link}
text-status-live = Live on the status page: *{$name}* · _{$status}_ · impact {$impact} · {$link}
text-status-not-live-draft = Nothing is live on the status page for this incident. A draft is waiting for *Publish*.
text-status-not-live = Nothing is live on the status page for this incident. The comms step (`/incident run comms`) drafts one.
text-no-status-draft = There is no status-page draft for this incident yet; run `/incident run comms` first.
text-the-on-call = the on-call
text-paged-by = :rotating_light: <@{$actor}> paged {$target} through {$system}.
text-paged = :rotating_light: I paged {$target} through {$system}.
text-page-resolved = :white_check_mark: Resolved {$count} { $count ->
        [one] page
       *[other] pages
    } with the incident.
text-the-on-call-subject = The on-call
text-already-paged = {$target} is already paged for this incident.
text-tickets-opened = :ticket: Tickets for the action items:
text-ticket-closed-elsewhere = :white_check_mark: Action item {$number} is done: {$ticket} was closed in {$system}.
