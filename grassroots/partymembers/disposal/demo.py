"""Demo county: the disposal sub-area's step (imported by partymembers/demo.py)."""
