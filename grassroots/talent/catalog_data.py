"""The levels, specialities and standards shipped by migration 0002 (idempotent: creates what
is missing, never changes a row that exists — a county's edits stay).

Subsidies: 1,000 yuan 初级 / 2,000 yuan 中级 [SEED]; no Wenshang figure is known for 高级 or the
2023 provincial levels, so they ship with 0 (no subsidy) until the county sets one.
Standards: years in production 3/4/5 by level follow Henan [S24] and the households driven are
(inferred); they are examples to configure, not Wenshang's published conditions."""

from datetime import date

LEVELS = [
    # code, name, scheme, rank, subsidy_yuan, evaluated_by
    ("ws_junior", "农民初级职称", "wenshang", 1, 1000, "county"),
    ("ws_intermediate", "农民中级职称", "wenshang", 2, 2000, "county"),
    ("ws_senior", "农民高级职称", "wenshang", 3, 0, "city"),
    ("sd_assistant", "农民助理农艺师", "shandong_2023", 1, 0, "county"),
    ("sd_agronomist", "农民农艺师", "shandong_2023", 2, 0, "county"),
    ("sd_senior", "农民高级农艺师", "shandong_2023", 3, 0, "city"),
    ("sd_professor", "农民正高级农艺师", "shandong_2023", 4, 0, "province"),
]

SPECIALTIES = [
    # code, name, group, active_from
    ("planting", "种植", "种植业类", date(2019, 1, 1)),
    ("breeding", "养殖", "养殖业类", date(2019, 1, 1)),
    ("processing", "农产品加工", "加工业类", date(2021, 1, 1)),  # added by Wenshang [SEED]
    ("social_service", "农业社会化服务", "服务业类", date(2021, 1, 1)),  # added [SEED]
]

STANDARDS = [
    # level code, conditions (every speciality)
    ("ws_junior", {"min_years": 3, "min_households": 10}),
    ("ws_intermediate", {"min_years": 4, "min_households": 30}),
    ("ws_senior", {"min_years": 5, "min_households": 50}),
]
STANDARD_SOURCE = "(inferred) 从业年限参照河南3/4/5年[S24]；带动户数为示例，待县里确认"


def ship(TitleLevel, Specialty, Standard) -> None:  # noqa: N803 - historical models
    for code, name, scheme, rank, subsidy, by in LEVELS:
        TitleLevel.objects.get_or_create(code=code, defaults={
            "name": name, "scheme": scheme, "rank": rank, "subsidy_yuan": subsidy,
            "evaluated_by": by})
    for code, name, group, active_from in SPECIALTIES:
        Specialty.objects.get_or_create(code=code, defaults={
            "name": name, "group": group, "active_from": active_from})
    for level_code, conditions in STANDARDS:
        level = TitleLevel.objects.get(code=level_code)
        Standard.objects.get_or_create(level=level, specialty=None, defaults={
            "conditions": conditions, "source": STANDARD_SOURCE})
