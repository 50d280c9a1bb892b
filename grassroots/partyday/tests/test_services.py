"""Theme party days through their services: the life table, suggestions to demands
(exactly once), the rights of attendees, menu inheritance, scope."""

from datetime import date

import pytest

from grassroots.core.errors import ApplicationError, FieldErrors, NotInScope, TransitionNotAllowed
from grassroots.demands.models import Channel, Demand
from grassroots.meetings.models import AttendanceRole, MeetingAttendance, MeetingStatus
from grassroots.testing.refusals import refused

from .. import services
from ..models import (
    DayStatus,
    Invitation,
    InviteeKind,
    MenuItem,
    MenuLevel,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    ThemePartyDay,
)
from ..rules import may_vote, rights_of
from .conftest import last_month

pytestmark = pytest.mark.django_db


def test_plan_is_a_theme_day_meeting_once_a_month(party, day):
    assert day.status == DayStatus.PLANNED
    assert day.meeting.kind == "theme_day" and day.meeting.org_id == party.branch_a.pk
    # the branch's members are the meeting's expected attendees
    assert day.meeting.attendance.filter(role=AttendanceRole.MEMBER).count() == 10
    with pytest.raises(FieldErrors) as err:
        services.themeday_plan(actor=party.secretary_a, branch=party.branch_a, month=day.month,
                               theme="再来一次", planned_on=day.planned_on)
    assert "每月一次" in str(err.value.field_errors["month"][0])
    assert ThemePartyDay.objects.count() == 1


def test_other_branch_secretary_is_refused(party, day):
    with refused(NotInScope, "只能管理本党组织或所辖党组织的主题党日。", unchanged=[day]):
        services.themeday_invite(actor=party.secretary_b, day=day, invitees=[])


def test_hold_records_attendance_and_holds_meeting(party, held_day):
    assert held_day.status == DayStatus.HELD
    assert held_day.meeting.status == MeetingStatus.HELD
    present = MeetingAttendance.objects.filter(meeting=held_day.meeting, present=True)
    assert present.filter(role=AttendanceRole.MEMBER).count() == 8
    assert present.filter(role=AttendanceRole.GUEST).count() == 1


def test_invitees_sit_in_as_guests_never_voters(party, held_day):
    inv = Invitation.objects.get(theme_day=held_day)
    row = MeetingAttendance.objects.get(meeting=held_day.meeting, person_id=inv.person_id)
    assert row.role == AttendanceRole.GUEST
    for kind in InviteeKind.values:
        assert may_vote(kind) is False
    assert rights_of(InviteeKind.TOWN_STAFF) == ["know", "speak", "participate", "supervise"]
    assert rights_of(InviteeKind.MASS_REP) == ["speak"]
    assert inv.rights == ["speak"]


def test_county_staff_only_at_the_town_secretary_branch(party, day, rep_person):
    assert day.is_town_secretary_branch is False
    with pytest.raises(FieldErrors) as err:
        services.themeday_invite(actor=party.secretary_a, day=day, invitees=[
            {"person": rep_person, "kind": InviteeKind.COUNTY_STAFF}])
    assert "乡镇党委书记所在支部" in str(err.value.field_errors["kind"][0])
    assert not Invitation.objects.exists()


def _suggestion(party, day, kind, text="村东头道路坑洼，雨天无法通行，希望尽快修缮。"):
    inv = Invitation.objects.get(theme_day=day)
    return services.suggestion_record(actor=party.secretary_a, day=day, content=text, kind=kind,
                                      raised_by=inv)


def test_suggestion_becomes_exactly_one_demand(county, party, held_day):
    s = _suggestion(party, held_day, SuggestionKind.DEMAND)
    held_day.refresh_from_db()
    assert held_day.status == DayStatus.SUGGESTIONS_RECORDED
    demand = services.suggestion_to_demand(actor=party.secretary_a, suggestion=s)
    again = services.suggestion_to_demand(actor=party.secretary_a, suggestion=s)  # a retry
    assert again.pk == demand.pk
    assert Demand.objects.filter(origin_type="partyday").count() == 1
    assert demand.channel == Channel.MEETING and demand.origin_id == held_day.pk
    assert demand.division_id == party.branch_a.division_id
    assert demand.citizen_name == "王群众"
    s.refresh_from_db()
    assert s.status == SuggestionStatus.ROUTED and s.demand_id == demand.pk


def test_rational_suggestion_cannot_become_a_demand(party, held_day):
    s = _suggestion(party, held_day, SuggestionKind.RATIONAL)
    with refused(ApplicationError, "合理化建议由支部研究决定，不转为群众诉求。", unchanged=[s]):
        services.suggestion_to_demand(actor=party.secretary_a, suggestion=s)
    assert not Demand.objects.exists()


