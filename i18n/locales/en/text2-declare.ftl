# Declaring when Slack refuses part of it (bot/ui/text.py: slack_refusal, declare_*), and a war
# room's channel gone under a flow (channel_gone_error).

text2-create-restricted-action = this workspace lets only some members create channels and the app is not allowed to (a workspace admin can change it: Workspace settings → Permissions → Channel management)
text2-create-user-is-restricted = the app's account is restricted and may not create channels
text2-create-no-permission = the app has no permission to create channels (reinstall it from manifest.yml so it has `channels:manage` and `groups:write`)
text2-create-missing-scope = the app was installed without `channels:manage`/`groups:write` (reinstall it from manifest.yml)
text2-create-invalid-name = Slack refused every channel name I tried
text2-create-invalid-name-specials = Slack refused the channel name's characters
text2-create-invalid-name-punctuation = Slack refused the channel name's punctuation
text2-create-invalid-name-maxlength = the channel name was too long for Slack
text2-create-invalid-name-required = Slack got no channel name
text2-create-name-taken = every channel name I tried is taken
text2-create-team-not-found = Slack could not find this workspace
text2-create-is-bot = Slack does not let this app create channels

text2-invite-user-is-restricted = that account is a guest, and guests can only be added to channels by an admin
text2-invite-user-is-ultra-restricted = that account is a single-channel guest, who can only be in the one channel an admin chose
text2-invite-ura-max-channels = that account is a single-channel guest already in its one channel
text2-invite-no-permission = the app is not allowed to invite people here (a workspace setting)
text2-invite-restricted-action = this workspace's settings stop the app from inviting people
text2-invite-not-allowed-by-team-policy = this workspace's policy stops the app from inviting people
text2-invite-org-user-not-in-team = that account belongs to the organisation but not to this workspace
text2-invite-no-external-invite-permission = that account is from another organisation, and the app may not invite external people
text2-invite-user-team-not-in-channel = that account's workspace is not part of this channel
text2-invite-cant-invite = Slack does not allow that account to be invited
text2-invite-cant-invite-app-user = that account is an app, which cannot be invited
text2-invite-user-not-found = Slack does not know that account
text2-invite-user-is-bot = that account is a bot
text2-invite-too-many-users = the channel is full
text2-invite-failed-for-some-users = Slack refused the invitation

text2-step-channel = channel created
text2-step-topic = topic set
text2-step-purpose = purpose set
text2-step-invite = you invited
text2-step-card = card posted
text2-step-pin = card pinned
text2-step-failed-topic = the topic could not be set
text2-step-failed-purpose = the purpose could not be set
text2-step-failed-invite = I could not invite you
text2-step-failed-card = the incident card could not be posted
text2-step-failed-pin = the card could not be pinned
text2-step-failed-announce = the broadcast channel could not be told
text2-step-failed-because = {$step} ({$reason})
text2-list-comma = {", "}
text2-list-semicolon = {"; "}

text2-refusal-channel-gone = the channel is gone or I am no longer in it
text2-refusal-slack-answered = Slack answered `{$error}`
text2-declare-not-started = :x: I could not open a war room for *{$incident}*: {$reason}. No channel was created and nothing was announced; declare again once that is fixed.
text2-declare-incomplete = :warning: *{$incident}* has a war room, <#{$channel}> ({$made}), but {$failed}. I will finish it on that same channel by myself within a few minutes; no need to declare again.
text2-caveat-line = {$step}: {$reason}.
text2-caveat-join = Open <#{$channel}> from the channel list to join it, or ask someone there to add you.
text2-caveat-joiner = {" "}
text2-declare-paced = :hourglass_flowing_sand: Slack is pacing channel creation; your war room will be ready in about {$seconds} s.
text2-channel-gone-error = :warning: Slack refused `{$method}` ({$error}): this channel is archived, deleted or no longer has me. What I recorded is kept; unarchive it or `/invite @incident-commander` and I post there again.
