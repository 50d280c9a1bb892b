"""The six red-team kinds (data a county may change) and, on PostgreSQL, the exclusion
constraint that no two active bookings of one room overlap. A degenerate integer range stands
for the room id so the constraint needs no btree_gist extension (range types have GiST
operator classes of their own); intervals are half-open ``[starts_at, ends_at)``."""

from django.db import migrations

KINDS = (
    ("research", "科技研发", 1), ("breakthrough", "技术攻关", 2), ("equipment", "设备运营", 3),
    ("quality", "质量管控", 4), ("safety", "安全生产", 5), ("marketing", "营销服务", 6),
)

CREATE = """
ALTER TABLE twonew_roombooking ADD CONSTRAINT twonew_booking_no_overlap
EXCLUDE USING gist (int8range(room_id, room_id, '[]') WITH &&,
                    tstzrange(starts_at, ends_at, '[)') WITH &&)
WHERE (NOT is_cancelled);
"""
DROP = "ALTER TABLE twonew_roombooking DROP CONSTRAINT IF EXISTS twonew_booking_no_overlap;"


def add_kinds(apps, schema_editor):
    RedTeamKind = apps.get_model("twonew", "RedTeamKind")
    for code, name, order in KINDS:
        RedTeamKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})


def exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def exclusion_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("twonew", "0001_initial")]

    operations = [
        migrations.RunPython(add_kinds, migrations.RunPython.noop),
        migrations.RunPython(exclusion, exclusion_drop),
    ]
