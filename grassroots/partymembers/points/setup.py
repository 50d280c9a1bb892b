"""What the points sub-area registers when the app is ready (called from apps.py)."""


def points_ready() -> None:
    pass
