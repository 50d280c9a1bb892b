"""Models of the development sub-area (imported by ../models.py so Django finds them)."""
