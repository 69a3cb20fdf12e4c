# Agent steps on the card and in the war room (bot/ui/step_blocks.py).

ui-steps-run-placeholder = Run AI agent steps…
ui-steps-workflow = Workflow
ui-steps-all = All {$count} steps (in dependency order)
ui-steps-phase = Phase {$phase}
ui-steps-one-step = One step
ui-steps-details = Details
ui-steps-origin-fallback = :warning: Claude was unavailable; built-in answer
ui-steps-origin-claude-model = Answered by Claude ({$model})
ui-steps-origin-claude = Answered by Claude
ui-steps-origin-builtin = Built-in answer (no AI model)
ui-steps-done-count = {$done} of {$total} done
ui-steps-state-waiting = waiting
ui-steps-state-running = running
ui-steps-state-done = done
ui-steps-state-failed = failed
ui-steps-answer-cut = _The answer is longer than a Slack view; the rest is cut._
ui-steps-close = Close
