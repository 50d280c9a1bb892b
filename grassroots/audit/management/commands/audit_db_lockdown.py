from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from grassroots.audit import dbsecurity


class Command(BaseCommand):
    help = "收回应用数据库角色对审计日志表的 UPDATE/DELETE/TRUNCATE 权限（以表的属主身份运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, help="应用服务使用的数据库角色名")
        parser.add_argument("--sql", action="store_true", help="只打印 SQL，交给 DBA 执行")

    def handle(self, *args, role, sql, **options):
        if sql:
            for statement in dbsecurity.lock_down_sql(role):
                self.stdout.write(statement + ";")
            return
        if connection.vendor != "postgresql":
            raise CommandError("只有 PostgreSQL 需要（也支持）这一步。")
        dbsecurity.lock_down(role)
        self.stdout.write(self.style.SUCCESS(f"角色 {role} 对审计日志只剩查询和追加权限。"))
