"""The incident domain: severities, roles, statuses, the incident record and its timeline.

Nothing here knows Slack or Redis.
"""
