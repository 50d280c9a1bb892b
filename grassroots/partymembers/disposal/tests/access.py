"""Access of the disposal pages and API for the access matrix (grassroots.testing.access), on
the party world of grassroots/party/tests/access.py: town A's committee (its organisation
officer is the matrix's town_staff) with branch A1 (its secretary is the matrix's secretary)
and town A's 8th branch hold the `_in` case (investigated: a talk is on file); town B's branch
holds the `_out` case (investigated too). The disposed members have no login."""

from datetime import timedelta

from grassroots.testing.access import LOGIN, Check, expect, footprint, only, world_part

from ..models import CaseCriterion, DisposalCase, DisposalTalk, ValidReason

STAFF = ("admin", "town_staff", "secretary")
TOWN = ("admin", "town_staff")
footprint(DisposalCase, CaseCriterion, DisposalTalk, ValidReason)


@world_part(after=("party",))
def build_disposal(world):
    from grassroots.party.models import PartyMember, PartyOrganisation

    from .. import services
    from ..services.common import today
    from ..walker import Walker

    ids, admin = world.ids, world.county.admin
    # A transactional test earlier on the same worker (a browser test) flushes the rows the
    # migration seeded: put the default catalogue back (idempotent).
    import importlib

    from django.apps import apps as django_apps

    importlib.import_module("grassroots.partymembers.migrations.0004_disposal")._seed_criteria(
        django_apps, None)
    from grassroots.rulesets.models import RuleParam, RuleSet

    from ...records.rulesets import ship_records

    ship_records(RuleSet, RuleParam)
    day = today() - timedelta(days=20)
    committee = PartyOrganisation.objects.get(pk=ids["party_committee_in"])
    ids["dsp_eighth_in"] = services.eighth_branch_create(actor=admin, town=committee).pk
    ids["dsp_eighth_out"] = services.eighth_branch_create(
        actor=admin, town=PartyOrganisation.objects.get(pk=ids["party_committee_out"])).pk
    walker = Walker(admin, gap_days=2)
    for side in ("in", "out"):
        member = PartyMember.objects.get(pk=ids[f"party_member_{side}"])
        case = services.candidate_flag(actor=admin, member=member, source="complaint", on=day,
                                       criteria=[("C12", "拒不接受任务", day, day)])
        case, _day = walker.decide(case, day + timedelta(days=1), until="investigated")
        ids[f"dsp_case_{side}"] = case.pk


READ = only(STAFF)
READ_ALL = only(("admin",))
POST_TOWN = only(TOWN, code=302, secretary=409)
POST_ADMIN = only(("admin",), code=302)

ROUTES = {
    "party/disposal/": Check("/party/disposal/", READ),
    "party/disposal/mine/": Check("/party/disposal/mine/", expect(200, anonymous=LOGIN)),
    "party/disposal/statistics/": Check("/party/disposal/statistics/", only(TOWN)),
    "party/disposal/members/": Check("/party/disposal/members/?q=a", READ),
    "party/disposal/members/<int:pk>/": Check("/party/disposal/members/{party_member_in}/",
                                              READ, READ_ALL),
    "party/disposal/members/<int:pk>/act/": Check(
        "/party/disposal/members/{party_member_in}/act/", only(STAFF, code=302), POST_ADMIN,
        method="post", data={"op": "reason", "counter": "all", "reason": "患病住院",
                             "valid_from": "2025-01-01"}),
    "party/disposal/eighth/<int:pk>/": Check("/party/disposal/eighth/{dsp_eighth_in}/",
                                             only(TOWN), READ_ALL),
    "party/disposal/<int:pk>/": Check("/party/disposal/{dsp_case_in}/", READ, READ_ALL),
    "party/disposal/<int:pk>/act/": Check(
        "/party/disposal/{dsp_case_in}/act/", POST_TOWN, POST_ADMIN,
        method="post", data={"action": "dsp_town_pre_review", "opinion": "同意提交表决"}),
    "party/disposal/<int:pk>/documents/<slug:doc>.<str:fmt>": Check(
        "/party/disposal/{dsp_case_in}/documents/talk.docx", READ, READ_ALL),
    "api:GET /party/disposal/cases": Check("/api/v1/party/disposal/cases",
                                           only(STAFF, anonymous=401)),
    "api:GET /party/disposal/cases/{case_id}": Check(
        "/api/v1/party/disposal/cases/{dsp_case_in}", only(STAFF, anonymous=401),
        only(("admin",), anonymous=401)),
    "api:POST /party/disposal/cases/{case_id}/steps": Check(
        "/api/v1/party/disposal/cases/{dsp_case_in}/steps",
        only(TOWN, anonymous=401, secretary=409), only(("admin",), anonymous=401),
        method="post", json={"action": "dsp_town_pre_review", "opinion": "同意提交表决"}),
}
