"""What the disposal sub-area registers when the app is ready (called from apps.py)."""


def disposal_ready() -> None:
    pass