def test_decision_not_adopted_needs_reason_then_feedback_relay_closes_day(party, held_day):
    s = _suggestion(party, held_day, SuggestionKind.RATIONAL)
    with refused(ApplicationError, "部分采纳或不予采纳的，请说明理由（至少4个字）。", unchanged=[s]):
        services.suggestion_decide(actor=party.secretary_a, suggestion=s, decision="not_adopted")
    services.suggestion_decide(actor=party.secretary_a, suggestion=s, decision="partly",
                               reason="资金有限，先修主路")
    with pytest.raises(TransitionNotAllowed):
        services.suggestion_relay(actor=party.secretary_a, suggestion=s)
    services.suggestion_feedback(actor=party.secretary_a, suggestion=s,
                                 answer="主路已列入本年度计划。")
    services.suggestion_relay(actor=party.secretary_a, suggestion=s)
    s.refresh_from_db()
    held_day.refresh_from_db()
    assert s.status == SuggestionStatus.CLOSED and s.relayed_at is not None
    assert held_day.status == DayStatus.CLOSED


def test_suggestion_needs_an_attending_invitee(party, day, rep_person):
    (inv,) = services.themeday_invite(actor=party.secretary_a, day=day, invitees=[
        {"person": rep_person, "kind": InviteeKind.ACTIVIST}])
    services.themeday_hold(actor=party.secretary_a, day=day, present_person_ids=[],
                           minutes="学习了党章第一章，讨论了村务。")
    day.refresh_from_db()
    inv.attended = False
    inv.save(update_fields=["attended"])
    with pytest.raises(FieldErrors) as err:
        services.suggestion_record(actor=party.secretary_a, day=day, kind="rational",
                                   content="建议增加路灯照明设施。", raised_by=inv)
    assert "已签到" in str(err.value.field_errors["raised_by"][0])
    assert not Suggestion.objects.exists()


def test_rep_sees_only_own_suggestions(party, held_day, rep_person):
    from grassroots.testing.factories import UserFactory

    _suggestion(party, held_day, SuggestionKind.RATIONAL)
    services.suggestion_record(actor=party.secretary_a, day=held_day, kind="rational",
                               content="建议在村委会设立图书角。", raised_by_name="党员一")
    user = UserFactory(username="rep_user")
    rep_person.user = user
    rep_person.save(update_fields=["user"])
    services.rep_register(actor=party.secretary_a, branch=party.branch_a, person=rep_person,
                          term_from=date(2025, 1, 1), term_to=date(2030, 1, 1))
    mine = Suggestion.objects.restrict(user)
    assert [s.raised_by_name for s in mine] == ["王群众"]
    assert Suggestion.objects.restrict(party.secretary_b).count() == 0
    assert Suggestion.objects.restrict(party.officer_a).count() == 2
    assert ThemePartyDay.objects.restrict(user).count() == 0


def _menus(party, year):
    county_menu = services.menu_create(actor=party.org_dept, level=MenuLevel.COUNTY,
                                       owner_org=party.county_committee, year=year)
    a = services.menu_item_add(actor=party.org_dept, menu=county_menu, title="学习党章",
                               category="study")
    b = services.menu_item_add(actor=party.org_dept, menu=county_menu, title="红色观影",
                               category="red")
    county_menu = services.menu_publish(actor=party.org_dept, menu=county_menu)
    return county_menu, a, b


def test_menu_inheritance(party):
    year = last_month().year
    county_menu, a, b = _menus(party, year)
    town = services.menu_create(actor=party.officer_a, level=MenuLevel.TOWN,
                                owner_org=party.town_a, year=year, parent=county_menu)
    inherited = {i.inherited_from_id: i for i in town.items.all()}
    assert set(inherited) == {a.pk, b.pk}
    item = inherited[b.pk]
    with refused(ApplicationError, "县级基础菜单事项不能删除，可标记为不适用并说明理由。",
                 unchanged=[item]):
        services.menu_item_remove(actor=party.officer_a, item=item)
    services.menu_item_mark_not_applicable(actor=party.officer_a, item=item,
                                           reason="本镇无红色教育基地")
    extra = services.menu_item_add(actor=party.officer_a, menu=town, title="大蒜种植培训",
                                   category="skills")
    town = services.menu_publish(actor=party.officer_a, menu=town)
    village = services.menu_create(actor=party.secretary_a, level=MenuLevel.VILLAGE,
                                   owner_org=party.branch_a, year=year, parent=town)
    item.refresh_from_db()
    with refused(ApplicationError, "“红色观影”已被乡镇标记为不适用，不能选择。", unchanged=[village]):
        services.menu_select(actor=party.secretary_a, menu=village, items=[item])
    assert services.menu_select(actor=party.secretary_a, menu=village,
                                items=[inherited[a.pk], extra]) == 2
    with pytest.raises(ApplicationError) as err:
        services.menu_publish(actor=party.secretary_a, menu=village)
    assert "支部委员会" in str(err.value)
    assert set(village.items.values_list("origin", flat=True)) == {"county", "town"}
    assert MenuItem.objects.filter(menu=county_menu).count() == 2  # nothing removed upstairs


def test_town_menu_needs_published_county_menu(party):
    county_menu = services.menu_create(actor=party.org_dept, level=MenuLevel.COUNTY,
                                       owner_org=party.county_committee, year=2026)
    with refused(ApplicationError, "上一级菜单尚未发布，不能据此制定本级菜单。"):
        services.menu_create(actor=party.officer_a, level=MenuLevel.TOWN, owner_org=party.town_a,
                             year=2026, parent=county_menu)
    with refused(NotInScope, "只有组织部可以制定县级基础菜单。"):
        services.menu_create(actor=party.officer_a, level=MenuLevel.COUNTY,
                             owner_org=party.county_committee, year=2027)
