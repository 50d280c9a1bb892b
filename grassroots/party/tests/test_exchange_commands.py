"""The national-format export and import as commands with a progress bar: the bar reaches the
row count, the rows are the service's, a refused row is printed by number and nothing is
written."""

from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command

from grassroots.core.models import Event

from .. import exchange
from ..exchange import MEMBER_COLUMNS, export_workbook
from ..models import PartyMember, PartyOrganisation
from .test_exchange import give_ids, rows, workbook


def test_the_export_reports_progress_up_to_the_row_count(tree, monkeypatch):
    monkeypatch.setattr(exchange, "PROGRESS_EVERY", 2)
    seen = []
    export_workbook(tree.org_dept, "members", progress=lambda done, total: seen.append(
        (done, total)))
    n = PartyMember.objects.filter(is_active=True).count()
    assert n >= 3
    assert seen[-1] == (n, n)
    assert [d for d, _t in seen[:-1]] == list(range(2, n + 1, 2))
    assert {t for _d, t in seen} == {n}


def test_the_export_command_writes_the_file_and_draws_the_bar(tree, tmp_path, capsys):
    give_ids(tree)
    out = StringIO()
    target = tmp_path / "members.xlsx"
    call_command("party_export", user=tree.org_dept.username, output=str(target), stdout=out)
    table = rows(target.read_bytes())
    n = PartyMember.objects.filter(is_active=True).count()
    assert tuple(table[0]) == MEMBER_COLUMNS and len(table) - 1 == n
    assert sorted(map(tuple, table[1:])) == sorted(
        map(tuple, rows(export_workbook(tree.org_dept, "members"))[1:]))
    assert f"{n} 行 → {target}" in out.getvalue()
    bar = capsys.readouterr().err
    assert "导出党员" in bar and f"{n}/{n}" in bar


def test_the_export_command_keeps_the_users_scope(tree, tmp_path):
    target = tmp_path / "town.xlsx"
    call_command("party_export", user=tree.town_officer.username, output=str(target),
                 no_progress=True, stdout=StringIO())
    branch_col = MEMBER_COLUMNS.index("所在党支部")
    assert {r[branch_col] for r in rows(target.read_bytes())[1:]} == {tree.branch_a1.name}
    with pytest.raises(CommandError, match="只有县委组织部可以导出未脱敏的党员信息。"):
        call_command("party_export", user=tree.town_officer.username, output=str(target),
                     clear=True, no_progress=True)
    with pytest.raises(CommandError, match="用户不存在或已停用：nobody"):
        call_command("party_export", user="nobody", output=str(target), no_progress=True)


def _id(seq: int, *, valid: bool = True) -> str:
    from grassroots.people.services import id_number_check_digit

    first17 = f"37082819900101{seq:03d}"
    digit = id_number_check_digit(first17)
    if not valid:
        digit = "0" if digit != "0" else "1"
    return first17 + digit


def _member(name, id_number, branch):
    return [name, "男", id_number, "汉族", "1990-01-01", "高中", "农民", "", branch, "",
            "2015-03-01", "2016-03-01", 9, 0, "", "", "", "否", "", "", "否", "否", "", "", "",
            "", "", "已转正", "", ""]


def test_the_import_command_prints_each_refused_row_and_writes_nothing(tree, tmp_path):
    branch = tree.branch_b1.name
    path = tmp_path / "in.xlsx"
    path.write_bytes(workbook(("党员", [
        list(MEMBER_COLUMNS), _member("张三", _id(901), branch),
        _member("李四", _id(902), "中共不存在的支部"),
        _member("王五", _id(903, valid=False), branch)])).getvalue())
    before = (Event.objects.count(), PartyMember.objects.count())
    err = StringIO()
    with pytest.raises(CommandError, match="2 处错误，未导入任何数据。"):
        call_command("party_import", str(path), user=tree.org_dept.username, stderr=err,
                     no_progress=True)
    printed = err.getvalue().splitlines()
    assert printed[0] == "第3行：所在党支部“中共不存在的支部”不存在。"
    assert printed[1] == "第4行：身份证号格式不正确或校验码错误。"
    assert (Event.objects.count(), PartyMember.objects.count()) == before


def test_the_import_command_reports_progress_and_what_it_created(tree, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "PROGRESS_EVERY", 1)
    branch = tree.branch_b1.name
    path = tmp_path / "in.xlsx"
    path.write_bytes(workbook(("党员", [
        list(MEMBER_COLUMNS), _member("张三", _id(901), branch),
        _member("李四", _id(902), branch)])).getvalue())
    seen = []
    result = exchange.import_workbook(actor=tree.org_dept, file=BytesIO(path.read_bytes()),
                                      progress=lambda d, t: seen.append((d, t)))
    assert result.ok, result.errors
    assert seen == [(1, 2), (2, 2), (2, 2)]
    PartyMember.objects.filter(person__name__in=["张三", "李四"]).delete()
    out = StringIO()
    call_command("party_import", str(path), user=tree.org_dept.username, stdout=out,
                 no_progress=True)
    assert "party_members: 2" in out.getvalue()
    assert set(PartyMember.objects.filter(person__name__in=["张三", "李四"])
               .values_list("organisation", flat=True)) == {tree.branch_b1.pk}
    assert PartyOrganisation.objects.filter(name=branch).exists()
