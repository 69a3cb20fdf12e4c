# Decisions, notes, the postmortem and action items (bot/ui/text.py).

text-decision-recorded = :memo: <@{$actor}> recorded a decision: *{$what}*
text-decision-why = _why:_ {$why}
text-note-recorded = :spiral_note_pad: Note from <@{$actor}> added to the timeline: {$note}
text-capture-failed = :information_source: I could not read that message ({$error}), so nothing was added to the timeline.
text-postmortem-also-published = {" "}Also published: {$where}.
text-postmortem-written = :books: The postmortem for *{$incident}* is written: summary in the war room, the document in its thread.{$where}
text-postmortem-updated = :books: The postmortem for *{$incident}* is updated: summary in the war room, the document in its thread.{$where}
text-actions-confirmed = :white_check_mark: {$count} action items confirmed, each with an owner and a deadline. Owners get reminders.
text-no-such-action = :information_source: {$incident} has no action item #{$number}.
text-action-done = :white_check_mark: <@{$actor}> closed action item {$incident} #{$number}.
text-action-reminder-today = Action item {$incident} #{$number} is due today: {$description}
text-action-reminder-tomorrow = Action item {$incident} #{$number} is due tomorrow: {$description}
text-postmortem-reminder-in = :alarm_clock: *{$incident}* was resolved 36 hours ago and has no postmortem yet; the goal is 48 hours. Type `/incident postmortem` in <#{$channel}>.
text-postmortem-reminder = :alarm_clock: *{$incident}* was resolved 36 hours ago and has no postmortem yet; the goal is 48 hours. Type `/incident postmortem`.
text-no-open-actions = :sunny: No open action items.
text-action-form-owner = Every action item needs an owner.
text-action-form-due = Every action item needs a deadline.
text-action-form-past = The deadline is in the past.
text-postmortem-upload-failed = :warning: The postmortem file could not be attached in Slack ({$error}).
text-export-withheld = not to {$exporter}: {$incident} is private
text-reminder-undelivered = :warning: I could not deliver the reminder for action item {$incident} #{$number} to <@{$owner}> ({$attempts} tries; Slack said `{$error}`). I keep trying; please tell them.
text-postmortem-reminder-undelivered = :alarm_clock: <@{$commander}>: *{$incident}* was resolved 36 hours ago and has no postmortem yet; the goal is 48 hours. Type `/incident postmortem` here. (I could not send this by DM: `{$error}`.)
