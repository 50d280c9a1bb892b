import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import events_for
from grassroots.core.scope import Role
from grassroots.orgs.models import Membership
from grassroots.orgs.selectors import users_with_role
from grassroots.orgs.services import membership_end, membership_grant


@pytest.mark.django_db
def test_grant_gives_the_role_with_an_event(county):
    person = county.outsider.person
    assert county.outsider not in users_with_role(Role.SUPERVISOR)
    m = membership_grant(actor=county.admin, person=person,
                         organization=county.supervision_office, role=Role.SUPERVISOR,
                         title="督查员")
    assert county.outsider in users_with_role(Role.SUPERVISOR)
    [event] = events_for(m)
    assert (event.action, event.actor, event.to_state) == ("membership_granted", county.admin,
                                                          "active")
    assert event.extra == {"person": person.pk, "organization": county.supervision_office.pk,
                           "role": Role.SUPERVISOR}


@pytest.mark.django_db
def test_only_an_administrator_grants(county):
    before = Membership.objects.count()
    with pytest.raises(NotInScope) as exc:
        membership_grant(actor=county.supervisor, person=county.citizen.person,
                         organization=county.water, role=Role.HANDLER)
    assert exc.value.message == "只有平台管理员可以调整人员的任职。"
    assert Membership.objects.count() == before


@pytest.mark.django_db
def test_a_role_held_already_is_refused_and_nothing_written(county):
    before = Membership.objects.count()
    with pytest.raises(ApplicationError) as exc:
        membership_grant(actor=county.admin, person=county.handler.person,
                         organization=county.water, role=Role.HANDLER)
    assert exc.value.message == f"{county.handler.person.name} 已在 水务局 担任该角色。"
    assert Membership.objects.count() == before


@pytest.mark.django_db
def test_unknown_role_is_refused(county):
    with pytest.raises(ApplicationError) as exc:
        membership_grant(actor=county.admin, person=county.citizen.person,
                         organization=county.water, role="emperor")
    assert exc.value.message == "未知的角色：emperor。"
    assert exc.value.field == "role"


@pytest.mark.django_db
def test_end_removes_the_role_once_and_keeps_history(county):
    m = Membership.objects.get(person=county.handler.person, organization=county.water,
                               role=Role.HANDLER, is_active=True)
    assert county.handler in county.water.staff_users()
    membership_end(actor=county.admin, membership=m, note="调离")
    m.refresh_from_db()
    assert not m.is_active and m.ended_at is not None
    assert county.handler not in county.water.staff_users()
    assert [e.action for e in events_for(m)] == ["membership_ended"]
    with pytest.raises(ApplicationError) as exc:
        membership_end(actor=county.admin, membership=m)
    assert exc.value.message == "该任职已经结束。"
    assert len(events_for(m)) == 1


@pytest.mark.django_db
def test_users_with_role_filters_by_organisation_and_kind(county):
    assert set(users_with_role(Role.HANDLER, organization=county.water)) == {county.handler}
    assert set(users_with_role(Role.DISPATCHER)) == {county.dispatcher}
    assert county.dispatcher not in users_with_role(
        Role.DISPATCHER, organization_kind="department")
