"""Paging the on-call (PagerDuty Events API v2, Opsgenie Alert API)."""
