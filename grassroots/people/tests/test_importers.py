from io import BytesIO

import openpyxl
import pytest

from grassroots.core.errors import NotInScope
from grassroots.core.models import Event
from grassroots.core.scope import Role, get_scope
from grassroots.orgs.models import Membership
from grassroots.people.importers import people_import_xlsx
from grassroots.people.models import Person, PersonKind, User
from grassroots.people.services import id_number_check_digit

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "类别(干部/群众)", "手机号", "身份证号", "职务", "所属单位编码", "角色"]


def valid_id(first17="37082819850615123"):
    return first17 + id_number_check_digit(first17)


def workbook(rows, header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_import_people_with_roles(county):
    file = workbook([
        ["周强", "干部", "13511112222", valid_id(), "水务局科员", "D-WATER", "承办人"],
        ["吴敏", "干部", 13511113333, None, "街道干部", "T-001", "town_staff"],
        ["郑芳", "群众", "13511114444", valid_id("37082819900101002"), None, None, None],
        ["冯军", "干部", None, None, "科员", None, None],
    ])
    result = people_import_xlsx(actor=county.admin, file=file)
    assert result.ok, result.errors
    assert result.created == {"people": 4, "memberships": 2, "users": 2}
    zhou = Person.objects.get(name="周强")
    assert zhou.kind == PersonKind.CADRE and zhou.phone == "13511112222"
    assert zhou.id_number == valid_id() and zhou.position == "水务局科员"
    assert Membership.objects.get(person=zhou).role == Role.HANDLER
    assert zhou.user.username.startswith("s_") and "13511112222" not in zhou.user.username
    assert not zhou.user.has_usable_password()
    assert get_scope(zhou.user).unit_ids == {county.water.pk}
    wu = Person.objects.get(name="吴敏")
    assert get_scope(wu.user).town_ids == {county.town_a.pk}
    assert Person.objects.get(name="郑芳").kind == PersonKind.CITIZEN
    assert Person.objects.get(name="冯军").user is None


def test_any_bad_row_means_nothing_is_written(county):
    people, users = Person.objects.count(), User.objects.count()
    file = workbook([
        ["周强", "干部", "13511112222", None, None, None, None],  # fine on its own
        ["", "干部", None, None, None, None, None],  # row 3
        ["吴敏", "领导", None, None, None, None, None],
        ["郑芳", "群众", "1351111", None, None, None, None],
        ["冯军", "干部", "13511112222", None, None, None, None],
        ["陈红", "干部", None, "370828198506151230", None, None, None],
        ["褚亮", "干部", "13511115555", None, None, "NOPE", "承办人"],
        ["卫东", "干部", "13511116666", None, None, "D-WATER", "局长"],
        ["蒋丽", "群众", "13511117777", None, None, "D-WATER", "承办人"],
        ["沈洁", "干部", "13511118888", None, None, "GOV", "平台管理员"],
        ["韩梅", "干部", None, None, None, "D-WATER", "承办人"],
        ["杨光", "干部", "13511119999", None, None, "D-WATER", None],
    ])
    result = people_import_xlsx(actor=county.admin, file=file)
    assert result.errors == [
        "第3行：姓名不能为空。",
        "第4行：类别“领导”无效，应为干部或群众。",
        "第5行：手机号1351111格式不正确，应为11位手机号。",
        "第6行：手机号13511112222与第2行重复。",
        "第7行：身份证号格式不正确或校验码错误。",
        "第8行：所属单位编码“NOPE”不存在。",
        "第9行：角色“局长”无效。",
        "第10行：群众不能担任角色。",
        "第11行：平台管理员不能通过导入设置。",
        "第12行：填写角色时须填写手机号（用作登录名）。",
        "第13行：填写所属单位编码时须填写角色。",
    ]
    assert (Person.objects.count(), User.objects.count()) == (people, users)


def test_phone_already_registered(county):
    county.citizen.person.set_phone("13611110000")
    county.citizen.person.save()
    result = people_import_xlsx(actor=county.admin, file=workbook([
        ["周强", "干部", "13611110000", None, None, None, None],
    ]))
    assert result.errors == ["第2行：手机号13611110000已被登记。"]


def test_missing_columns(county):
    result = people_import_xlsx(actor=county.admin, file=workbook([["周强"]], header=["姓名"]))
    assert result.errors == ["缺少列：类别。"]
    result = people_import_xlsx(actor=county.admin, file=workbook([["x"]], header=["名字"]))
    assert result.errors[0].startswith("表格缺少表头")


def test_admin_only(county):
    for actor in (county.town_staff, county.dispatcher, county.citizen):
        events_before = Event.objects.count()
        with pytest.raises(NotInScope) as refused:
            people_import_xlsx(actor=actor, file=workbook([]))
        assert refused.value.message == "只有平台管理员可以导入人员。"
        assert Event.objects.count() == events_before  # nothing written


def test_phones_unique_across_sheets_and_formulas_refused_by_row(county):
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "干部"
    first.append(HEADER)
    first.append(["周强", "干部", "13622220000", None, None, None, None])
    second = wb.create_sheet("群众")
    second.append(HEADER)
    second.append(["吴敏", "群众", "13622220000", None, None, None, None])
    buf = BytesIO()
    wb.save(buf)
    people, events = Person.objects.count(), Event.objects.count()
    result = people_import_xlsx(actor=county.admin, file=buf)
    assert result.errors == ["第2行：手机号13622220000与第2行重复。"]
    # a formula without a stored value (a generated file) is never imported as an empty cell
    result = people_import_xlsx(actor=county.admin, file=workbook([
        ["周强", "干部", "=TEXT(13622220000,\"0\")", None, None, None, None]]))
    assert result.errors == ["第2行：“手机号”列（C2）是没有计算结果的公式，请在表格软件中打开并保存，"
                             "或将其粘贴为数值后再导入。"]
    assert (Person.objects.count(), Event.objects.count()) == (people, events)
