"""Reference data for the demo county, 金乡县 (济宁市, 山东省).

Town/street names are real. The 12-digit codes follow the national statistical pattern
(county 370828, streets 001–004, towns 101–109, communities 0xx, villages 2xx); verify them against
the NBS table before using the data for anything but a demo. Village names are generated (see
``grassroots.demo.names``) except the village that shares its town's name.
"""

from dataclasses import dataclass

PROVINCE = "山东省"
CITY = "济宁市"
COUNTY_NAME = "金乡县"
COUNTY_CODE = "370828000000"


@dataclass(frozen=True)
class TownSpec:
    code: str
    name: str
    level: str  # "street" or "town"
    communities: int  # at full scale
    villages: int  # at full scale
    community_names: tuple[str, ...] = ()


# 4 streets + 9 towns = 13; 18 communities and 412 villages at full scale.
TOWNS: tuple[TownSpec, ...] = (
    TownSpec("370828001000", "金乡街道", "street", 7, 12,
             ("金城社区", "奎星社区", "文峰社区", "南关社区", "东关社区", "西关社区", "北关社区")),
    TownSpec("370828002000", "高河街道", "street", 3, 30, ("高河社区", "莱河社区", "金谷社区")),
    TownSpec("370828003000", "王丕街道", "street", 3, 25, ("王丕社区", "金山社区", "惠民社区")),
    TownSpec("370828004000", "鱼山街道", "street", 3, 28, ("鱼山社区", "蒜都社区", "滨湖社区")),
    TownSpec("370828101000", "胡集镇", "town", 1, 38, ("胡集社区",)),
    TownSpec("370828102000", "羊山镇", "town", 1, 36, ("羊山社区",)),
    TownSpec("370828103000", "肖云镇", "town", 0, 34),
    TownSpec("370828104000", "鸡黍镇", "town", 0, 36),
    TownSpec("370828105000", "卜集镇", "town", 0, 30),
    TownSpec("370828106000", "化雨镇", "town", 0, 35),
    TownSpec("370828107000", "霄云镇", "town", 0, 38),
    TownSpec("370828108000", "司马镇", "town", 0, 36),
    TownSpec("370828109000", "兴隆镇", "town", 0, 34),
)

FULL_COMMUNITIES = sum(t.communities for t in TOWNS)  # 18
FULL_VILLAGES = sum(t.villages for t in TOWNS)  # 412
FULL_GRIDS = 445

# Spare community names for scales with more communities than the lists above.
EXTRA_COMMUNITY_NAMES = (
    "城东", "城西", "城南", "城北", "新华", "建设", "光明", "幸福", "和平", "振兴", "滨河", "胜利",
    "惠泽", "金桥", "阳光", "和谐", "富民", "兴业", "安居", "春华",
)

# Organisation codes used across the demo and by tests of later systems.
GOV_CODE = "GOV"
DISPATCH_CODE = "DISPATCH"
SUPERVISION_CODE = "SUPERVISION"
ORG_DEPT_CODE = "ORGDEPT"
WATER_CODE = "D-WATER"


def town_org_code(town_code: str) -> str:
    return f"T-{town_code[6:9]}"


def village_org_code(village_code: str) -> str:
    return f"V-{village_code}"


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str
    kind: str = "department"  # or "enterprise" (public-service enterprises handle demands too)
    weight: int = 1  # relative number of 民情书记 the department sends (0: sends none)


