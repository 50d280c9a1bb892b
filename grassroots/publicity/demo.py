"""Demo county: publicity. After the grid-work step (the pioneer rounds publicise through this
app), the end job closes the periods that are over, and a village committee posts its list of
development targets (拟发展对象), in force today, with one objection received by phone."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from grassroots.core import clock
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import User
from grassroots.workcal.clock import SHANGHAI

from . import services
from .models import Publicity, PublicityKind
from .selectors import publicities_in_force

TITLE = "拟确定发展对象公示"
CONTACT_PHONE = "0537-8721234"


def _committee():
    """A village (community) committee with its town; else any town office."""
    org = Organization.objects.filter(kind=OrganizationKind.VILLAGE_COMMITTEE,
                                      division__isnull=False).order_by("code").first()
    return org or Organization.objects.filter(kind=OrganizationKind.TOWN,
                                              division__isnull=False).order_by("code").first()


def seed_publicity(ctx: SeedContext) -> dict[str, int]:
    ended = services.publicity_end_due()
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    org = _committee()
    if actor is None or org is None or Publicity.objects.filter(
            kind=PublicityKind.DEVELOPMENT, title__endswith=TITLE).exists():
        return {"publicities_ended": ended}
    rng = ctx.rng("publicity")
    today = services.today()
    posted = today - timedelta(days=2)
    with clock.travel(datetime.combine(posted, time(9, 30), tzinfo=SHANGHAI)):
        fields = []
        for i, (name, born, school) in enumerate(
                [("王晓燕", "1994年3月", "大学本科"), ("李建国", "1989年11月", "大专"),
                 ("张文博", "1997年6月", "硕士研究生")]):
            fields += [{"key": f"p{i}", "label": "姓名", "value": name},
                       {"key": f"p{i}", "label": "出生年月", "value": born},
                       {"key": f"p{i}", "label": "学历", "value": school}]
        publicity = services.publicity_create(
            actor=actor, subject=org, kind=PublicityKind.DEVELOPMENT, scope="village_board",
            title=f"{org}{TITLE}", fields=fields, start_on=posted,
            contact_phone=CONTACT_PHONE, contact_address=f"{org}党群服务中心",
            organization=org, town=org.division.town if org.division else None, publish=True)
    services.objection_receive(
        actor=actor, publicity=publicity, channel="phone", entry_key="p1",
        content="反映李建国同志近两年很少参加村里组织的志愿服务活动，请组织核实。",
        submitter_name="群众" + rng.choice("甲乙丙"))
    return {"publicities_ended": ended, "publicities_created": 1}


def publicity_counts() -> dict[str, int]:
    return {"publicities_in_force": publicities_in_force().count()}


register_step("publicity", seed_publicity, order=650, label="公示（期满处理、拟发展对象公示）")
register_counts(publicity_counts, labels={"publicities_in_force": "公示中的事项"})
