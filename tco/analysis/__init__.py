"""Analyses over runs: comparisons, uncertainty, variants, break-even."""
