from datetime import datetime

from grassroots.workcal.clock import SHANGHAI


def bj(*args) -> datetime:
    """An aware Beijing-time datetime: bj(2025, 3, 7, 17, 20)."""
    return datetime(*args, tzinfo=SHANGHAI)
