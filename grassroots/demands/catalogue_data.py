"""The county's seed category tree (一级/二级/三级) with the dispatch catalogue's default units.

Written for this project after common county 12345 practice; administrators edit it afterwards.
Each third-level entry: (code, name, default lead unit code). Unit codes are those of the demo
county's organisations; rules whose unit does not exist in an installation are skipped.
"""

TREE = [
    ("01", "城乡建设", [
        ("0101", "供水", [("010101", "水压低", "E-WATER"), ("010102", "停水", "E-WATER"),
                          ("010103", "水质问题", "D-WATER"), ("010104", "农村饮水安全", "D-WATER")]),
        ("0102", "排水防汛", [("010201", "雨季积水", "D-HOUSING"), ("010202", "下水道堵塞", "D-HOUSING"),
                              ("010203", "河道沟渠清淤", "D-WATER")]),
        ("0103", "物业管理", [("010301", "物业服务质量", "D-HOUSING"), ("010302", "物业收费", "D-HOUSING"),
                              ("010303", "电梯故障", "D-SAMR")]),
        ("0104", "市政设施", [("010401", "路灯不亮", "D-ENFORCE"), ("010402", "道路破损", "D-HOUSING"),
                              ("010403", "井盖缺失", "D-HOUSING")]),
        ("0105", "房屋与拆迁", [("010501", "房产证办理", "D-NRP"), ("010502", "棚户区改造", "D-HOUSING"),
                                ("010503", "农村危房", "D-HOUSING")]),
        ("0106", "燃气供热", [("010601", "燃气安全", "E-GAS"), ("010602", "供暖不热", "E-HEAT")]),
    ]),
    ("02", "环境保护", [
        ("0201", "人居环境", [("020101", "垃圾清运", "D-ENFORCE"), ("020102", "村容村貌", "D-AGRI"),
                              ("020103", "公厕管理", "D-ENFORCE")]),
        ("0202", "污染防治", [("020201", "噪音扰民", "D-ECO"), ("020202", "油烟污染", "D-ENFORCE"),
                              ("020203", "大气污染", "D-ECO"), ("020204", "水体污染", "D-ECO")]),
    ]),
    ("03", "交通运输", [
        ("0301", "道路交通", [("030101", "乡村道路", "D-TRANSPORT"), ("030102", "交通秩序", "D-TRAFFIC"),
                              ("030103", "违章停车", "D-TRAFFIC")]),
        ("0302", "公共交通", [("030201", "公交线路", "D-TRANSPORT"), ("030202", "出租车服务", "D-TRANSPORT")]),
    ]),
    ("04", "教育文体", [
        ("0401", "基础教育", [("040101", "入学招生", "D-EDU"), ("040102", "校车安全", "D-EDU"),
                              ("040103", "学校收费", "D-EDU")]),
        ("0402", "文化体育", [("040201", "健身设施", "D-EDU"), ("040202", "文化活动", "D-CULTURE")]),
    ]),
    ("05", "劳动和社会保障", [
        ("0501", "劳动权益", [("050101", "拖欠工资", "D-HRSS"), ("050102", "劳动合同", "D-HRSS")]),
        ("0502", "社会保险", [("050201", "养老保险", "D-HRSS"), ("050202", "医疗保险", "D-MEDINS"),
                              ("050203", "社保卡办理", "D-HRSS")]),
        ("0503", "就业创业", [("050301", "就业培训", "D-HRSS"), ("050302", "创业补贴", "D-HRSS")]),
    ]),
    ("06", "卫生健康", [
        ("0601", "医疗服务", [("060101", "就医服务", "D-HEALTH"), ("060102", "村卫生室", "D-HEALTH")]),
        ("0602", "公共卫生", [("060201", "疫苗接种", "D-HEALTH"), ("060202", "食品安全", "D-SAMR")]),
    ]),
    ("07", "商贸旅游", [
        ("0701", "市场监管", [("070101", "消费维权", "D-SAMR"), ("070102", "价格投诉", "D-SAMR")]),
        ("0702", "商贸流通", [("070201", "大蒜市场", "D-COMMERCE"), ("070202", "集市管理", "D-ENFORCE")]),
    ]),
    ("08", "农村农业", [
        ("0801", "农业生产", [("080101", "农资质量", "D-AGRI"), ("080102", "农机补贴", "D-AGRI"),
                              ("080103", "病虫害防治", "D-AGRI")]),
        ("0802", "农田水利", [("080201", "灌溉用水", "D-WATER"), ("080202", "机井维修", "D-WATER")]),
        ("0803", "土地承包", [("080301", "土地流转", "D-AGRI"), ("080302", "宅基地", "D-NRP")]),
    ]),
    ("09", "民政", [
        ("0901", "社会救助", [("090101", "低保", "D-CIVIL"), ("090102", "临时救助", "D-CIVIL")]),
        ("0902", "养老服务", [("090201", "养老院", "D-CIVIL"), ("090202", "高龄补贴", "D-CIVIL")]),
        ("0903", "残疾人服务", [("090301", "残疾人补贴", "D-CIVIL")]),
    ]),
    ("10", "政法", [
        ("1001", "治安", [("100101", "治安隐患", "D-POLICE"), ("100102", "电信诈骗", "D-POLICE")]),
        ("1002", "矛盾纠纷", [("100201", "邻里纠纷", "D-JUSTICE"), ("100202", "法律援助", "D-JUSTICE")]),
    ]),
    ("11", "电力通信", [
        ("1101", "供电", [("110101", "停电", "E-POWER"), ("110102", "电压不稳", "E-POWER")]),
        ("1102", "通信", [("110201", "网络信号", "E-TELECOM")]),
    ]),
    ("12", "党务政务", [
        ("1201", "政务服务", [("120101", "办事效率", "D-APPROVAL"), ("120102", "工作作风", "D-PETITION")]),
    ]),
    ("13", "退役军人", [
        ("1301", "优抚安置", [("130101", "优抚待遇", "D-VETERANS")]),
    ]),
    ("14", "应急安全", [
        ("1401", "安全生产", [("140101", "安全隐患", "D-EMERGENCY"), ("140102", "消防安全", "D-EMERGENCY")]),
    ]),
    ("15", "表扬与建议", [
        ("1501", "表扬", [("150101", "表扬干部", "D-PETITION")]),
        ("1502", "意见建议", [("150201", "发展建议", "D-DRC")]),
    ]),
]


