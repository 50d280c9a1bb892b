from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from grassroots.audit import dbsecurity


class Command(BaseCommand):
    help = ("两角色部署：以数据库属主身份运行，授予服务角色读写业务表的权限，"
            "审计日志表只可查询和追加（docs/operations.md）。")

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, help="应用服务使用的数据库角色名")
        parser.add_argument("--sql", action="store_true", help="只打印 SQL，交给 DBA 执行")

    def handle(self, *args, role, sql, **options):
        if sql:
            for statement in dbsecurity.serving_role_grants_sql(role):
                self.stdout.write(statement + ";")
            return
        if connection.vendor != "postgresql":
            raise CommandError("只有 PostgreSQL 需要（也支持）这一步。")
        try:
            dbsecurity.grant_serving_role(role)
        except ValueError as exc:
            raise CommandError("服务角色不能给自己授权：请用属主角色的 DATABASE_URL 运行。") from exc
        self.stdout.write(self.style.SUCCESS(
            f"角色 {role} 可读写业务表；审计日志只可查询和追加。"))
