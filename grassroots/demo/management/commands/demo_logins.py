from django.core.management.base import BaseCommand

from grassroots.demo.demo_logins import ADDRESS, PASSWORD, logins
from grassroots.demo.registry import discover
from grassroots.demo.text import table
from grassroots.people.models import ServiceTeamMember, User


class Command(BaseCommand):
    help = "列出演示账号（每个角色一个）与访问地址。"

    def handle(self, *args, **options):
        discover()
        specs = logins()
        users = {
            u.username: u for u in User.objects.filter(username__in=[s.username for s in specs])
            .select_related("person")
        }
        rows, missing = [], []
        for spec in specs:
            user = users.get(spec.username)
            if user is None:
                missing.append(spec.username)
                continue
            person = getattr(user, "person", None)
            sees = spec.sees
            if person is not None:
                grids = list(ServiceTeamMember.objects.filter(person=person, ended_at__isnull=True)
                             .values_list("team__grid__name", flat=True))
                if grids:
                    sees = f"{sees}（{'、'.join(grids)}）"
            rows.append([spec.username, PASSWORD, person.name if person else spec.name,
                         spec.role_zh, spec.role_en, sees])
        self.stdout.write(f"访问地址 / Address: {ADDRESS}")
        self.stdout.write(f"所有演示账号的密码 / Password of every demo login: {PASSWORD}\n")
        self.stdout.write(table(["用户名", "密码", "姓名", "角色", "Role", "可以看到和办理"], rows))
        if missing:
            self.stdout.write(self.style.WARNING(
                f"\n尚未生成的演示账号：{'、'.join(missing)}。请先运行 manage.py seed_demo。"
            ))
