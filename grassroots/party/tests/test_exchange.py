"""Import/export in the national system's column order: the round trip, masking, row errors."""

from io import BytesIO

import openpyxl

from grassroots.audit.models import AuditLog
from grassroots.core.errors import NotInScope
from grassroots.core.models import Event
from grassroots.testing.refusals import refused

from ..exchange import MEMBER_COLUMNS, ORG_COLUMNS, export_workbook, import_workbook
from ..models import PartyMember, PartyOrganisation


def rows(data: bytes):
    ws = openpyxl.load_workbook(BytesIO(data)).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def workbook(*sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, table in sheets:
        ws = wb.create_sheet(title)
        for row in table:
            ws.append(row)
    out = BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def give_ids(tree):
    for i, m in enumerate(PartyMember.objects.select_related("person")):
        first17 = f"37082819900101{i:03d}"
        from grassroots.people.services import id_number_check_digit

        m.person.set_id_number(first17 + id_number_check_digit(first17))
        m.person.save()


def test_member_export_columns_and_masking(tree):
    give_ids(tree)
    table = rows(export_workbook(tree.org_dept, "members"))
    assert tuple(table[0]) == MEMBER_COLUMNS
    assert len(table) - 1 == PartyMember.objects.filter(is_active=True).count()
    id_col = MEMBER_COLUMNS.index("公民身份号码")
    assert all("*" in r[id_col] for r in table[1:])
    # A town officer exports only his town's tree.
    town = rows(export_workbook(tree.town_officer, "members"))
    branch_col = MEMBER_COLUMNS.index("所在党支部")
    assert {r[branch_col] for r in town[1:]} == {tree.branch_a1.name}
    with refused(NotInScope, "只有县委组织部可以导出未脱敏的党员信息。", unchanged=[AuditLog]):
        export_workbook(tree.town_officer, "members", clear=True)


def test_round_trip_restores_the_roll(tree):
    give_ids(tree)
    before = AuditLog.objects.count()
    exported = export_workbook(tree.org_dept, "members", clear=True)
    assert AuditLog.objects.count() == before + 1  # a clear export is logged
    orgs = export_workbook(tree.org_dept, "orgs")
    assert tuple(rows(orgs)[0]) == ORG_COLUMNS
    snapshot = sorted(map(tuple, rows(exported)[1:]))
    # Re-importing the same file changes nothing.
    result = import_workbook(actor=tree.org_dept, file=BytesIO(exported))
    assert result.ok and result.created["party_members_updated"] == len(snapshot)
    # Wipe the roll; importing the export brings it back to the same rows.
    tree.branch_a1.secretary = None
    tree.branch_a1.save()
    PartyMember.objects.all().delete()
    result = import_workbook(actor=tree.org_dept, file=BytesIO(exported))
    assert result.ok, result.errors
    assert result.created["party_members"] == len(snapshot)
    again = sorted(map(tuple, rows(export_workbook(tree.org_dept, "members", clear=True))[1:]))
    assert again == snapshot


def test_org_import_creates_in_order_and_row_error_rolls_back(tree):
    good = ["中共胡集镇第八支部委员会", "党支部", "中共胡集镇委员会", "", "第八党支部", "农村"]
    bad = ["中共某村支部委员会", "党支部", "中共不存在的党委", "", "", "农村"]
    member = ["张三", "男", "370828199001010011", "汉族", "1990-01-01", "高中", "农民", "",
              "中共胡集镇第八支部委员会", "", "2015-03-01", "2016-03-01", 9, 0, "", "", "",
              "否", "", "", "否", "否", "", "", "", "", "", "已转正", "", ""]
    head = ["党组织名称", "党组织类别", "上级党组织", "党委类别", "特殊类型", "所属领域"]
    before = (Event.objects.count(), PartyOrganisation.objects.count(),
              PartyMember.objects.count())
    result = import_workbook(actor=tree.org_dept, file=workbook(
        ("党组织", [head, good, bad]), ("党员", [list(MEMBER_COLUMNS), member])))
    assert result.errors == [
        "党组织：第3行：上级党组织“中共不存在的党委”不存在（上级应写在下级之前）。"]
    assert (Event.objects.count(), PartyOrganisation.objects.count(),
            PartyMember.objects.count()) == before
    result = import_workbook(actor=tree.org_dept, file=workbook(
        ("党组织", [head, good]), ("党员", [list(MEMBER_COLUMNS), member])))
    assert result.ok, result.errors
    eighth = PartyOrganisation.objects.get(name=good[0])
    assert eighth.parent == tree.town_b and eighth.special_kind == "eighth_branch"
    assert PartyMember.objects.get(person__name="张三").organisation == eighth


def test_masked_id_number_is_a_row_error(tree):
    give_ids(tree)
    masked = export_workbook(tree.org_dept, "members")  # masked: not importable
    PartyMember.objects.filter(organisation=tree.branch_b1).delete()
    result = import_workbook(actor=tree.org_dept, file=BytesIO(masked))
    assert not result.ok
    assert any("身份证号格式不正确或校验码错误。" in e for e in result.errors)


def test_only_the_county_department_imports(tree):
    with refused(NotInScope, "只有县委组织部可以导入党组织和党员。",
                 unchanged=[PartyOrganisation, PartyMember]):
        import_workbook(actor=tree.town_officer, file=workbook(("x", [["党组织名称"]])))
