# Display names of statuses, roles, severities and incident types (bot/incident/kinds.py, severity.py).

ui-status-investigating = Investigating
ui-status-identified = Identified
ui-status-monitoring = Monitoring
ui-status-resolved = Resolved
ui-role-incident-commander = Incident Commander
ui-role-tech-lead = Tech Lead
ui-role-comms-lead = Communications Lead
ui-role-sme = Subject Matter Expert
ui-role-duty-incident-commander = decides and coordinates
ui-role-duty-tech-lead = leads investigation and the fix
ui-role-duty-comms-lead = owns stakeholder updates
ui-role-duty-sme = brings expertise on an affected system
ui-severity-sev1 = SEV1 (P0)
ui-severity-sev2 = SEV2 (P1)
ui-severity-sev3 = SEV3 (P2)
ui-severity-sev4 = SEV4 (P3)
ui-severity-meaning-sev1 = Complete outage, security breach or data loss: all hands
ui-severity-meaning-sev2 = Severe degradation, significant user impact: fast response
ui-severity-meaning-sev3 = Minor degradation, limited impact: standard response
ui-severity-meaning-sev4 = Cosmetic, no user impact: scheduled fix
ui-type-performance-degradation = Performance degradation
ui-type-service-outage = Service outage
ui-type-security-incident = Security incident
ui-type-data-integrity = Data integrity
ui-type-infrastructure-failure = Infrastructure failure
ui-type-third-party-outage = Third party outage
