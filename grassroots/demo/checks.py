"""Production safety: refuse to run while demo accounts (known password) exist."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError


def demo_accounts_check(app_configs=None, **kwargs):
    if not getattr(settings, "GRASSROOTS_REFUSE_DEMO_ACCOUNTS", False):
        return []
    from grassroots.people.models import User

    try:
        count = User.objects.filter(is_demo=True).count()
    except DatabaseError:
        # Not migrated yet (e.g. the first `migrate` on a new server): there is nothing to refuse.
        return []
    if not count:
        return []
    return [
        checks.Error(
            f"数据库中存在 {count} 个演示账号（User.is_demo=True），其密码是公开的，生产环境拒绝启动。",
            hint="删除或转为正式账号（将 is_demo 置为 False 并重设密码）后再启动；"
                 "演示环境请不要设置 GRASSROOTS_REFUSE_DEMO_ACCOUNTS。",
            id="grassroots_demo.E001",
        )
    ]
