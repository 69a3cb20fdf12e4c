"""Publishing to a public status page (Atlassian Statuspage)."""
