"""Reads of the development pipeline, scope-filtered (filled below)."""
