"""Move the pioneer rounds' own publicity and objections onto grassroots.publicity.

Each round that was publicised gets a ``publicity.Publicity`` (subject = the round) listing the
nominees that were on the list, and each ``gridwork.Objection`` becomes a
``publicity.Objection`` naming its nominee (entry ``n<pk>``), with a receipt number and events
at the original times. The rounds' own events stay as they are (history is kept); the new rows'
events say ``migrated``. Migration 0004 then drops the old column and table.
"""

from datetime import timedelta

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

LEVEL_LABELS = {"pioneer": "民情书记“先锋”", "excellent": "优秀民情书记"}
OBJECTION_STATUS = {"open": "received", "upheld": "upheld", "dismissed": "not_upheld"}
CLOSE_ACTION = {"upheld": "objection_uphold", "not_upheld": "objection_dismiss"}
MIN_WORKING_DAYS = 5  # the rule in force when these rounds were publicised


def _ct(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def move(apps, schema_editor):
    PioneerRound = apps.get_model("gridwork", "PioneerRound")
    OldObjection = apps.get_model("gridwork", "Objection")
    Nomination = apps.get_model("gridwork", "Nomination")
    Publicity = apps.get_model("publicity", "Publicity")
    Objection = apps.get_model("publicity", "Objection")
    Event = apps.get_model("core", "Event")
    SeriesCounter = apps.get_model("core", "SeriesCounter")
    rounds = PioneerRound.objects.filter(publicity_ends_on__isnull=False).order_by("pk")
    if not rounds.exists():
        return
    round_ct, publicity_ct = _ct(apps, "gridwork", "pioneerround"), _ct(apps, "publicity", "publicity")
    objection_ct = _ct(apps, "publicity", "objection")
    last_seq = {}
    for rnd in rounds:
        posted = (Event.objects.filter(content_type=round_ct, object_id=rnd.pk, action="publicize")
                  .order_by("at").first())
        posted_at = posted.at if posted else timezone.now()
        start_on = (timezone.localdate(posted.at) if posted
                    else rnd.publicity_ends_on - timedelta(days=7))
        listed = (Nomination.objects.filter(round=rnd, status__in=("selected", "removed"))
                  .select_related("person", "town").order_by("level", "rank", "pk"))
        old = list(OldObjection.objects.filter(nomination__round=rnd).order_by("filed_at", "pk"))
        if rnd.status == "cancelled":
            status = "withdrawn"
        elif rnd.status == "published":
            status = "resolved" if old else "ended_clean"
        else:
            status = "published"
        publicity = Publicity.objects.create(
            subject_type=round_ct, subject_id=rnd.pk, kind="pioneer", scope="county_site",
            title=f"{rnd.title}拟表彰人选公示",
            published_fields=[{"key": f"n{n.pk}", "label": LEVEL_LABELS.get(n.level, n.level),
                               "value": f"{n.person.name}（{n.town.name}）"} for n in listed],
            start_on=start_on, min_working_days=MIN_WORKING_DAYS, end_on=rnd.publicity_ends_on,
            end_is_provisional=False, contact_phone="", status=status,
            created_by_id=rnd.created_by_id, created_at=posted_at, published_at=posted_at,
            ended_at=rnd.published_at if rnd.status == "published" else None)
        note = "迁移自先锋选树公示"
        Event.objects.create(content_type=publicity_ct, object_id=publicity.pk, at=posted_at,
                             actor_id=posted.actor_id if posted else None,
                             action="publicity_created", to_state="draft", note=note,
                             extra={"migrated": True, "round_id": rnd.pk})
        Event.objects.create(content_type=publicity_ct, object_id=publicity.pk, at=posted_at,
                             actor_id=posted.actor_id if posted else None,
                             action="publicity_publish", from_state="draft",
                             to_state="published", note=note, extra={"migrated": True})
        for o in old:
            year = timezone.localdate(o.filed_at).year
            if year not in last_seq:
                last_seq[year] = Objection.objects.filter(year=year).aggregate(
                    m=Max("seq"))["m"] or 0
            last_seq[year] += 1
            new_status = OBJECTION_STATUS[o.status]
            new = Objection.objects.create(
                publicity=publicity, year=year, seq=last_seq[year], received_at=o.filed_at,
                channel="online", entry_key=f"n{o.nomination_id}", content=o.text,
                submitted_by_id=o.filed_by_id, status=new_status, handled_by_id=o.handled_by_id,
                finding=o.resolution, closed_at=o.handled_at)
            Event.objects.create(content_type=objection_ct, object_id=new.pk, at=o.filed_at,
                                 actor_id=o.filed_by_id, action="objection_received",
                                 to_state="received", note=note,
                                 extra={"migrated": True, "old_objection_id": o.pk})
            if new_status in CLOSE_ACTION:
                Event.objects.create(content_type=objection_ct, object_id=new.pk,
                                     at=o.handled_at or o.filed_at, actor_id=o.handled_by_id,
                                     action=CLOSE_ACTION[new_status], from_state="received",
                                     to_state=new_status, note=o.resolution,
                                     extra={"migrated": True})
    for year, seq in last_seq.items():
        counter, _created = SeriesCounter.objects.get_or_create(
            series="publicity.objection", period=str(year), defaults={"last": 0})
        if counter.last < seq:
            SeriesCounter.objects.filter(pk=counter.pk).update(last=seq)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0008_seriescounter"),
        ("gridwork", "0003_files_stored_file"),
        ("publicity", "0001_initial"),
    ]

    # Not reversible with its data: 0004 drops the old table (reversing 0004 restores an empty
    # one), so going back would lose objections; the reverse is a no-op.
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
