# `/incident summary` (catch me up) for someone who joins late (agents/summary.py).

agents-summary-under-a-minute = under a minute
agents-summary-minutes = {$minutes}m
agents-summary-hours = {$hours}h {$minutes}m
agents-summary-just-now = just now
agents-summary-ago = {$span} ago
agents-summary-type-unknown = type not classified yet
agents-summary-severity-unset = severity not set
agents-summary-resolved-ago = resolved {$ago}
agents-summary-open-for = open for {$span}
agents-summary-no-roles = no roles assigned yet
agents-summary-the-bot = the bot
agents-summary-last-update = {$said} ({$actor}, {$at} UTC, {$ago})
agents-summary-no-update = no stakeholder update yet
agents-summary-not-reported = not reported yet
agents-summary-decided = decided: {$decision}
agents-summary-suggested = suggested: {$action}
agents-summary-nothing-yet = nothing recorded yet
agents-summary-line-happening = **What is happening:** {$text}
agents-summary-line-impact = **Impact:** {$text}
agents-summary-line-status = **Status:** {$text}
agents-summary-line-roles = **Roles:** {$text}
agents-summary-line-last-update = **Last update:** {$text}
agents-summary-line-being-tried = **Being tried:** {$text}
agents-summary-line-questions = **Open questions:** {$text}
agents-summary-happening = {$title} ({$kind})