# County departments and public-service enterprises that handle demands (47 + 13 towns = 60).
UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("D-DRC", "金乡县发展和改革局", "发改局"),
    UnitSpec("D-EDU", "金乡县教育和体育局", "教体局", weight=2),
    UnitSpec("D-SCI", "金乡县科学技术局", "科技局"),
    UnitSpec("D-IIT", "金乡县工业和信息化局", "工信局"),
    UnitSpec("D-POLICE", "金乡县公安局", "公安局", weight=2),
    UnitSpec("D-TRAFFIC", "金乡县公安局交通警察大队", "交警大队"),
    UnitSpec("D-CIVIL", "金乡县民政局", "民政局"),
    UnitSpec("D-JUSTICE", "金乡县司法局", "司法局"),
    UnitSpec("D-FINANCE", "金乡县财政局", "财政局", weight=2),
    UnitSpec("D-HRSS", "金乡县人力资源和社会保障局", "人社局", weight=2),
    UnitSpec("D-NRP", "金乡县自然资源和规划局", "自然资源和规划局", weight=2),
    UnitSpec("D-ECO", "济宁市生态环境局金乡县分局", "生态环境分局"),
    UnitSpec("D-HOUSING", "金乡县住房和城乡建设局", "住建局", weight=2),
    UnitSpec("D-TRANSPORT", "金乡县交通运输局", "交通运输局"),
    UnitSpec(WATER_CODE, "金乡县水务局", "水务局", weight=2),
    UnitSpec("D-AGRI", "金乡县农业农村局", "农业农村局", weight=2),
    UnitSpec("D-COMMERCE", "金乡县商务局", "商务局"),
    UnitSpec("D-CULTURE", "金乡县文化和旅游局", "文旅局"),
    UnitSpec("D-HEALTH", "金乡县卫生健康局", "卫健局", weight=2),
    UnitSpec("D-VETERANS", "金乡县退役军人事务局", "退役军人事务局"),
    UnitSpec("D-EMERGENCY", "金乡县应急管理局", "应急局"),
    UnitSpec("D-AUDIT", "金乡县审计局", "审计局"),
    UnitSpec("D-APPROVAL", "金乡县行政审批服务局", "行政审批局"),
    UnitSpec("D-SAMR", "金乡县市场监督管理局", "市场监管局", weight=2),
    UnitSpec("D-STATS", "金乡县统计局", "统计局"),
    UnitSpec("D-MEDINS", "金乡县医疗保障局", "医保局"),
    UnitSpec("D-ENFORCE", "金乡县综合行政执法局", "综合执法局", weight=2),
    UnitSpec("D-PETITION", "金乡县信访局", "信访局"),
    UnitSpec("D-BIGDATA", "金乡县大数据中心", "大数据中心"),
    UnitSpec("D-LIVESTOCK", "金乡县畜牧兽医事业发展中心", "畜牧兽医中心"),
    UnitSpec("D-GARLIC", "金乡县大蒜产业发展中心", "大蒜产业中心"),
    UnitSpec("D-SUPPLY", "金乡县供销合作社联合社", "供销社"),
    UnitSpec("D-HOUSINGFUND", "济宁市住房公积金管理中心金乡分中心", "公积金分中心"),
    UnitSpec("D-TAX", "国家税务总局金乡县税务局", "税务局"),
    UnitSpec("D-FIRE", "金乡县消防救援大队", "消防救援大队"),
    UnitSpec("D-WEATHER", "金乡县气象局", "气象局"),
    UnitSpec("D-MEDIA", "金乡县融媒体中心", "融媒体中心"),
    UnitSpec("D-DISABLED", "金乡县残疾人联合会", "残联"),
    UnitSpec("D-WOMEN", "金乡县妇女联合会", "妇联"),
    UnitSpec("D-UNION", "金乡县总工会", "总工会"),
    UnitSpec("D-YOUTH", "共青团金乡县委员会", "团县委"),
    UnitSpec("D-DEVZONE", "金乡经济开发区管理委员会", "经济开发区管委会"),
    UnitSpec("E-POWER", "国网金乡县供电公司", "供电公司", "enterprise", 0),
    UnitSpec("E-WATER", "金乡县自来水公司", "自来水公司", "enterprise", 0),
    UnitSpec("E-GAS", "金乡县燃气公司", "燃气公司", "enterprise", 0),
    UnitSpec("E-HEAT", "金乡县热力公司", "热力公司", "enterprise", 0),
    UnitSpec("E-TELECOM", "中国电信金乡分公司", "电信公司", "enterprise", 0),
)

# Positions, by seat, for generated cadres.
DEPT_LEADER_TITLES = ("党组成员、副局长", "副局长", "党组副书记", "副主任", "四级调研员", "科长")
# A department leader's title follows the kind of unit (a 局 has 副局长, a 总工会 a 副主席 …):
# (the end of the unit's name, the titles), the first match wins; otherwise the generic ones.
DEPT_LEADER_TITLES_BY_KIND = (
    ("局", ("党组成员、副局长", "副局长", "党组副书记", "四级调研员")),
    ("总工会", ("党组成员、副主席", "副主席", "经费审查委员会主任")),
    ("联合会", ("党组成员、副理事长", "副理事长", "副主席")),
    ("联合社", ("党组成员、副主任", "副主任", "监事会主任")),
    ("委员会", ("副书记", "副主任", "党工委委员")),
    ("中心", ("副主任", "党支部书记、副主任")),
    ("大队", ("副大队长", "政治教导员")),
    ("公司", ("副总经理", "党支部书记、副经理")),
)
GENERIC_LEADER_TITLES = ("副主任", "四级调研员", "科长")


def dept_leader_titles(unit_name: str) -> tuple[str, ...]:
    """The titles a department leader of ``unit_name`` can hold."""
    for ending, titles in DEPT_LEADER_TITLES_BY_KIND:
        if unit_name.endswith(ending):
            return titles
    return GENERIC_LEADER_TITLES
COUNTY_CADRE_TITLES = ("一级科员", "二级主任科员", "四级主任科员", "科员", "副科长", "办公室主任")
TOWN_CADRE_TITLES = {
    "town": ("党委委员", "副镇长", "包村干部", "人大副主席", "武装部长", "科员", "经管站站长"),
    "street": ("党工委委员", "办事处副主任", "包居干部", "科员", "社区工作站站长", "综治中心主任"),
}
