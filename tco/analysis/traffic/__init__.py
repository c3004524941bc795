"""Sizing from a real traffic log: its load curve and lengths, and a fleet sized by queueing."""
