import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404

from grassroots.core.events import event_record, events_for
from grassroots.core.models import Event
from grassroots.core.scope import Role, get_scope
from grassroots.core.selectors import get_for_user
from grassroots.places.models import Grid


def test_scope_roles(county):
    assert get_scope(county.supervisor).county_wide_view
    assert not get_scope(county.handler).county_wide_view
    assert get_scope(county.handler).unit_ids == {county.water.pk}
    assert get_scope(county.viewer).viewer_unit_ids == {county.water.pk}
    assert get_scope(county.town_staff).town_ids == {county.town_a.pk}
    assert get_scope(county.secretary).grid_ids == {county.grid_a.pk}
    assert get_scope(county.citizen).is_citizen
    assert Role.ADMIN in get_scope(county.admin).roles


def test_grid_scope_secretary_sees_own_grid_only(county):
    assert list(Grid.objects.restrict(county.secretary)) == [county.grid_a]
    assert list(Grid.objects.restrict(county.town_staff)) == [county.grid_a]
    assert Grid.objects.restrict(county.supervisor).count() == 2
    assert Grid.objects.restrict(county.citizen).count() == 0


def test_get_for_user_same_404_for_missing_and_not_yours(county):
    with pytest.raises(Http404) as refused:
        get_for_user(Grid.objects, county.secretary, county.grid_b.pk)
    assert str(refused.value) == "未找到"
    with pytest.raises(Http404) as refused:
        get_for_user(Grid.objects, county.secretary, 999999)
    assert str(refused.value) == "未找到"
    assert get_for_user(Grid.objects, county.secretary, county.grid_a.pk) == county.grid_a


def test_get_for_user_read_only_gets_403(county):
    # The supervisor sees every grid county-wide but may not change one.
    with pytest.raises(PermissionDenied) as refused:
        get_for_user(Grid.objects, county.supervisor, county.grid_a.pk, action="change")
    assert str(refused.value) == "您没有权限执行此操作。"


def test_event_timeline(county):
    event_record(subject=county.grid_a, actor=county.admin, action="created", to_state="x")
    event_record(subject=county.grid_a, actor=None, action="touched", note="n")
    assert [e.action for e in events_for(county.grid_a)] == ["created", "touched"]
    assert events_for(county.grid_b).count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
def test_event_is_append_only_on_postgresql(county):
    from django.db import DatabaseError, transaction

    e = event_record(subject=county.grid_a, actor=county.admin, action="created")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=e.pk).update(note="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=e.pk).delete()
    assert Event.objects.get(pk=e.pk).note == ""


@pytest.fixture
def isolated_registry(monkeypatch):
    """Roles, dimensions and providers registered by a test vanish after it."""
    from grassroots.core import scope as scope_module

    monkeypatch.setattr(scope_module, "_roles", dict(scope_module._roles))
    monkeypatch.setattr(scope_module, "_dimensions", set(scope_module._dimensions))
    monkeypatch.setattr(scope_module, "_providers", list(scope_module._providers))
    return scope_module


@pytest.mark.django_db
def test_an_app_registers_its_own_role_and_dimension(county, isolated_registry):
    from grassroots.orgs.models import Membership

    sm = isolated_registry
    sm.register_role("branch_secretary", "支部书记")
    sm.register_scope_dimension("party_org")
    sm.register_scope_provider(
        lambda user, person: ({"branch_secretary"}, {"party_org": {41, 42}})
        if person.pk == county.secretary.person.pk else (set(), {}))
    assert ("branch_secretary", "支部书记") in sm.role_choices()
    assert Membership._meta.get_field("role").choices[-1] == ("branch_secretary", "支部书记")
    scope = sm.get_scope(county.secretary)
    assert scope.ids("party_org") == {41, 42} and "branch_secretary" in scope.roles
    assert scope.grid_ids  # the built-in providers still contribute
    assert sm.get_scope(county.handler).ids("party_org") == frozenset()


def test_unknown_dimension_and_bad_role_codes_are_refused(isolated_registry):
    sm = isolated_registry
    with pytest.raises(KeyError) as exc:
        sm.Scope(user_id=1).ids("park")
    assert exc.value.args == ("unknown scope dimension 'park' (register_scope_dimension)",)
    with pytest.raises(ValueError) as exc:
        sm.register_role("x" * 25, "太长")
    assert str(exc.value) == f"role code {'x' * 25!r} is longer than 24 characters"
    with pytest.raises(ValueError) as exc:
        sm.register_role("admin", "别的名字")
    assert str(exc.value) == "role 'admin' is registered twice with different labels"
