"""Access of the development pipeline's pages for the access matrix (grassroots.testing.access),
on the party world of grassroots/party/tests/access.py: town A's committee (its organisation
officer is the matrix's town_staff) with branch A1 (its secretary is the matrix's secretary)
holds the `_in` case, whose applicant is the matrix's citizen; town B's branch holds the `_out`
case. The review departments are the water bureau (handler, leader) and the housing bureau
(the outsider)."""

from datetime import timedelta

from grassroots.testing.access import LOGIN, Check, expect, footprint, only, world_part
from grassroots.testing.factories import PersonFactory

from ..models import (
    DevelopmentCase,
    JointReview,
    NegativeListEntry,
    PeriodicRecord,
    ReviewCheck,
    ReviewDepartment,
    StepRecord,
)

STAFF = ("admin", "town_staff", "secretary")
TOWN = ("admin", "town_staff")
DEPARTMENT = ("handler", "leader")
footprint(DevelopmentCase, StepRecord, PeriodicRecord, ReviewCheck, JointReview,
          NegativeListEntry, ReviewDepartment)


@world_part(after=("party",))
def build_development(world):
    from grassroots.party.models import PartyOrganisation

    from .. import services
    from ..services.common import today

    county, ids, admin = world.county, world.ids, world.county.admin
    services.department_set(actor=admin, organization=county.water, question="用水违法记录")
    services.department_set(actor=admin, organization=county.housing, question="违法建设记录")
    day = today() - timedelta(days=3)
    for side, person in (("in", county.citizen.person), ("out", PersonFactory(user=None))):
        branch = PartyOrganisation.objects.get(pk=ids[f"party_org_{side}"])
        case = services.case_apply(actor=admin, person=person, organisation=branch,
                                   sector="rural", birth_date=day.replace(year=day.year - 30),
                                   applied_on=day)
        ids[f"dev_case_{side}"] = case.pk
        # The letters of the review (written as the service would at step 10).
        for dept in ReviewDepartment.objects.all():
            check = ReviewCheck.objects.create(case=case, department=dept, sent_on=day,
                                               due_on=day + timedelta(days=7))
            key = "in" if dept.organization_id == county.water.pk else "out"
            ids.setdefault(f"dev_check_{key}", check.pk)
        committee = PartyOrganisation.objects.get(pk=ids[f"party_committee_{side}"])
        ids[f"dev_negative_{side}"] = services.negative_create(
            actor=admin, town=committee, category="overdue", source="检查",
            description="超期未归档", rectification_due_on=day + timedelta(days=30),
            on=day).pk


READ = only(STAFF)
READ_ALL = only(("admin",))
TOWN_ONLY = only(TOWN)
COUNTY = only(("admin",))
POST_STAFF = only(STAFF, code=302)
POST_ADMIN = only(("admin",), code=302)

ROUTES = {
    "party/development/": Check("/party/development/", READ),
    "party/development/new/": Check("/party/development/new/", only(STAFF, default=403)),
    "party/development/mine/": Check("/party/development/mine/", expect(200, anonymous=LOGIN)),
    "party/development/mine/<int:pk>/act/": Check(
        "/party/development/mine/{dev_case_in}/act/", only(("citizen",), code=302),
        only((), code=302), method="post", data={"action": "dev_withdraw", "reason": "个人原因"}),
    "party/development/<int:pk>/": Check("/party/development/{dev_case_in}/", READ, READ_ALL),
    "party/development/<int:pk>/act/": Check(
        "/party/development/{dev_case_in}/act/", POST_STAFF, POST_ADMIN, method="post",
        data={"action": "dev_talk"}),
    "party/development/<int:pk>/gate/": Check(
        "/party/development/{dev_case_in}/gate/", POST_STAFF, POST_ADMIN, method="post",
        data={"op": "leaving", "leaving": "1", "reason": "在县内调动"}),
    "party/development/<int:pk>/record/": Check("/party/development/{dev_case_in}/record/",
                                                READ, READ_ALL),
    "party/development/<int:pk>/documents/<slug:doc>.<str:fmt>": Check(
        "/party/development/{dev_case_in}/documents/record.docx", READ, READ_ALL),
    "party/development/overdue/": Check("/party/development/overdue/", TOWN_ONLY),
    "party/development/review/": Check("/party/development/review/",
                                       only(DEPARTMENT + ("outsider",))),
    "party/development/review/<int:pk>/": Check(
        "/party/development/review/{dev_check_in}/", only(DEPARTMENT),
        only(("outsider",))),
    "party/development/review/overdue/": Check("/party/development/review/overdue/", COUNTY),
    "party/development/review/turnaround/": Check("/party/development/review/turnaround/",
                                                  COUNTY),
    "party/development/structure/": Check("/party/development/structure/", READ),
    "party/development/plans/": Check("/party/development/plans/", READ),
    "party/development/configure/": Check("/party/development/configure/",
                                          only(("admin",), default=403)),
    "party/development/apply/": Check("/party/development/apply/",
                                      expect(200, anonymous=LOGIN)),
    "party/development/joint-reviews/": Check("/party/development/joint-reviews/", READ),
    "party/development/negative/": Check("/party/development/negative/", TOWN_ONLY),
    "party/development/negative/<int:pk>/close/": Check(
        "/party/development/negative/{dev_negative_in}/close/", only(TOWN, code=302),
        POST_ADMIN, method="post", data={"rectification": "已归档"}),
    "api:GET /party/development/cases": Check("/api/v1/party/development/cases",
                                              only(STAFF, anonymous=401)),
    "api:GET /party/development/cases/{case_id}": Check(
        "/api/v1/party/development/cases/{dev_case_in}", only(STAFF, anonymous=401),
        only(("admin",), anonymous=401)),
    "api:POST /party/development/cases/{case_id}/steps": Check(
        "/api/v1/party/development/cases/{dev_case_in}/steps", only(STAFF, anonymous=401),
        only(("admin",), anonymous=401), method="post", json={"action": "dev_talk"}),
    "api:GET /party/development/review-checks": Check(
        "/api/v1/party/development/review-checks",
        only(DEPARTMENT + ("outsider",), anonymous=401)),
    "api:POST /party/development/review-checks/{check_id}/answer": Check(
        "/api/v1/party/development/review-checks/{dev_check_in}/answer",
        only(DEPARTMENT, anonymous=401), only(("outsider",), anonymous=401), method="post",
        json={"answer": "no_problem"}),
    "api:GET /party/development/mine": Check("/api/v1/party/development/mine",
                                             expect(200, anonymous=401)),
}
