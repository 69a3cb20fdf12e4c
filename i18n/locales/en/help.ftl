# The `/incident help` reply (bot/ui/help.py). {$aliases} is the list of Chinese commands,
# built from bot/commands/aliases.py.

help-text = *`/incident` commands*
    • `/incident declare sev1 <title>`: declare an incident (`sev1`..`sev4` or `p0`..`p3`); `/incident declare` alone opens the form
    • `/incident status`: show the incident (in its war room); `/incident status identified|monitoring [why]`: move it on
    • `/incident severity sev2 [why]`: change the severity
    • `/incident role ic|tech|comms|sme @person`: assign or hand over a role (also buttons on the card)
    • `/incident update <what happened>`: post a status update (the *Post update* button has the full form)
    • `/incident run all|phase <1-5>|<step>`: run AI agent steps (triage, observe, mitigate, debug, security, performance, fix, deploy, comms, impact, postmortem, monitoring, hardening); one message shows each answer
    • `/incident resolve [summary]`: resolve it
    • `/incident decision <what> because <why>`: record a decision and its rationale; `/incident note <text>`: a note
    • React with :pushpin: to a war-room message (or pin it) to put it on the timeline
    • `/incident timeline`: every event so far, with who and when
    • `/incident summary`: catch me up in 8 lines (only you see it; *Share in channel* to post it)
    • `/incident postmortem`: write (or refresh) the blameless postmortem; `/incident actions`: open action items
    • `/incident page [service|team] [message]`: page the on-call (PagerDuty/Opsgenie, when configured); `/incident statuspage`: what is live on the status page
    • `/incident stats [30d|90d] [service]`: MTTA, MTTR and update cadence of resolved incidents
    • `/incident list`: open incidents
    • `/incident help`: this message
    Traditional Chinese works too: {$aliases}; statuses 調查中, 已確認, 監控中, 已解決; roles 事件指揮官, 技術負責人, 溝通負責人, 主題專家; severities 嚴重度一..四; `因為` in decisions.
help-alias = {$alias} ({$command})
help-alias-separator = {", "}
