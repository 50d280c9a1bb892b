import pytest

from grassroots.demo import demo_logins, registry, summary


@pytest.fixture(autouse=True)
def county_steps_only(monkeypatch):
    """Run only the county's own steps, counts and logins, so these tests neither wait for nor
    depend on what other systems register from their demo.py (each system tests its own)."""
    registry.discover()  # import every demo.py now; a module registers only on its first import
    own = {name: step for name, step in registry._STEPS.items()
           if step.func.__module__.startswith("grassroots.demo.")}
    monkeypatch.setattr(registry, "_STEPS", own)
    monkeypatch.setattr(summary, "_COUNTERS", [])
    monkeypatch.setattr(demo_logins, "_LOGINS", {x.username: x for x in demo_logins.COUNTY_LOGINS})
