# The postmortem document (bot/templates/postmortem.md.j2, bot/postmortem/document.py, story.py),
# written in INCIDENT_LOCALE.

ui-doc-title = {$id} postmortem: {$title}
ui-doc-final = Final
ui-doc-draft = Draft (the incident is still open)
ui-doc-blameless = blameless: this document is about systems and decisions, not people. Written {$written}.
ui-doc-summary = Summary
ui-doc-not-written = Not written yet.
ui-doc-not-classified = not classified
ui-doc-resolved = Resolved
ui-doc-not-yet = not yet
ui-doc-duration = Duration
ui-doc-impact = Impact
ui-doc-impact-not-assessed = Not assessed: run the impact step (`/incident run impact`).
ui-doc-error-budget = Error budget / SLO: {$budget}
ui-doc-trigger = Trigger
ui-doc-detection = Detection
ui-doc-resolution = Resolution
ui-doc-lucky = Where we got lucky
ui-doc-nothing-recorded = Nothing recorded.
ui-doc-timeline = Timeline ({$zone})
ui-doc-decisions = Decisions and rationale
ui-doc-decision = **{$what}** ({$at}, {$who})
ui-doc-decision-because = **{$what}** because {$why} ({$at}, {$who})
ui-doc-no-decisions = No decisions were recorded with `/incident decision`.
ui-doc-root-cause = Root cause and contributing factors
ui-doc-root-cause-unknown = Not established yet.
ui-doc-went-well = What went well
ui-doc-to-improve = What could be improved
ui-doc-action-items = Action items
ui-doc-actions-header = | # | action | owner | due | type | status |
ui-doc-done = done
ui-doc-open = open
ui-doc-proposed = Proposed (not confirmed yet: every item needs an owner and a deadline; use *Review action items*):
ui-doc-proposed-item = [{$type}] {$title} (suggested owner: {$owner}, due {$due})
ui-doc-none-proposed = none proposed
ui-doc-a-responder = a responder
ui-doc-lessons = Lessons learned
ui-doc-scorecard = Success-criteria scorecard
ui-doc-detail = {" "}({$detail})
ui-doc-scorecard-header = | criterion | result | met |
ui-doc-yes = yes
ui-doc-no = no
ui-doc-not-applicable = n/a
ui-doc-queries = Appendix: queries
ui-doc-sources = Sources
ui-doc-analysis = Analysis: {$source}
ui-doc-source-step = {$backend} postmortem step
ui-doc-source-fell-back = ; fell back: {$reason}
ui-doc-source-none = none

## The story parts (bot/postmortem/story.py)
ui-doc-role-incident-commander = incident commander
ui-doc-role-tech-lead = tech lead
ui-doc-role-comms-lead = communications lead
ui-doc-role-sme = subject-matter expert
ui-doc-a-role = a role
ui-doc-role-line = {$role}: {$name}
ui-doc-the-bot = the bot
ui-doc-person-role = {$name} ({$role})
ui-doc-signal-alert = alert: {$text}
ui-doc-signal-deploy = deploy: {$text}
ui-doc-signal-report = a person's report (the declaration)
ui-doc-detected-by-report = Declared by {$who} at {$at} {$zone} from a report; no alert fired and no deploy was recorded, so the time from the first failure to detection is not known.
ui-doc-through-alert = an alert
ui-doc-through-report = a person's report
ui-doc-detected = First signal {$first} {$zone} ({$what}); declared at {$declared} {$zone} by {$who}, through {$how}. Time to detect: {$took}.
ui-doc-trigger-named = {$reason} (named by {$who}, {$at} {$zone}).
ui-doc-trigger-deploy = {$deploy} ({$at} {$zone}), the last change recorded before the incident; not confirmed as the cause.
ui-doc-trigger-unknown = Not known: nobody named the change that started it (`/incident status identified <what changed>`).
ui-doc-resolution-last-update = No summary was given on resolve; the last update before it said: {$said}
ui-doc-resolution-unknown = No summary was given on resolve, and no update described the fix.
ui-doc-lucky-reported = A person noticed and reported it: no alert would have paged anyone.
ui-doc-lucky-knew-change = Someone knew of the change suspected of causing it; no deploy was recorded for the bot to find.
ui-card-follow = Follow
ui-doc-list-separator = ,{" "}
ui-doc-agents-answered = {$at} · AI agents answered {$count} {$count ->
        [one] step
       *[other] steps
    } ({$steps}) · {$bot}
ui-doc-why = {" "}(why: {$why})
ui-doc-query-measures = ; query {$number} in the appendix measures it
ui-doc-query-in-appendix = (query {$number} in the appendix)
