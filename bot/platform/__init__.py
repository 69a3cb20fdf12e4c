"""Infrastructure the bot runs on: Redis connections and stores, the job queue, the scheduler,
the clock and logs. Nothing here knows Slack."""
