"""Bundled JSON-LD context documents (data only; see SOURCES.md)."""
