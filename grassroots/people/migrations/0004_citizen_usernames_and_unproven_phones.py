"""Existing data under the SMS-proof rules, without verifying anyone:

- a citizen whose username is their phone gets ``c_<random>`` (they keep signing in with the
  phone, see people.backends.PhoneBackend), so the phone no longer shows in clear in audit rows,
  lockout records and the admin list;
- demands that staff or an integration recorded under a phone and that landed on an account
  which never proved the phone move to that phone's login-less profile: they join an account
  again only when it proves the phone by SMS code (people.verification).
"""

import re
import secrets

from django.db import migrations

MOBILE = re.compile(r"^1[3-9][0-9]{9}$", re.ASCII)


def rename_phone_usernames(apps, schema_editor):
    User = apps.get_model("people", "User")
    for user in User.objects.filter(person__kind="citizen").only("pk", "username").iterator():
        if MOBILE.fullmatch(user.username or ""):
            while True:
                name = f"c_{secrets.token_hex(6)}"
                if not User.objects.filter(username=name).exists():
                    break
            User.objects.filter(pk=user.pk).update(username=name)


def unlink_recorded_demands(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Demand = apps.get_model("demands", "Demand")
    claimants = Person.objects.filter(kind="citizen", user__isnull=False,
                                      phone_verified_at__isnull=True).exclude(phone_hash="")
    for claimant in claimants.iterator():
        recorded = Demand.objects.filter(citizen_id=claimant.pk).exclude(channel="citizen")
        if not recorded.exists():
            continue
        profile = (Person.objects.filter(phone_hash=claimant.phone_hash, kind="citizen",
                                         user__isnull=True).order_by("pk").first())
        if profile is None:
            profile = Person.objects.create(
                name="来电群众", kind="citizen", phone=claimant.phone,
                phone_hash=claimant.phone_hash, phone_masked=claimant.phone_masked)
        recorded.update(citizen_id=profile.pk)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_phone_verification"),
        ("demands", "0013_demand_citizen_name"),
    ]

    operations = [
        migrations.RunPython(rename_phone_usernames, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(unlink_recorded_demands, migrations.RunPython.noop, elidable=True),
    ]
