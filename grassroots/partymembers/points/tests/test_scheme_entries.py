"""The scheme (defaults as data, draft → published → closed) and an entry's life (proposed →
confirmed | disputed → upheld | voided) with who may do what."""

from datetime import date
from decimal import Decimal

import pytest

from grassroots.core.errors import ApplicationError, NotInScope, NotVisible, TransitionNotAllowed
from grassroots.partymembers.records.tests.helpers import on
from grassroots.testing.refusals import refused

from .. import services
from ..models import EntryStatus, PointsScheme, SchemeStatus, ScoringItem
from ..services.scheme import DEFAULT_ITEMS
from .helpers import YEAR, members_of, published

pytestmark = pytest.mark.django_db


def test_scheme_is_drafted_with_the_defaults_marked_and_the_rule_set_numbers(tree):
    scheme = services.scheme_create(actor=tree.org_dept, year=YEAR)
    items = ScoringItem.objects.filter(scheme=scheme)
    assert items.count() == len(DEFAULT_ITEMS)
    assert set(items.values_list("is_default", flat=True)) == {True}
    assert set(items.values_list("aspect", flat=True)) == {
        "basic_obligation", "daily_conduct", "org_task", "duty", "volunteering"}
    assert scheme.weights == {"daily": 0.7, "peer": 0.15, "organisation": 0.15}
    assert scheme.grade_bands == [[90.0, "excellent"], [75.0, "qualified"], [60.0, "basic"]]
    assert scheme.aspect_caps["basic_obligation"] == 30.0
    # an edit while a draft: no longer a default
    item = items.get(code="BO-05")
    services.item_set(actor=tree.org_dept, item=item, points="1")
    item.refresh_from_db()
    assert (item.points, item.is_default) == (Decimal("1"), False)


def test_scheme_life_and_who_configures_it(tree):
    scheme = services.scheme_create(actor=tree.org_dept, year=YEAR)
    with refused(NotInScope, "只有县委组织部可以制定和发布积分实施方案。"):
        services.scheme_publish(actor=tree.branch_secretary, scheme=scheme)
    services.scheme_publish(actor=tree.org_dept, scheme=scheme)
    assert PointsScheme.objects.get(pk=scheme.pk).status == SchemeStatus.PUBLISHED
    with refused(ApplicationError, "方案已发布，不能再修改积分项目。"):
        services.item_set(actor=tree.org_dept, item=scheme.items.first(), points="9")
    with refused(TransitionNotAllowed, "积分方案当前为“已发布”，不能发布。"):
        services.scheme_publish(actor=tree.org_dept, scheme=scheme)
    services.scheme_close(actor=tree.org_dept, scheme=scheme)
    assert PointsScheme.objects.get(pk=scheme.pk).status == SchemeStatus.CLOSED
    with refused(ApplicationError, f"{YEAR}年度的积分方案已经存在。"):
        services.scheme_create(actor=tree.org_dept, year=YEAR)


def test_entry_proposed_confirmed_disputed_by_the_member_and_ruled(tree):
    scheme = published(tree)
    own = tree.member_record  # the park's two-new branch member (he has a login)
    item = scheme.items.get(code="OT-01")
    with on(date(YEAR, 6, 10)):
        with refused(NotInScope, "只有本党支部书记、上级党（工）委组织委员可以登记和确认该党员的积分。"):
            services.entry_propose(actor=tree.branch_secretary, member=own, item=item,
                                   occurred_on=date(YEAR, 6, 1), evidence="任务记录")
        entry = services.entry_propose(actor=tree.park_officer, member=own, item=item,
                                       occurred_on=date(YEAR, 6, 1), evidence="完成入户走访")
        assert (entry.status, entry.points) == (EntryStatus.PROPOSED, Decimal("2.00"))
        services.entry_confirm(actor=tree.park_officer, entry=entry)
        # another member does not even see it; the member disputes his own
        with refused(NotVisible, "未找到该积分记录。"):
            services.entry_dispute(actor=tree.branch_secretary, entry=entry, reason="不对")
        with refused(ApplicationError, "请填写异议理由。"):
            services.entry_dispute(actor=tree.member, entry=entry, reason="")
        entry = services.entry_dispute(actor=tree.member, entry=entry, reason="走访是上月的")
        assert entry.status == EntryStatus.DISPUTED
        with refused(NotInScope, "您不能对该积分执行此操作。"):
            services.entry_rule(actor=tree.member, entry=entry, uphold=False, ruling="自己作废")
        with refused(ApplicationError, "请填写处理意见。"):
            services.entry_rule(actor=tree.park_officer, entry=entry, uphold=True)
        entry = services.entry_rule(actor=tree.park_officer, entry=entry, uphold=False,
                                    ruling="经核实日期有误，作废")
        assert (entry.status, entry.ruling) == (EntryStatus.VOIDED, "经核实日期有误，作废")
        with refused(TransitionNotAllowed, "该积分当前为“已作废”，不能提出异议。"):
            services.entry_dispute(actor=tree.member, entry=entry, reason="再次异议")


def test_an_item_of_another_field_and_missing_evidence_are_refused(tree):
    scheme = published(tree)
    rural_item = scheme.items.get(code="DU-R1")
    member = members_of(tree.branch_a1)[0]  # urban community branch
    with on(date(YEAR, 6, 10)):
        with refused(ApplicationError, "该积分项目不适用于本支部所在领域。"):
            services.entry_propose(actor=tree.branch_secretary, member=member, item=rural_item,
                                   occurred_on=date(YEAR, 6, 1), evidence="x记录")
        with refused(ApplicationError, "请填写佐证。"):
            services.entry_propose(actor=tree.branch_secretary, member=member,
                                   item=scheme.items.get(code="DC-01"),
                                   occurred_on=date(YEAR, 6, 1))
