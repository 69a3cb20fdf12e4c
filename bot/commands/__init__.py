"""The /incident command: its grammar (text -> typed command) and its dispatch to the flows."""
