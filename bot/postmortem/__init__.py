"""After the incident: the postmortem document and its exporters."""
