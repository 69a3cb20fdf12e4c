"""The systems around the incident: a status page, paging the on-call, tickets for action items.

Each kind has a small interface (`statuspage.base`, `paging.base`, `tickets.base`) and one module
per vendor; `bot.integrations.setup` builds the ones the configuration turns on (each is off until
its settings are set). Every vendor call goes through `http.VendorHttp`: retries on 429 and 5xx,
a timeout, typed `IntegrationFailed` errors whose message names the system and never a secret.
"""
