# Alerts, triage and deploys (bot/ui/text.py).

text-alert-title-more = {" "}(+{$more} more)
text-alert-declared-by = :rotating_light: Declared by <@{$user}> from {$count} {$source} { $count ->
        [one] alert
       *[other] alerts
    } ({$reason}).
text-alert-declared-automatically = :rotating_light: Declared automatically from {$count} {$source} { $count ->
        [one] alert
       *[other] alerts
    } ({$reason}).
text-alert-firing-again = :bell: Alert *{$name}* is firing again: {$summary}
text-alert-firing-also = :bell: Alert *{$name}* is also firing: {$summary}
text-alert-resolved-service = {" "}({$service})
text-alert-resolved-after = :white_check_mark: Alert *{$name}*{$where} resolved after {$took}.
text-alert-resolved = :white_check_mark: Alert *{$name}*{$where} resolved.
text-all-alerts-resolved = :information_source: { $count ->
        [one] The alert
       *[other] All {$count} alerts
    } behind *{$incident}* resolved. When you are satisfied, `/incident resolve` closes the incident.
text-triage-fallback = Alert needs triage: {$title}
text-triage-reason = Not declared automatically ({$reason}). *Declare incident* declares it at {$severity}.
text-triage-declared-room = {" "}War room: <#{$channel}>
text-triage-declared = :white_check_mark: <@{$user}> declared *{$incident}* from this alert.{$room}
text-triage-already-room = :information_source: This alert is already incident *{$incident}*: <#{$channel}>
text-triage-already = :information_source: This alert is already incident *{$incident}*
text-triage-busy = :hourglass_flowing_sand: This alert is being declared right now; the war room follows in a moment.
text-triage-expired = :information_source: This triage alert is too old to declare from (kept 7 days). Declare it with `/incident declare`.
text-triage-resolved = :white_check_mark: *{$name}* resolved on its own.
text-deploy-by = {" "}by {$who}
text-deploy-where = {" "}({$link})
text-deploy-details = details
text-deploy-noted = :package: Deploy during this incident: *{$service}* {$version}{$by}{$where}
text-private-alert-needs-a-person = {$reason}; a security incident gets a private war room, and with ALERT_DECLARED_BY unset nobody would be in it: declare it here to be its first member
text-alert-cap-reached = {$reason}; not declared: this rule already has {$cap} open incidents from alerts, the most it may open. Declare from here if this is a separate incident.
text-more-alerts = and {$count} more { $count ->
        [one] alert
       *[other] alerts
    }
text-alerts-not-listed = :information_source: {$more} in this group are not listed (too many to show).
