"""Placeholder for the sci-tech heads and training bases of the demo (filled below)."""


def seed_scitech_and_training(ctx) -> dict[str, int]:
    return {}
