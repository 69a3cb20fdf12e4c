# Who may do what, and limits (bot/ui/text.py; the policy is bot/incident/access.py).

text-only-the-commander = :no_entry: Only the incident commander (<@{$commander}>) or an admin can {$what} {$incident}. Ask <@{$commander}>, or ask them to hand over incident command.
text-not-allowed-declare = :no_entry: Only {$who} can declare {$incident}.
text-not-allowed-see = :no_entry: Only {$who} can see {$incident}.
text-not-allowed-status = :no_entry: Only {$who} can change the status of {$incident}.
text-not-allowed-severity = :no_entry: Only {$who} can change the severity of {$incident}.
text-not-allowed-resolve = :no_entry: Only {$who} can resolve {$incident}.
text-not-allowed-reopen = :no_entry: Only {$who} can reopen {$incident}.
text-not-allowed-hand-over-ic = :no_entry: Only {$who} can hand over incident command of {$incident}.
text-not-allowed-take-ic = :no_entry: Only {$who} can take command of {$incident}.
text-not-allowed-assign-roles = :no_entry: Only {$who} can assign roles in {$incident}.
text-not-allowed-update = :no_entry: Only {$who} can post status updates for {$incident}.
text-not-allowed-note = :no_entry: Only {$who} can add notes to {$incident}.
text-not-allowed-decision = :no_entry: Only {$who} can record decisions for {$incident}.
text-not-allowed-run-steps = :no_entry: Only {$who} can run agent steps for {$incident}.
text-not-allowed-postmortem = :no_entry: Only {$who} can write or export the postmortem of {$incident}.
text-not-allowed-actions-edit = :no_entry: Only {$who} can confirm or edit the action items of {$incident}.
text-not-allowed-action-done = :no_entry: Only {$who} can mark action items done in {$incident}.
text-not-allowed-other = :no_entry: Only {$who} can {$action} {$incident}.
text-private-incident = :lock: {$incident} is private: only its war-room members and admins can see or change it. Ask its incident commander to invite you.
text-bot-cannot-command = :no_entry: Incident command goes to a person, not to me. Pick the person who will run the incident.
text-private-incident-line = :lock: *{$incident}* {$severity} · private incident
text-hidden-private-actions = :lock: {$count} action items of private incidents are not shown.
text-declare-rate-limited = :no_entry: You have declared {$limit} incidents in the last minute, the most one person may. Nothing new was declared; try again in a minute, or use an open incident (`/incident list`).
# Who may (bot/incident/access.py `who_may`), joined with text-list-separator and text-who-or.
text-who-commander-named = the incident commander (<@{$commander}>)
text-who-commander = the incident commander
text-who-members-private = its war-room members
text-who-anyone = anyone
text-who-role-holder = a role holder
text-who-member = a war-room member
text-who-owner = the item's owner
text-who-admin = an admin (INCIDENT_ADMINS)
text-who-or = {" "}or{" "}
