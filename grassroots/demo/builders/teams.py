"""Step "teams": one complete "1+2+3" 民情书记 service team per grid.

The department leader and the two county cadres of a team come from one county department
(departments are paired with neighbouring villages, 包村联户); the three town cadres come from the
grid's town. Each cadre sits on exactly one team. Cadres get no Membership: a seat alone gives a
secretary their grid scope, and the seat's ``organization`` records the unit that sent them.
"""

from __future__ import annotations

from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import Person, PersonKind, ServiceTeam, ServiceTeamMember, TeamSeat
from grassroots.places.models import Grid

from ..data import jinxiang
from ..demo_logins import logins, reserved_names
from ..names import NameBook, PhoneBook
from ..registry import SeedContext, batched
from .places import allocate

BATCH = 500
SEATS = (
    (TeamSeat.DEPARTMENT_LEADER, 1), (TeamSeat.COUNTY_CADRE, 2), (TeamSeat.TOWN_CADRE, 3),
)


def build_teams(ctx: SeedContext) -> dict[str, int]:
    grids = list(
        Grid.objects.filter(team__isnull=True).select_related("division__town").order_by("code")
    )
    if not grids:
        return {}
    rng = ctx.rng("teams")
    departments = {
        o.code: o for o in Organization.objects.filter(
            code__in=[u.code for u in jinxiang.UNITS if u.weight]
        )
    }
    senders = [(departments[u.code], u.weight) for u in jinxiang.UNITS
               if u.weight and u.code in departments]
    if not senders:
        raise RuntimeError("no county departments: run the orgs step first")
    town_orgs = {
        o.division_id: o for o in Organization.objects.filter(kind=OrganizationKind.TOWN)
    }
    # Contiguous blocks in grid-code order: a department serves neighbouring villages.
    dept_of_grid: list[Organization] = []
    for (org, _), n in zip(senders, allocate(len(grids), [w for _, w in senders]), strict=True):
        dept_of_grid.extend([org] * n)

    names = NameBook(rng, reserved=set(Person.objects.values_list("name", flat=True))
                     | reserved_names())
    taken_hashes = set(Person.objects.exclude(phone_hash="").values_list("phone_hash", flat=True))
    # The demo logins' phones stay theirs: a cadre holding the demo citizen's number would be
    # the one signed in by it (a cadre's phone counts as proven).
    phones = PhoneBook(rng, reserved={x.phone for x in logins() if x.phone})
    bar = ctx.bar(len(grids) * 13, "民情书记服务队")

    def cadre(org: Organization, title: str) -> Person:
        name, gender = names.take()
        person = Person(name=name, kind=PersonKind.CADRE, gender=gender,
                        position=f"{org.short_name or org.name}{title}")
        while True:
            person.set_phone(phones.take())
            if person.phone_hash not in taken_hashes:
                taken_hashes.add(person.phone_hash)
                return person

    people: list[Person] = []
    seats: list[tuple[int, str, Organization]] = []  # (grid index, seat, sending unit)
    for i, grid in enumerate(grids):
        town = grid.division.town
        town_org = town_orgs.get(town.pk)
        if town_org is None:
            raise RuntimeError(f"no town organisation for {town.name}: run the orgs step first")
        dept = dept_of_grid[i]
        town_titles = jinxiang.TOWN_CADRE_TITLES[town.level]
        for seat, n in SEATS:
            for _ in range(n):
                if seat == TeamSeat.DEPARTMENT_LEADER:
                    org, title = dept, rng.choice(jinxiang.dept_leader_titles(dept.name))
                elif seat == TeamSeat.COUNTY_CADRE:
                    org, title = dept, rng.choice(jinxiang.COUNTY_CADRE_TITLES)
                else:
                    org, title = town_org, rng.choice(town_titles)
                people.append(cadre(org, title))
                seats.append((i, seat, org))
    for batch in batched(people, BATCH):
        Person.objects.bulk_create(batch)  # encrypts each phone (Fernet) on the way in
        bar.update(len(batch))

    teams = [ServiceTeam(grid=g, name=f"{g.division.town.name}{g.name}民情书记服务队")
             for g in grids]
    for batch in batched(teams, BATCH):
        ServiceTeam.objects.bulk_create(batch)
        bar.update(len(batch))

    members = [
        ServiceTeamMember(team=teams[i], person=person, seat=seat, organization=org)
        for person, (i, seat, org) in zip(people, seats, strict=True)
    ]
    for batch in batched(members, BATCH):
        ServiceTeamMember.objects.bulk_create(batch)
        bar.update(len(batch))
    bar.close()
    return {"service_teams": len(teams), "secretaries": len(people)}
