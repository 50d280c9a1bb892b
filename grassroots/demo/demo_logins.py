"""The demo logins, one per role, as printed by ``manage.py demo_logins``.

Later systems add theirs (the user itself is created by their seed step)::

    from grassroots.demo.demo_logins import DemoLogin, register_login

    register_login(DemoLogin("org_dept", "组织部工作人员", "Organisation department",
                             "全县党员发展与主题党日", order=90))
"""

from __future__ import annotations

from dataclasses import dataclass

PASSWORD = "demo-Pass-2026"
ADDRESS = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role_zh: str
    role_en: str
    sees: str
    order: int = 100
    name: str = ""  # fixed Chinese name; empty when the person is generated (the secretary)
    phone: str = ""
    org_code: str = ""  # organisation of the Membership the seed creates
    role: str = ""  # grassroots.core.scope.Role value of that Membership
    title: str = ""


_LOGINS: dict[str, DemoLogin] = {}


def register_login(login: DemoLogin) -> None:
    _LOGINS[login.username] = login


def logins() -> list[DemoLogin]:
    return sorted(_LOGINS.values(), key=lambda x: (x.order, x.username))


def reserved_names() -> set[str]:
    """Fixed names of demo users, kept out of the generated cadres so nobody appears twice."""
    return {x.name for x in _LOGINS.values() if x.name}


for _login in (
    DemoLogin("county_admin", "平台管理员", "Platform administrator",
              "全县全部数据；后台管理 /admin/；导入区划与人员", 10, "赵明远", "13800000010",
              "GOV", "admin", "县委县政府平台管理员"),
    DemoLogin("supervisor", "督查人员", "Supervisor (督查室)",
              "全县诉求与工单（只读）、超期预警；督办通知、通报与专报", 20, "孙丽华", "13800000020",
              "SUPERVISION", "supervisor", "督查室督查专员"),
    DemoLogin("dispatcher", "派单员", "Dispatcher (民生服务中心 / 12345)",
              "全县诉求的受理、分级分类与派单；退单裁定", 30, "刘晓燕", "13800000030",
              "DISPATCH", "dispatcher", "民生服务中心派单员"),
    DemoLogin("handler_water", "承办人", "Handler (水务局)",
              "本单位（水务局）的工单：签收、退单、办理、答复", 40, "王海涛", "13800000040",
              "D-WATER", "handler", "水务局承办人"),
    DemoLogin("handler_housing", "承办人（协办单位）", "Handler (住建局, often assisting)",
              "本单位（住建局）的工单，含作为协办单位的：签收、办理、向主办单位答复", 45, "陈立国",
              "13800000045", "D-HOUSING", "handler", "住建局承办人"),
    DemoLogin("leader_water", "单位负责人", "Unit leader (水务局)",
              "本单位工单与三率；审批延期、办结把关", 50, "李振东", "13800000050",
              "D-WATER", "unit_leader", "水务局局长"),
    DemoLogin("town_staff", "镇街工作人员", "Town staff (金乡街道)",
              "金乡街道的网格、服务队与诉求；调整服务队成员", 60, "张静", "13800000060",
              "T-001", "town_staff", "金乡街道办事处工作人员"),
    DemoLogin("secretary", "民情书记", "Grid secretary (金乡街道)",
              "本网格的走访与诉求登记、服务队信息", 70),
    DemoLogin("citizen", "群众", "Citizen",
              "本人提交的诉求、办理进度与满意度评价", 80, "李秀英", "13800000001"),
    DemoLogin("auditor", "安全审计员", "Security auditor (等保)",
              "安全审计日志（只读）", 85, "郑文博", "13800000085", "GOV", "auditor",
              "县委县政府安全审计员"),
):
    register_login(_login)

COUNTY_LOGINS = tuple(logins())  # the county's own, before other systems add theirs
