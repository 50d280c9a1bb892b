"""Small fixed data for the triage tests: a county, a handful of units, handled demands, and
tiny classifiers trained once per session (seconds) and installed per test as active models."""

from datetime import timedelta

import pytest

from grassroots.core import clock
from grassroots.demands.models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Category,
    Demand,
    DemandStatus,
    DemandType,
)
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.triage import registry
from grassroots.triage.engine.classifier import TextClassifier
from grassroots.triage.models import ModelKind, ModelStatus, TriageModel

PLACES = ["金城社区3号楼", "胡集村东头", "幸福小区", "建设路南段", "老城区菜市场旁", "金乡一中附近",
          "光明小区", "兴隆村"]
# group → (category code, unit key, [(title, text) patterns])
GROUPS = {
    "water": ("010101", "water", [
        ("{p}水压低", "{p}最近一周自来水水压很低，楼上用不上水，请供水部门尽快处理。"),
        ("{p}停水", "{p}已经停水两天了，没有任何通知，群众生活用水困难。"),
        ("{p}自来水发黄", "{p}自来水发黄有异味，担心水质不达标，希望检测水质。"),
        ("{p}水管爆裂", "{p}主供水管爆裂漏水严重，浪费自来水，请尽快抢修。"),
    ]),
    "housing": ("010301", "housing", [
        ("{p}物业不作为", "{p}物业公司收了物业费却不打扫卫生，业主多次反映无果。"),
        ("{p}电梯经常故障", "{p}小区电梯经常故障困人，物业维修不及时，存在安全隐患。"),
        ("{p}下水道堵塞", "{p}小区下水道堵塞污水外溢，物业推诿不处理。"),
        ("{p}物业乱收费", "{p}物业公司擅自提高物业费标准，停车费也乱收。"),
    ]),
    "garbage": ("020101", "town", [
        ("{p}垃圾堆积", "{p}生活垃圾堆积多日无人清运，臭气熏天，蚊蝇滋生。"),
        ("{p}乱堆乱放", "{p}路边柴草杂物乱堆乱放，影响村容村貌和人居环境。"),
        ("{p}垃圾桶不够", "{p}垃圾桶太少，垃圾满了溢出来，环境卫生很差。"),
        ("{p}焚烧垃圾", "{p}有人在空地焚烧垃圾，烟雾很大，污染空气。"),
    ]),
    "school": ("040101", "education", [
        ("{p}孩子入学报名", "{p}孩子今年上小学，户口不在学区，咨询入学报名需要什么材料。"),
        ("{p}学校乱收费", "{p}学校收取资料费和补课费，家长负担重，请教育部门查处。"),
        ("{p}校车超载", "{p}接送学生的校车严重超载，存在安全隐患。"),
        ("{p}学位紧张", "{p}附近小学学位紧张，孩子只能到很远的学校上学。"),
    ]),
}


def training_rows():
    """[(title, text, category code, unit key)] — 8 places × 4 patterns × 4 groups = 128."""
    rows = []
    for code, unit, patterns in GROUPS.values():
        for i, p in enumerate(PLACES):
            for j, (title, text) in enumerate(patterns):
                if (i + j) % 2:  # 64 rows: enough variety, fast to train
                    continue
                rows.append((title.format(p=p), text.format(p=p), code, unit))
    return rows


@pytest.fixture(autouse=True)
def _fresh_registry():
    registry.clear()
    yield
    registry.clear()


@pytest.fixture
def units(county):
    education = Organization.objects.create(
        name="金乡县教育和体育局", short_name="教体局", code="D-EDU-T",
        kind=OrganizationKind.DEPARTMENT, is_handling_unit=True)
    transport = Organization.objects.create(
        name="金乡县交通运输局", short_name="交通局", code="D-TRANS-T",
        kind=OrganizationKind.DEPARTMENT, is_handling_unit=True)
    return {"water": county.water, "housing": county.housing, "town": county.town_a_org,
            "education": education, "transport": transport}


@pytest.fixture
def handled_demands(county, units):
    """The platform's own history: closed demands with a category and a lead unit (bulk)."""
    now = clock.now()
    cats = {c.code: c for c in Category.objects.filter(code__in=[g[0] for g in GROUPS.values()])}
    rows = training_rows()
    demands = Demand.objects.bulk_create([
        Demand(number=f"T{i:05d}", channel="phone", type=DemandType.HELP, title=t, text=x,
               category=cats[code], status=DemandStatus.CLOSED, division=county.village_b,
               town=county.town_b, received_at=now - timedelta(days=300),
               closed_at=now - timedelta(days=290))
        for i, (t, x, code, _u) in enumerate(rows)
    ])
    Assignment.objects.bulk_create([
        Assignment(demand=d, unit=units[u], role=AssignmentRole.LEAD,
                   status=AssignmentStatus.CLOSED, acknowledge_due_at=now, reply_due_at=now,
                   dispatched_at=now - timedelta(days=300))
        for d, (_t, _x, _c, u) in zip(demands, rows, strict=True)
    ])
    return demands


@pytest.fixture(scope="session")
def blobs():
    """Tiny classifiers trained once per test session (category names and unit names)."""
    from grassroots.demands.catalogue_data import TREE

    roots = {code[:2]: name for code, name, _children in TREE}
    unit_names = {"water": "金乡县水务局", "housing": "金乡县住房和城乡建设局",
                  "town": "金乡街道办事处", "education": "金乡县教育和体育局"}
    rows = training_rows()
    titles, texts = [r[0] for r in rows], [r[1] for r in rows]
    cat = TextClassifier().fit(titles, texts, [roots[r[2][:2]] for r in rows])
    unit = TextClassifier().fit(titles, texts, [unit_names[r[3]] for r in rows])
    return {ModelKind.CATEGORY: cat.dumps(), ModelKind.UNIT: unit.dumps()}


@pytest.fixture
def active_models(units, blobs):
    """Both kinds installed as active version 1 (as if trained and activated)."""
    now = clock.now()
    models = {
        kind: TriageModel.objects.create(kind=kind, version=1, status=ModelStatus.READY,
                                         blob=blob, n_train=64, trained_at=now, is_active=True,
                                         metrics={"validation": None})
        for kind, blob in blobs.items()
    }
    registry.clear()
    return models


@pytest.fixture
def demand_defaults():
    """``make_demand`` (root conftest) leaves the category to triage, with a longer text."""
    return {"title": "金城社区3号楼水压低",
            "text": "金城社区3号楼最近一周自来水水压很低，楼上用不上水，请尽快处理。"}
