"""S2's demo steps, one module per sub-area (autodiscovered through this module)."""

from .records import demo as records_demo  # noqa: F401
