"""Access of the records' pages and API (collected through ../../tests/access.py). Built on the
party world (grassroots/party/tests/access.py): town A's committee with branch A1 (`_in`), town
B's with branch B1 (`_out`); town_staff is town A's organisation officer (he manages A1 and
decides for the upper committee), secretary is A1's secretary (he manages A1's members but
decides nothing for the upper committee). Transfer `_in` comes from B1 to A1 (A1 receives
it); transfer `_out` goes from B1 to B2, both in town B."""

from decimal import Decimal

from django.utils import timezone

from grassroots.testing.access import Check, footprint, only, world_part

READERS = ("admin", "town_staff", "secretary")
DECIDERS = ("admin", "town_staff")
READ = only(READERS)
READ_OUT = only(("admin",))
POST_READERS = only(READERS, code=302)
POST_DECIDERS = only(DECIDERS, code=302, secretary=403)
POST_ADMIN = only(("admin",), code=302)
API_READ = only(READERS, anonymous=401)
API_OUT = only(("admin",), anonymous=401)


@world_part(after=("party",))
def build_records(world):
    from grassroots.party.models import OrgKind, PartyMember, PartyOrganisation
    from grassroots.party.services import organisation_create

    from .. import services
    from ..models import (
        AssignedWork,
        ContactSearch,
        DuesBase,
        DuesBill,
        DuesPayment,
        DuesReduction,
        Transfer,
    )

    footprint(DuesBase, DuesBill, DuesPayment, DuesReduction, Transfer, ContactSearch,
              AssignedWork)
    ids, admin = world.ids, world.county.admin
    today = timezone.localdate()
    ids["pm_today"] = today.isoformat()
    ids["pm_month"] = today.strftime("%Y-%m")
    committee_out = PartyOrganisation.objects.get(pk=ids["party_committee_out"])
    branch_b2 = organisation_create(actor=admin, name="中共胡集镇第二村支部委员会",
                                    kind=OrgKind.BRANCH, parent=committee_out)
    for side in ("in", "out"):
        org = PartyOrganisation.objects.get(pk=ids[f"party_org_{side}"])
        member = PartyMember.objects.get(pk=ids[f"party_member_{side}"])
        services.member_category_set(actor=admin, member=member, category="employed")
        services.dues_base_declare(actor=admin, member=member, month_from=today, kind="salary",
                                   amount=Decimal("4000"))
        services.dues_bills_issue(actor=admin, org=org, month=today)
        ids[f"pm_bill_{side}"] = DuesBill.objects.get(member=member).pk
        ids[f"pm_reduction_{side}"] = services.dues_reduction_propose(
            actor=admin, member=member, month_from=today, month_to=today,
            monthly_amount=Decimal("0"), reason="家庭困难，因病住院").pk
    full_out = PartyMember.objects.get(pk=ids["party_full_member_out"])
    member_out = PartyMember.objects.get(pk=ids["party_member_out"])
    branch_a1 = PartyOrganisation.objects.get(pk=ids["party_org_in"])
    ids["pm_transfer_in"] = services.transfer_issue(
        actor=admin, member=full_out, to_org=branch_a1, reason="工作调动").pk
    ids["pm_transfer_out"] = services.transfer_issue(
        actor=admin, member=member_out, to_org=branch_b2, reason="工作调动").pk


def _action(action, data, inside, outside):
    return Check(f"/party/members/{{party_member_in}}/do/{action}/", inside, outside,
                 method="post", data=data)


ROUTES = {
    "party/members/<int:pk>/profile/": Check("/party/members/{party_member_in}/profile/", READ,
                                             READ_OUT),
    "party/members/<int:pk>/do/<slug:action>/": [
        _action("category", {"category": "farmer"}, POST_READERS, POST_ADMIN),
        _action("work", {"title": "入户宣讲政策", "due_on": "2999-01-01"}, POST_READERS,
                POST_ADMIN),
        _action("lost", {"since": "2020-01-01"}, POST_READERS, POST_ADMIN),
        _action("mobile", {"destination": "上海市浦东新区", "since": "2020-01-01"}, POST_READERS,
                POST_ADMIN),
        _action("exempt", {"reason": "年老体弱卧床", "approved_on": "2020-01-05"}, POST_DECIDERS,
                POST_ADMIN),
    ],
    "party/branches/<int:pk>/roster/": Check("/party/branches/{party_org_in}/roster/", READ,
                                             READ_OUT),
    "party/branches/<int:pk>/dues/": Check("/party/branches/{party_org_in}/dues/", READ,
                                           READ_OUT),
    "party/branches/<int:pk>/dues/issue/": Check(
        "/party/branches/{party_org_in}/dues/issue/", POST_READERS, POST_ADMIN, method="post",
        data={"month": "{pm_month}"}),
    "party/dues/bills/<int:pk>/pay/": Check(
        "/party/dues/bills/{pm_bill_in}/pay/", POST_READERS, POST_ADMIN, method="post",
        data={"paid_on": "{pm_today}", "amount": "40.00", "channel": "cash"}),
    "party/dues/reductions/<int:pk>/<slug:decision>/": Check(
        "/party/dues/reductions/{pm_reduction_in}/approve/", POST_DECIDERS, POST_ADMIN,
        method="post", data={}),
    "party/transfers/": Check("/party/transfers/", READ),
    "party/transfers/<int:pk>/": Check("/party/transfers/{pm_transfer_in}/", READ, READ_OUT),
    "party/transfers/<int:pk>/do/<slug:action>/": [
        Check("/party/transfers/{pm_transfer_in}/do/accept/", POST_READERS, POST_ADMIN,
              method="post", data={}),
        Check("/party/transfers/{pm_transfer_in}/do/cancel/",
              only(("admin",), code=302, town_staff=403, secretary=403), POST_ADMIN,
              method="post", data={"note": "开错了接收党组织"}),
    ],
    "party/transfers/<int:pk>/letter.<slug:fmt>": Check(
        "/party/transfers/{pm_transfer_in}/letter.docx", READ, READ_OUT),
    "api:GET /party/members": Check("/api/v1/party/members", API_READ),
    "api:GET /party/members/{member_id}": Check("/api/v1/party/members/{party_member_in}",
                                                 API_READ, API_OUT),
    "api:GET /party/members/{member_id}/dues": Check(
        "/api/v1/party/members/{party_member_in}/dues", API_READ, API_OUT),
    "api:GET /party/transfers": Check("/api/v1/party/transfers", API_READ),
}
