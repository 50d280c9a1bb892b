"""Seed China's statutory holidays and adjusted workdays from the installed chinesecalendar.

Later package releases (new years) are loaded with ``manage.py seed_calendar``.
"""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from grassroots.workcal.seeding import package_years, seed_years

    seed_years(apps.get_model("workcal", "CalendarDay"), apps.get_model("workcal", "CalendarYear"),
               package_years(), timezone.now())


def unseed(apps, schema_editor):
    apps.get_model("workcal", "CalendarDay").objects.filter(source="package").delete()
    apps.get_model("workcal", "CalendarYear").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("workcal", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
