"""Demo county: the points sub-area's step (imported by partymembers/demo.py)."""