def iter_leaves():
    for code1, name1, children in TREE:
        for code2, name2, leaves in children:
            for code3, name3, unit in leaves:
                yield (code1, name1), (code2, name2), (code3, name3, unit)


# The county's deadline defaults (办理时限), shipped as data and edited afterwards in the admin
# (DeadlinePolicy rows): (category code or None for the county default, grade) → (acknowledge
# working hours, reply working days). After common 12345 practice (inferred): sign within one
# working hour, reply within 2 working days; safety and emergencies faster; matters that need
# a survey, a procedure or a decision (housing, land, suggestions) in more full working days;
# government-affairs questions, mostly consultations, answered within one working day.
DEADLINE_DEFAULTS = {
    (None, "normal"): ("1", "2"), (None, "urgent"): ("0.5", "1"),
    (None, "very_urgent"): ("0.5", "0.5"),
    ("14", "normal"): ("0.5", "1"), ("14", "urgent"): ("0.5", "0.5"),
    ("14", "very_urgent"): ("0.25", "0.25"),  # 应急安全
    ("010601", "normal"): ("0.5", "1"), ("010601", "urgent"): ("0.5", "0.5"),
    ("010601", "very_urgent"): ("0.25", "0.25"),  # 燃气安全
    ("12", "normal"): ("1", "1"),  # 党务政务: mostly consultations
    ("0105", "normal"): ("1", "5"), ("0105", "urgent"): ("1", "3"),  # 房屋与拆迁
    ("15", "normal"): ("2", "5"),  # 表扬与建议
}
