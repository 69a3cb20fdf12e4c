# Answers to `/incident` text the grammar does not accept (bot/commands/grammar.py).
# Every answer ends with usage-hint.

usage-hint = :information_source: {$message}
    Type `/incident help` for every command.
grammar-bad-subcommand = I don't know `{$word}`. Try one of: {$valid}.
grammar-title-missing = A title is missing. Example: `/incident declare sev1 Checkout API returning 500s` (or `/incident declare` alone to open the form).
grammar-title-too-long = The title is {$length} characters; keep it under {$limit} and put the details in the description (`/incident declare` opens the form).
grammar-reason-too-long = The reason is {$length} characters; keep it under {$limit}.
grammar-declare-not-a-severity = `{$word}` is not a severity: use sev1..sev4 (or p0..p3). Example: `/incident declare sev2 Checkout latency high`
grammar-not-a-severity = `{$word}` is not a severity: use sev1..sev4 (or p0..p3)
grammar-severity-missing = Which severity? Example: `/incident severity sev2 impact is limited to EU`
grammar-not-a-status = `{$word}` is not a status. Use one of: investigating, identified, monitoring, resolved.
grammar-role-missing = Which role, and for whom? Example: `/incident role tech @alice` (roles: ic, tech, comms, sme)
grammar-not-a-role = `{$word}` is not a role. Example: `/incident role tech @alice` (roles: ic, tech, comms, sme)
grammar-mention-one = Mention exactly one person with @. Example: `/incident role tech @alice` (roles: ic, tech, comms, sme)
grammar-step-missing = Which step? `/incident run all`, `/incident run phase 1`..`5`, or one of: {$valid}.
grammar-phase-range = Phases are 1 to {$last}. Example: `/incident run phase 2`
grammar-not-a-step = `{$word}` is not a step. Steps: {$valid} (or `all`, `phase <n>`).
grammar-update-missing = What is the update? Example: `/incident update rolled back 4312, error rate falling` (the *Post update* button on the card has the full form).
grammar-update-too-long = The update is {$length} characters; keep it under {$limit}.
grammar-decision-missing = What was decided, and why? Example: `/incident decision roll back 4312 because errors began with it`
grammar-note-missing = What should the note say? Example: `/incident note EU traffic shifted to us-east`
grammar-not-a-page-target = `{$word}` is not a service or team name. Example: `/incident page checkout payments are failing`
grammar-stats-usage = Usage: `/incident stats [30d|90d] [service]`, e.g. `/incident stats 90d checkout`.
