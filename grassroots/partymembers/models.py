"""S2's models live in one module per sub-area; Django finds them here."""

from .development.models import *  # noqa: F403
from .disposal.models import *  # noqa: F403
from .points.models import *  # noqa: F403
from .records.models import *  # noqa: F403
