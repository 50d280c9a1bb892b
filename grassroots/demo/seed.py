"""Runs the registered seed steps in order, each once per database and in its own transaction."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.db import transaction

from .models import DemoStepRun
from .registry import FULL, DemoScale, SeedContext, discover, steps


@dataclass
class StepResult:
    name: str
    label: str
    skipped: bool
    created: dict = field(default_factory=dict)
    seconds: float = 0.0


def run_seed(*, scale: DemoScale = FULL, seed: int = 2021, progress: bool = True) -> list[StepResult]:
    discover()
    ctx = SeedContext(scale=scale, seed=seed, progress=progress)
    done = set(DemoStepRun.objects.values_list("name", flat=True))
    results = []
    for step in steps():
        if step.name in done:
            results.append(StepResult(step.name, step.label, skipped=True))
            continue
        started = time.perf_counter()
        with transaction.atomic():
            created = step.func(ctx) or {}
            seconds = time.perf_counter() - started
            DemoStepRun.objects.create(name=step.name, scale=scale.name, seed=seed,
                                       created=created, seconds=round(seconds, 3))
        results.append(StepResult(step.name, step.label, False, created, seconds))
    return results


def is_built() -> bool:
    """True when every registered step has run on this database."""
    discover()
    done = set(DemoStepRun.objects.values_list("name", flat=True))
    return all(step.name in done for step in steps())
