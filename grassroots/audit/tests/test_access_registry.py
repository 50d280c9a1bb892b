"""The access matrix's registry (grassroots.testing.access): roles an app adds inherit the
expectations of the role they are ``like``; world parts run after the apps they name."""

import pytest

from grassroots.testing import access
from grassroots.testing.access import Expect, only


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(access, "_roles", dict(access._roles))
    monkeypatch.setattr(access, "_parts", [])
    return access


def test_a_new_role_expects_what_its_like_expects_unless_named(registry):
    registry.register_role("party_secretary", lambda county: None, like="secretary")
    page = only(("secretary",))
    assert page["party_secretary"] == 200
    assert page.but(party_secretary=403)["party_secretary"] == 403
    assert only(("admin",))["party_secretary"] == 404  # the default, as for the secretary
    assert "party_secretary" in registry.collect().roles


def test_a_role_without_like_gets_the_default():
    assert Expect(403, {"admin": 200})["nobody_registered"] == 403


def test_world_parts_run_after_the_apps_they_name(registry):
    order = []
    late = registry.world_part(after=("demands",))(lambda world: order.append("late"))
    late.__module__ = "grassroots.supervision.tests.access"
    registry._parts[0].app = "supervision"
    early = registry.world_part()(lambda world: order.append("early"))
    registry._parts[1].app = "demands"
    assert [p.build for p in registry.ordered_parts()] == [early, late]


def test_parts_waiting_on_each_other_are_refused(registry):
    registry._parts.extend([registry.WorldPart("a", print, ("b",)),
                            registry.WorldPart("b", print, ("a",))])
    with pytest.raises(AssertionError) as refused:
        registry.ordered_parts()
    assert str(refused.value).startswith("world parts wait on each other: ")

