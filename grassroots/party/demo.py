"""Demo county: the party tree beside the administrative one (issue #17, 00-common §10).

县委 → a base committee per town/street (branches for its villages and communities and an 8th
branch), the county organs' working committee (a branch per department), two park committees
with enterprise branches and a joint branch each, the social organisations' committee (about
85 two-new organisations in all, at every scale), a mobile-member branch, the retirees' working
committee with its branches; about seven thousand members, secretaries, committee terms (some
due within 90 days), an organisation officer per town. Bulk-inserted (the services' rules hold
for what is built: branches under committees, ≥7 full members for a committee); a few seconds.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from grassroots.demo.demo_logins import PASSWORD, DemoLogin, register_login
from grassroots.demo.names import NameBook
from grassroots.demo.registry import SeedContext, batched, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import Person, PersonKind, User
from grassroots.places.models import Division, DivisionLevel

from .models import (
    BaseType,
    MemberStatus,
    OrgField,
    OrgKind,
    PartyMember,
    PartyOrganisation,
    PartyPost,
    SpecialKind,
)
from .roles import PartyRole
from .services.checks import add_years, term_years_for

ORG_DEPT_CODE = "ORGDEPT"
OFFICER_TOWN = "370828001000"  # 金乡街道: the demo organisation officer's town
SECRETARY_VILLAGE = "金城社区"
PARKS = (
    ("中共金乡经济开发区工作委员会", ("山东金乡蒜都食品有限公司", "金乡县鑫源冷藏物流有限公司",
                           "山东华光农业科技有限公司", "金乡县宏达纺织有限公司")),
    ("中共金乡县食品工业园区委员会", ("金乡县金正大蒜制品有限公司", "山东鲁西南果蔬有限公司",
                           "金乡县恒丰包装材料有限公司")),
)
# Each park's further enterprise branches (generated names) and the social organisations'
# committee: about 85 two-new organisations at every scale, the pool S3's 59 two-new
# demonstration sites are named from (00-common §10).
PARK_MORE_BRANCHES = (34, 26)
ENTERPRISE_WORDS = ("金蒜", "绿源", "丰收", "瑞康", "百盛", "中兴", "正阳", "昌盛", "利民", "宏源",
                    "金阳", "隆泰", "裕丰", "安泰", "华瑞", "博远", "凯达", "鼎盛", "信和", "同泰",
                    "聚丰", "金鼎", "润丰", "泰和", "海川", "广源", "锦绣", "明德", "嘉信", "天成")
ENTERPRISE_SUFFIXES = ("食品有限公司", "农产品有限公司", "冷藏有限公司", "包装有限公司",
                       "机械制造有限公司", "电子商务有限公司", "纺织有限公司", "生物科技有限公司")
SOCIAL_COMMITTEE = "中共金乡县社会组织综合委员会"
SOCIAL_ORGS = ("金乡县大蒜行业协会", "金乡县个体劳动者私营企业协会", "金乡县物流行业协会",
               "金乡县电子商务协会", "金乡县建筑业协会", "金乡县餐饮烹饪协会", "金乡县民办教育协会",
               "金乡县志愿者联合会", "山东金乡蒜都律师事务所", "金乡县正信会计师事务所",
               "金乡县仁和医院", "金乡县阳光幼儿园")
RETIREE_BRANCHES = ("县直机关离退休干部第一党支部", "县直机关离退休干部第二党支部",
                    "教育系统离退休教师党支部", "卫生系统离退休职工党支部")

for _login in (
    DemoLogin("org_dept", "县委组织部工作人员", "County organisation department",
              "全县党组织与党员；党组织设立、换届、党员增减；导入导出", 90, "周建国",
              "13800000090", ORG_DEPT_CODE, "organization_dept", "县委组织部组织科科长"),
    DemoLogin("party_officer", "党（工）委组织委员", "Town organisation officer (金乡街道)",
              "金乡街道党工委下属党组织与党员", 91, "陈淑芬", "13800000091"),
    DemoLogin("party_secretary", "党支部书记", "Branch secretary (金城社区)",
              "本支部的党员名册（脱敏）、换届到期", 92, "高志强", "13800000092"),
):
    register_login(_login)


def _term(rng, kind, field, *, due_soon: bool):
    """An election date: ~6% of terms fall due within 90 days; the rest later."""
    years = term_years_for(kind, field)
    today = timezone.localdate()
    if due_soon:
        return add_years(today, -years) + timedelta(days=rng.randint(5, 85))
    return add_years(today, -years) + timedelta(days=rng.randint(120, 365 * years - 30))


class _Builder:
    def __init__(self, ctx: SeedContext):
        self.rng = ctx.rng("party")
        self.names = NameBook(self.rng, reserved=set(
            Person.objects.values_list("name", flat=True)[:5000]))
        self.orgs: list[PartyOrganisation] = []
        self.used_names: set[str] = set()
        self.sizes: dict[int, tuple[int, int]] = {}  # org index → (full, probationary)

    def add(self, parent_index: int | None, name: str, kind: str, *, size=(0, 0), **fields):
        org = PartyOrganisation(name=name, kind=kind, **fields)
        org.term_years = term_years_for(kind, org.field)
        org._parent_index = parent_index
        self.used_names.add(name)
        self.orgs.append(org)
        self.sizes[len(self.orgs) - 1] = size
        return len(self.orgs) - 1

    def members_for(self, n_full: int, n_probationary: int, *, retired=False):
        rng = self.rng
        for i in range(n_full + n_probationary):
            name, gender = self.names.take()
            full = i < n_full
            joined = date(rng.randint(1975 if retired else 1990, 2024), rng.randint(1, 12),
                          rng.randint(1, 28))
            if not full:
                joined = timezone.localdate() - timedelta(days=rng.randint(20, 330))
            yield name, gender, full, joined


def _size(rng, low, high):
    full = rng.randint(low, high)
    return full, rng.choice((0, 0, 1, 1, 2))


def seed_party(ctx: SeedContext) -> dict[str, int]:
    if PartyOrganisation.objects.exists():
        return {"party_orgs": 0}
    b = _Builder(ctx)
    rng = b.rng
    root = b.add(None, "中共金乡县委员会", OrgKind.COUNTY_COMMITTEE)
    towns = list(Division.objects.towns().order_by("code"))
    villages = {}
    for v in Division.objects.villages().order_by("code"):
        villages.setdefault(v.town_id, []).append(v)
    town_index = {}
    for town in towns:
        street = town.level == DivisionLevel.STREET
        t = b.add(root, f"中共{town.name}{'工作委员会' if street else '委员会'}",
                  OrgKind.BASE_COMMITTEE, base_type=BaseType.TOWN, division=town,
                  has_approval_authority=True, has_committee=True,
                  field=OrgField.URBAN_COMMUNITY if street else OrgField.RURAL)
        town_index[town.pk] = t
        for v in villages.get(town.pk, []):
            community = v.level == DivisionLevel.COMMUNITY
            name = f"中共{v.name}支部委员会"
            if name in b.used_names:  # the same village name in two towns
                name = f"中共{town.name}{v.name}支部委员会"
            b.add(t, name, OrgKind.BRANCH, division=v,
                  field=OrgField.URBAN_COMMUNITY if community else OrgField.RURAL,
                  size=_size(rng, 14, 30) if community else _size(rng, 5, 22))
        b.add(t, f"中共{town.name}第八支部委员会", OrgKind.BRANCH,
              special_kind=SpecialKind.EIGHTH_BRANCH, field=OrgField.RURAL,
              size=(rng.randint(2, 5), 0))
    organs = b.add(root, "中共金乡县直属机关工作委员会", OrgKind.BASE_COMMITTEE,
                   base_type=BaseType.SYSTEM, field=OrgField.ORGAN_INSTITUTION,
                   has_committee=True)
    for unit in Organization.objects.filter(kind=OrganizationKind.DEPARTMENT).order_by("code"):
        b.add(organs, f"中共{unit.name}支部委员会", OrgKind.BRANCH, unit=unit,
              field=OrgField.ORGAN_INSTITUTION, size=_size(rng, 6, 28))
    _two_new(b, root)
    b.add(root, "中共金乡县驻上海流动党员党支部", OrgKind.BRANCH,
          special_kind=SpecialKind.MOBILE_MEMBERS, field=OrgField.RURAL,
          size=(rng.randint(9, 16), 0))
    retirees = b.add(root, "中共金乡县离退休干部工作委员会", OrgKind.BASE_COMMITTEE,
                     base_type=BaseType.SYSTEM, special_kind=SpecialKind.RETIREES,
                     field=OrgField.ORGAN_INSTITUTION, has_committee=True)
    for name in RETIREE_BRANCHES:
        b.add(retirees, f"中共金乡县{name.removesuffix('党支部')}支部委员会", OrgKind.BRANCH,
              field=OrgField.ORGAN_INSTITUTION, size=(rng.randint(18, 40), 0))
    return _write(ctx, b, town_index)


def _enterprises(n: int, start: int) -> list[str]:
    """``n`` generated enterprise names, distinct from each other for k < 240."""
    words, suffixes = ENTERPRISE_WORDS, ENTERPRISE_SUFFIXES
    return [f"{'山东' if k % 3 == 0 else '金乡县'}{words[k % len(words)]}"
            f"{suffixes[(k // len(words) + k) % len(suffixes)]}" for k in range(start, start + n)]


def _two_new(b: _Builder, root: int) -> None:
    """The two parks' committees with their enterprise branches and a joint branch each, and
    the social organisations' committee: the same at every scale (they do not depend on the
    number of villages)."""
    rng = b.rng
    start = 0
    for (park_name, companies), more in zip(PARKS, PARK_MORE_BRANCHES, strict=True):
        p = b.add(root, park_name, OrgKind.BASE_COMMITTEE, base_type=BaseType.PARK,
                  special_kind=SpecialKind.PARK, field=OrgField.TWO_NEW, has_committee=True,
                  has_approval_authority=True)
        for company in (*companies, *_enterprises(more, start)):
            if f"中共{company}支部委员会" not in b.used_names:
                b.add(p, f"中共{company}支部委员会", OrgKind.BRANCH, field=OrgField.TWO_NEW,
                      size=_size(rng, 3, 14))
        start += more
        short = park_name.removeprefix("中共").removesuffix("工作委员会").removesuffix("委员会")
        b.add(p, f"中共{short}非公企业联合支部委员会", OrgKind.JOINT_BRANCH,
              field=OrgField.TWO_NEW, size=(rng.randint(4, 8), 0))
    social = b.add(root, SOCIAL_COMMITTEE, OrgKind.BASE_COMMITTEE, base_type=BaseType.SYSTEM,
                   field=OrgField.TWO_NEW, has_committee=True)
    for name in SOCIAL_ORGS:
        b.add(social, f"中共{name}支部委员会", OrgKind.BRANCH, field=OrgField.TWO_NEW,
              size=_size(rng, 3, 10))
    b.add(social, "中共金乡县社会组织联合支部委员会", OrgKind.JOINT_BRANCH,
          field=OrgField.TWO_NEW, size=(rng.randint(4, 8), 0))


def _write(ctx: SeedContext, b: _Builder, town_index) -> dict[str, int]:
    """Persons first, then the organisations (secretary and term known before the insert),
    their paths (one UPDATE per parent), then the members: no per-row UPDATE anywhere."""
    rng = b.rng
    parent_of = [org._parent_index for org in b.orgs]
    people, planned = [], []  # planned: (org index, person index, full, joined, retired)
    for i, (n_full, n_prob) in b.sizes.items():
        parent = b.orgs[parent_of[i]] if parent_of[i] is not None else None
        retired = parent is not None and parent.special_kind == SpecialKind.RETIREES
        for name, gender, full, joined in b.members_for(n_full, n_prob, retired=retired):
            planned.append((i, len(people), full, joined, retired))
            people.append(Person(name=name, gender=gender, kind=PersonKind.CITIZEN))
    for batch in batched(people, 2000):
        Person.objects.bulk_create(batch)
    if people and people[-1].pk is None:  # pragma: no cover - every supported database
        raise RuntimeError("bulk_create returned no keys")

    # The secretary is the organisation's first full member; a branch with ≥7 full members
    # has a committee (the services' rule); terms, some due within 90 days.
    full_counts: dict[int, int] = {}
    for i, person_index, full, _joined, _r in planned:
        if full:
            full_counts[i] = full_counts.get(i, 0) + 1
            if b.orgs[i].secretary_id is None:
                b.orgs[i].secretary_id = people[person_index].pk
    for i, org in enumerate(b.orgs):
        if org.kind == OrgKind.COUNTY_COMMITTEE:
            continue
        if org.is_branch:
            org.has_committee = full_counts.get(i, 0) >= 7
        org.elected_on = _term(rng, org.kind, org.field, due_soon=rng.random() < 0.06)
        org.term_due_on = add_years(org.elected_on, org.term_years)
        org.founded_on = date(rng.randint(1950, 2010), 7, 1)

    # Level by level, so every parent has its key (by index: setting ``parent_id`` drops
    # Django's cached parent object).
    pending = list(range(len(b.orgs)))
    while pending:
        ready = [i for i in pending if parent_of[i] is None or b.orgs[parent_of[i]].pk]
        for i in ready:
            b.orgs[i].parent_id = b.orgs[parent_of[i]].pk if parent_of[i] is not None else None
        PartyOrganisation.objects.bulk_create([b.orgs[i] for i in ready])
        done = set(ready)
        pending = [i for i in pending if i not in done]
    if b.orgs[-1].pk is None:  # pragma: no cover - every supported database returns keys
        raise RuntimeError("bulk_create returned no keys")
    for i, org in enumerate(b.orgs):
        org.path = f"{b.orgs[parent_of[i]].path if parent_of[i] is not None else '/'}{org.pk}/"
    by_parent = {}
    for i, org in enumerate(b.orgs):
        by_parent.setdefault(parent_of[i], []).append(org)
    for parent_index in by_parent:
        prefix = b.orgs[parent_index].path if parent_index is not None else "/"
        PartyOrganisation.objects.filter(
            pk__in=[o.pk for o in by_parent[parent_index]]).update(
            path=Concat(Value(prefix), Cast("id", CharField()), Value("/")))

    members = [PartyMember(
        organisation_id=b.orgs[i].pk, person_id=people[person_index].pk,
        status=MemberStatus.FULL if full else MemberStatus.PROBATIONARY,
        joined_on=joined, full_on=add_years(joined, 1) if full else None,
        ethnicity="汉族", category="离退休" if retired else rng.choice(
            ("农民", "农民", "在职", "个体/自由职业")),
        join_type="新发展", increase_info="新发展", registered_on=date(2017, 9, 1),
        branch_when_joined=b.orgs[i].name)
        for i, person_index, full, joined, retired in planned]
    for batch in batched(members, 2000):
        PartyMember.objects.bulk_create(batch)
    _officers_and_logins(ctx, b, town_index)
    return {"party_orgs": len(b.orgs), "party_members": len(members)}


def _officers_and_logins(ctx: SeedContext, b: _Builder, town_index) -> None:
    from grassroots.demo.builders.logins import _staff_login
    from grassroots.demo.demo_logins import logins

    specs = {x.username: x for x in logins()}
    password = ctx.cache.setdefault("password_hash", make_password(PASSWORD))
    if not User.objects.filter(username="org_dept").exists() and \
            Organization.objects.filter(code=ORG_DEPT_CODE).exists():
        _staff_login(ctx, specs["org_dept"])
    officers = []
    for index in town_index.values():
        org = b.orgs[index]
        officer_spec = specs["party_officer"]
        if org.division.code == OFFICER_TOWN:
            user = User.objects.create(username="party_officer", password=password, is_demo=True)
            person = Person(name=officer_spec.name, kind=PersonKind.CADRE, user=user,
                            position="金乡街道党工委组织委员")
            person.set_phone(officer_spec.phone)
            person.save()
        else:
            name, gender = b.names.take()
            person = Person.objects.create(name=name, gender=gender, kind=PersonKind.CADRE,
                                           position="党委组织委员")
        officers.append(PartyPost(person=person, organisation=org, role=PartyRole.ORG_OFFICER,
                                  title="组织委员", started_on=org.elected_on))
    PartyPost.objects.bulk_create(officers)
    branch = PartyOrganisation.objects.filter(
        name=f"中共{SECRETARY_VILLAGE}支部委员会").select_related("secretary").first()
    if branch is not None and branch.secretary is not None:
        spec = specs["party_secretary"]
        user = User.objects.create(username=spec.username, password=password, is_demo=True)
        person = branch.secretary
        person.user = user
        person.name = spec.name
        person.set_phone(spec.phone)
        person.save()


def party_counts() -> dict[str, int]:
    active = PartyOrganisation.objects.filter(is_active=True)
    return {"party_orgs": active.count(),
            "party_members": PartyMember.objects.filter(is_active=True).count(),
            "party_terms_due_soon": active.filter(
                term_due_on__lte=timezone.localdate() + timedelta(days=90)).count()}


register_step("party", seed_party, order=420, label="党组织与党员")
register_counts(party_counts, labels={"party_orgs": "党组织", "party_members": "党员",
                                      "party_terms_due_soon": "90天内换届到期的党组织"})

