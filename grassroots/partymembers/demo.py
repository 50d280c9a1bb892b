"""S2's demo steps live in one module per sub-area; seed_demo finds them through here."""

from .development import demo as development_demo  # noqa: F401 - registers its step
from .records import demo as records_demo  # noqa: F401 - registers its step
