"""Every S2 event code, declared by its sub-area (autodiscovered by core)."""

from .development import events as development_events  # noqa: F401
from .disposal import events as disposal_events  # noqa: F401
from .points import events as points_events  # noqa: F401
from .records import events as records_events  # noqa: F401
