"""Step "orgs": county leadership, dispatch centre, supervision office, organisation department,
departments and public-service enterprises, town governments and village committees."""

from __future__ import annotations

from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.places.models import Division, DivisionLevel

from ..data import jinxiang
from ..registry import SeedContext, batched

BATCH = 500


def build_orgs(ctx: SeedContext) -> dict[str, int]:
    existing = set(Organization.objects.values_list("code", flat=True))
    wanted: list[Organization] = []

    def add(org: Organization) -> None:
        if org.code not in existing:
            wanted.append(org)

    gov = Organization.objects.filter(code=jinxiang.GOV_CODE).first()
    if gov is None:
        gov = Organization.objects.create(
            name="金乡县委县政府", short_name="县委县政府", code=jinxiang.GOV_CODE,
            kind=OrganizationKind.COUNTY_GOVERNMENT,
        )
    add(Organization(name="金乡县民生服务中心", short_name="民生服务中心（12345分中心）",
                     code=jinxiang.DISPATCH_CODE, kind=OrganizationKind.DISPATCH_CENTRE,
                     parent=gov, phone="12345"))
    add(Organization(name="金乡县委县政府督查室", short_name="县督查室",
                     code=jinxiang.SUPERVISION_CODE, kind=OrganizationKind.SUPERVISION_OFFICE,
                     parent=gov))
    add(Organization(name="中共金乡县委组织部", short_name="县委组织部",
                     code=jinxiang.ORG_DEPT_CODE, kind=OrganizationKind.PARTY_ORGANIZATION,
                     parent=gov))
    for unit in jinxiang.UNITS:
        is_enterprise = unit.kind == "enterprise"
        add(Organization(
            name=unit.name, short_name=unit.short_name, code=unit.code,
            kind=OrganizationKind.ENTERPRISE if is_enterprise else OrganizationKind.DEPARTMENT,
            parent=None if is_enterprise else gov, is_handling_unit=True,
        ))

    towns = list(Division.objects.towns().order_by("code"))
    for town in towns:
        suffix = "办事处" if town.level == DivisionLevel.STREET else "人民政府"
        add(Organization(name=f"{town.name}{suffix}", short_name=town.name,
                         code=jinxiang.town_org_code(town.code), kind=OrganizationKind.TOWN,
                         parent=gov, division=town, is_handling_unit=True))
    created = []
    for batch in batched(wanted, BATCH):
        created.extend(Organization.objects.bulk_create(batch))

    # Village committees hang under their town's government; they are not handling units.
    town_orgs = {
        o.division_id: o
        for o in Organization.objects.filter(kind=OrganizationKind.TOWN, division__isnull=False)
    }
    committees = []
    villages = Division.objects.villages().select_related("town").order_by("code")
    for village in villages:
        code = jinxiang.village_org_code(village.code)
        if code in existing:
            continue
        community = village.level == DivisionLevel.COMMUNITY
        short = f"{village.name}居委会" if community else f"{village.name.removesuffix('村')}村委会"
        committees.append(Organization(
            name=f"{village.town.name}{village.name}{'居民委员会' if community else '村民委员会'}",
            short_name=short[:30], code=code, kind=OrganizationKind.VILLAGE_COMMITTEE,
            parent=town_orgs.get(village.town_id), division=village,
        ))
    bar = ctx.bar(len(created) + len(committees), "组织机构")
    bar.update(len(created))
    for batch in batched(committees, BATCH):
        Organization.objects.bulk_create(batch)
        bar.update(len(batch))
    bar.close()

    # The area each town government and village committee serves (used by dispatch later).
    through = Organization.divisions.through
    linked = set(through.objects.values_list("organization_id", flat=True))
    links = [
        through(organization_id=o.pk, division_id=o.division_id)
        for o in Organization.objects.filter(
            kind__in=[OrganizationKind.TOWN, OrganizationKind.VILLAGE_COMMITTEE],
            division__isnull=False,
        ).only("pk", "division_id")
        if o.pk not in linked
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    return {
        "organizations": len(created) + len(committees) + (0 if jinxiang.GOV_CODE in existing else 1),
        "village_committees": len(committees),
    }
