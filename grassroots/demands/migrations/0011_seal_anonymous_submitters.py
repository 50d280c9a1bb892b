"""Move the submitter of old anonymous demands out of the general rows.

Before this, a citizen's anonymous submission named their account as the actor of its events
(``create``, ``recurrence_flagged``), as ``created_by`` and as the uploader of its photos — read
by every timeline, the API and the admin. The account moves to ``AnonymousSubmitter`` (sealed,
see docs/security.md "Anonymity"); the rows keep no actor and say ``{"anonymous": true}``.

``core_event`` is append-only on PostgreSQL (trigger of core/0003): the migration, run by the
table's owner, lifts the trigger for this one correction inside its transaction.
"""

from django.db import migrations

TRIGGER = "core_event_append_only"


def seal(apps, schema_editor):
    Demand = apps.get_model("demands", "Demand")
    Attachment = apps.get_model("demands", "Attachment")
    AnonymousSubmitter = apps.get_model("demands", "AnonymousSubmitter")
    Event = apps.get_model("core", "Event")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Person = apps.get_model("people", "Person")

    ct = ContentType.objects.filter(app_label="demands", model="demand").first()
    if ct is None:
        return  # a fresh database: nothing recorded yet
    # Only the citizen channel: there the actor is the submitter; on the other channels the actor
    # is the staff member or integration that recorded the call, not the person who made it.
    demands = Demand.objects.filter(is_anonymous=True, channel="citizen")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres and demands.exists():
        # ALTER TABLE refuses to run while the table has pending (deferred) trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE core_event DISABLE TRIGGER {TRIGGER}")
    for demand in demands.iterator():
        events = Event.objects.filter(content_type=ct, object_id=demand.pk)
        create = events.filter(action="create").exclude(actor=None).first()
        user_id = create.actor_id if create is not None else demand.created_by_id
        if user_id is None:
            continue
        person = Person.objects.filter(user_id=user_id).first()
        AnonymousSubmitter.objects.get_or_create(
            demand_id=demand.pk, defaults={"user_id": user_id,
                                           "person_id": person.pk if person else None})
        for event in events.filter(actor_id=user_id):
            event.actor_id = None
            event.extra = {**(event.extra or {}), "anonymous": True}
            event.save(update_fields=["actor", "extra"])
        Attachment.objects.filter(demand_id=demand.pk, uploaded_by_id=user_id).update(
            uploaded_by=None)
        if demand.created_by_id == user_id:
            Demand.objects.filter(pk=demand.pk).update(created_by=None)
    if postgres and demands.exists():
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE core_event ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("demands", "0010_anonymous_submitter"),
        ("core", "0006_notification_message"),
    ]
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
