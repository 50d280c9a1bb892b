"""Demands a visit collected (the visit's demand list, also filled by the bulk history import,
which never wrote ``extra["visit"]``) get their typed origin: the visit. A demand that already
names an origin keeps it."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_from_visits(apps, schema_editor):
    Demand = apps.get_model("demands", "Demand")
    Visit = apps.get_model("gridwork", "Visit")
    through = Visit.demands.through
    first_visit = (through.objects.filter(demand_id=OuterRef("pk"))
                   .order_by("visit_id").values("visit_id")[:1])
    Demand.objects.filter(channel="visit", origin_type="", visits__isnull=False).update(
        origin_type="visit", origin_id=Subquery(first_visit))


class Migration(migrations.Migration):

    dependencies = [
        ("demands", "0014_demand_origin"),
        ("gridwork", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_from_visits, migrations.RunPython.noop),
    ]
