"""Models of the records sub-area (imported by ../models.py so Django finds them)."""
