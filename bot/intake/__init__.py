"""Alerts and changes coming in: webhook endpoints (Alertmanager, PagerDuty, deploys), their
payload models, authentication, routing rules and Redis state. `routes.intake_routes(ctx)` adds
the endpoints to the bot's server; the flows live in `bot.flows.alerts`.
"""
