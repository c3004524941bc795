"""Scenario files and share links."""
