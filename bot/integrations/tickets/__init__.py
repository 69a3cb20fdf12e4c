"""Tickets for postmortem action items (Jira Cloud, Linear)."""
