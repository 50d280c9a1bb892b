"""The seed-step registry: every system adds its own demo data as an ordered, idempotent step.

An app registers its steps from its ``demo.py`` module (``seed_demo`` autodiscovers them)::

    # grassroots/demands/demo.py
    from grassroots.demo.registry import register_step

    def seed_demands(ctx):
        ...  # read what earlier steps built by code, bulk_create in batches
        return {"demands": n}  # counts shown in the output and stored in DemoStepRun

    register_step("demands", seed_demands, order=500, label="民意诉求")

Orders used by the county itself: 100 places, 200 organisations, 300 service teams, 400 logins.
A step runs once per database (``DemoStepRun`` marks it done) inside its own transaction, and
should itself tolerate a re-run (create only what is missing).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .data import jinxiang


@dataclass(frozen=True)
class DemoScale:
    """How big the demo county is; ``FULL`` is Jinxiang's real scale."""

    name: str
    towns: int
    communities: int
    villages: int
    grids: int

    def __post_init__(self):
        if not 1 <= self.towns <= len(jinxiang.TOWNS):
            raise ValueError(f"towns must be 1..{len(jinxiang.TOWNS)}")
        if self.grids < self.communities + self.villages:
            raise ValueError("every village and community needs at least one grid")
        if self.villages + self.communities < 1:
            raise ValueError("the county needs at least one village or community")

    @property
    def label(self) -> str:
        return (f"{self.name}: {self.towns} towns, {self.communities} communities, "
                f"{self.villages} villages, {self.grids} grids")


FULL = DemoScale("full", towns=len(jinxiang.TOWNS), communities=jinxiang.FULL_COMMUNITIES,
                 villages=jinxiang.FULL_VILLAGES, grids=jinxiang.FULL_GRIDS)
TINY = DemoScale("tiny", towns=2, communities=1, villages=3, grids=5)
SCALES = {"full": FULL, "tiny": TINY}


@dataclass
class SeedContext:
    scale: DemoScale = FULL
    seed: int = 2021
    progress: bool = True
    # Shared within one run (e.g. the demo password hash, computed once); never required.
    cache: dict = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        """A generator per step, so adding a step never changes what the others build."""
        return random.Random(f"{self.seed}:{step}")

    def bar(self, total: int, desc: str):
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit="行", file=sys.stderr, leave=True,
                    disable=not self.progress, dynamic_ncols=True)


StepFunc = Callable[[SeedContext], "dict[str, int] | None"]


@dataclass(frozen=True)
class Step:
    name: str
    func: StepFunc
    order: int
    label: str


_STEPS: dict[str, Step] = {}


def register_step(name: str, func: StepFunc, order: int, *, label: str = "") -> None:
    """Add (or replace, by name) a seed step; steps run by ascending ``order``."""
    _STEPS[name] = Step(name=name, func=func, order=order, label=label or name)


def steps() -> list[Step]:
    return sorted(_STEPS.values(), key=lambda s: (s.order, s.name))


def batched(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def discover() -> None:
    """Import every installed app's ``demo`` module so it can register its steps and counts."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo")
