"""An administrator adds a local set that is only stricter, and confirms drafts."""

from datetime import date

import pytest

from grassroots.core.errors import FieldErrors, NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.rulesets.models import RuleParam, RuleSet
from grassroots.rulesets.selectors import rule_param, rule_set_by_code, rule_set_in_force
from grassroots.rulesets.services import (
    parse_rule_value,
    rule_set_confirm,
    rule_set_create_local,
)

pytestmark = pytest.mark.django_db


def _create(actor, **overrides):
    kwargs = {"base": rule_set_by_code("party.dev.2014"), "code": "party.dev.2014.sishui",
              "title": "泗水县发展党员工作实施细则", "scope": "county",
              "effective_from": date(2020, 1, 1), "values": {}}
    kwargs.update(overrides)
    return rule_set_create_local(actor=actor, **kwargs)


def _rows():
    return RuleSet.objects.count(), RuleParam.objects.count(), Event.objects.count()


def test_stricter_local_set_is_created_as_a_draft_and_wins_once_confirmed(county):
    local = _create(county.admin, values={"approval.within_months": "2",
                                          "activist.min_months": "18",
                                          "talk.within_months": "1"})
    assert (local.status, local.family, local.base.code) == ("draft", "party.dev", "party.dev.2014")
    assert local.params.count() == rule_set_by_code("party.dev.2014").params.count()
    assert rule_param(local, "approval.within_months").value == 2
    assert rule_param(local, "activist.min_months").value == 18
    assert rule_param(local, "applicant.min_age").value == 18  # copied unchanged
    event = Event.objects.get(action="rule_set_local_created")
    assert event.extra == {"base": "party.dev.2014",
                           "changed": {"approval.within_months": "2", "activist.min_months": "18"}}
    assert rule_set_in_force("party.dev", date(2021, 1, 1)).code == "party.dev.2014"
    rule_set_confirm(actor=county.admin, rule_set=local)
    assert rule_set_in_force("party.dev", date(2021, 1, 1)).code == "party.dev.2014.sishui"
    assert rule_set_in_force("party.dev", date(2019, 12, 31)).code == "party.dev.2014"
    assert Event.objects.filter(action="rule_set_confirm", to_state="confirmed").count() == 1


def test_looser_values_are_refused_naming_each_param_and_nothing_is_written(county):
    before = _rows()
    with pytest.raises(FieldErrors) as exc:
        _create(county.admin, values={"approval.within_months": "4",
                                      "activist.min_months": "6",
                                      "introducers.count": "3"})
    assert exc.value.field_errors == {
        "v_activist.min_months": ["“积极分子培养考察时间”（activist.min_months）只能比依据规则更严格："
                                  "须不低于 12个月（自然月），不能改为 6。"],
        "v_approval.within_months": ["“审批期限”（approval.within_months）只能比依据规则更严格："
                                     "须不高于 3个月（自然月），不能改为 4。"],
        "v_introducers.count": ["“入党介绍人人数”（introducers.count）是固定值 2，本地规则不得改动。"],
    }
    assert _rows() == before


def test_a_fraction_may_only_rise_for_a_minimum(county):
    base = rule_set_by_code("party.vote.2014")
    local = rule_set_create_local(
        actor=county.admin, base=base, code="party.vote.2014.county", title="县级表决规则从严",
        scope="county", effective_from=date(2020, 1, 1),
        values={"pass.yes_over_should_attend_full": "2/3"})
    param = rule_param(local, "pass.yes_over_should_attend_full")
    assert (param.display_value, param.inclusive) == ("2/3", False)
    with pytest.raises(FieldErrors) as exc:
        rule_set_create_local(actor=county.admin, base=base, code="party.vote.2014.x",
                              title="县级表决规则放宽", scope="county",
                              effective_from=date(2020, 1, 1),
                              values={"quorum.present_over_should_attend": "0.4"})
    assert "不能改为 0.4" in exc.value.message


def test_header_refusals(county):
    before = _rows()
    with pytest.raises(FieldErrors) as exc:
        _create(county.admin, code="Other Code", title="泗", scope="national",
                effective_from=date(2010, 1, 1), values={"no.such": "1", "talk.within_months": "x"})
    assert exc.value.field_errors == {
        "code": ["编码只能由小写字母、数字和 . _ - 组成（不超过60个字符），例如 party.dev.2014.sishui。"],
        "title": ["请填写规则名称（4至200个字）。"],
        "scope": ["本地规则的适用范围须为省级或县级。"],
        "effective_from": ["施行日期不能早于依据规则的施行日期 2014-06-11。"],
        "v_no.such": ["依据规则中没有参数“no.such”。"],
        "v_talk.within_months": ["“派人谈话期限”须为不小于0的数字（最多两位小数）或分数，例如 5、0.5、2/3。"],
    }
    with pytest.raises(FieldErrors) as exc:
        _create(county.admin, code="publicity.2014.x")
    assert exc.value.field_errors == {"code": ["本地规则的编码须以“party.dev.”开头。"]}
    assert _rows() == before


def test_a_draft_or_local_set_is_no_base(county):
    with pytest.raises(Exception) as exc:
        _create(county.admin, base=rule_set_by_code("party.dev.2026"), code="party.dev.2026.x")
    assert exc.value.message == "只能以已确认的全国规则为依据新增本地规则。"


def test_only_the_administrator_creates_or_confirms(county):
    before = _rows()
    with pytest.raises(NotInScope) as exc:
        _create(county.supervisor)
    assert exc.value.message == "只有平台管理员可以新增或确认规则。"
    with pytest.raises(NotInScope):
        rule_set_confirm(actor=county.handler, rule_set=rule_set_by_code("party.dev.2026"))
    assert _rows() == before
    assert rule_set_by_code("party.dev.2026").is_draft


def test_confirming_twice_is_refused_and_writes_nothing(county):
    draft = rule_set_by_code("party.dev.2026")
    rule_set_confirm(actor=county.admin, rule_set=draft)
    assert draft.status == "confirmed" and draft.confirmed_at is not None
    before = _rows()
    with pytest.raises(TransitionNotAllowed) as exc:
        rule_set_confirm(actor=county.admin, rule_set=draft)
    assert exc.value.status_code == 409
    assert "已确认" in exc.value.message and "确认施行" in exc.value.message
    assert _rows() == before


@pytest.mark.parametrize(("raw", "ok"), [("5", True), ("0.5", True), ("2/3", True),
                                         ("２/３", False), ("1/0", False), ("-1", False),
                                         ("0.125", False), ("1e9", False), ("nan", False)])
def test_parse_rule_value(raw, ok):
    if ok:
        assert parse_rule_value(raw) >= 0
    else:
        with pytest.raises(ValueError):
            parse_rule_value(raw)
