"""Models of the disposal sub-area (re-exported by partymembers/models.py)."""

__all__: list[str] = []
