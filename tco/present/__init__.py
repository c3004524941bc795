"""Presentation: number and money formatting, Plotly figures."""
