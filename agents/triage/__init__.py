"""Offline triage that generalises: scope/magnitude cues plus a small linear model, with reasons."""
