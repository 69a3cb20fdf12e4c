# Agent steps in the war room (bot/ui/text.py).

text-steps-busy = :hourglass_flowing_sand: Already queued or running: {$steps}. Its answer will appear in its run's message here; nothing new was started.
text-steps-queued = :robot_face: Running {$label} ({$count} { $count ->
        [one] step
       *[other] steps
    }); one message here shows each answer as it lands (*Details* for the whole answer).
text-step-running = {$title}: running
text-step-post-failed = :warning: The result of *{$title}* is stored, but Slack refused to show it ({$error}).
text-step-failed = :x: The *{$step}* step failed on my side; the steps after it were cancelled. Results so far are kept. Try `/incident run {$step}` again.
text-run-title = AI agent steps
text-run-progress = AI agent steps: {$done} of {$total} done
text-no-step-result = :information_source: *{$title}* has no stored answer yet; run it first.
text-steps-cooling-down = :hourglass: `{$label}` was asked for on {$incident} a moment ago; it can run again in {$minutes} { $minutes ->
        [one] minute
       *[other] minutes
    }. Its results are in the war room.
