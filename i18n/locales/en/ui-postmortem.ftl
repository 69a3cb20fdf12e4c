# The postmortem's war-room summary, the action-item form, lists and reminders
# (bot/ui/postmortem_blocks.py).

ui-pm-header = Postmortem · {$id} · {$title}
ui-pm-no-summary = _No summary yet._
ui-pm-root-cause = Root cause
ui-pm-root-cause-unknown = not established yet
ui-pm-score-line = {$name}: {$value}
ui-pm-scorecard = *Scorecard* ({$met} of {$judged} met)
ui-pm-actions-confirmed = {$count} action items confirmed ({$open} open)
ui-pm-actions-proposed = {$count} action items proposed: confirm owners and deadlines
ui-pm-document-in-thread = the full document is attached in the thread
ui-pm-review-actions = Review action items
ui-pm-action-type-prevent = prevent
ui-pm-action-type-detect = detect
ui-pm-action-type-mitigate = mitigate
ui-pm-action-type-process = process
ui-pm-form-intro = Every action item needs an owner and a deadline. Clear a description to drop that item.
ui-pm-form-item = Action item {$number}
ui-pm-form-owner = Owner
ui-pm-form-deadline = Deadline
ui-pm-form-type = Type
ui-pm-form-title = Action items
ui-pm-form-confirm = Confirm
ui-pm-item-done-on = done {$date}
ui-pm-item-due = due {$date}
ui-pm-done = Done
ui-pm-no-action-items = No action items.
ui-pm-reminder-today = :calendar: Action item *{$item}* is due today ({$date}):
ui-pm-reminder-tomorrow = :calendar: Action item *{$item}* is due tomorrow ({$date}):
