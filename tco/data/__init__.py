"""Catalogue loading, presets, the user's store and the SQL box."""
