"""Beyond the war room: the bridge link, the status page, paging the on-call, tickets for action
items. Each is optional (bot.integrations.setup); a failing vendor never blocks the incident:
the war room hears which system failed and why, once (`common.tell_failure`)."""
