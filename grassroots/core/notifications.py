"""In-app notifications with an email copy sent after the transaction commits."""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet

from . import clock
from .models import Notification


def notify(*, recipients, kind: str, title: str, body: str = "", url: str = "",
           dedup_key: str = "") -> int:
    """Notify each recipient once per ``dedup_key``; returns how many new notifications.

    ``recipients`` is a list of users or a queryset of them (then the users already notified
    for the key are left out by the same query). Two statements whatever the number of
    recipients: the recipients (or the already notified), one INSERT. The unique constraint
    still guards the key: a concurrent notify of the same key inserts nothing twice.
    """
    if dedup_key and isinstance(recipients, QuerySet):
        recipients = recipients.exclude(
            pk__in=Notification.objects.filter(dedup_key=dedup_key).values("recipient_id"))
        users = list({u.pk: u for u in recipients}.values())
    else:
        users = list({u.pk: u for u in recipients if u is not None}.values())
        if dedup_key and users:
            done = set(Notification.objects.filter(
                dedup_key=dedup_key, recipient_id__in=[u.pk for u in users],
            ).values_list("recipient_id", flat=True))
            users = [u for u in users if u.pk not in done]
    if not users:
        return 0
    at, title = clock.now(), title[:200]
    Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, title=title, body=body, url=url,
                      dedup_key=dedup_key, created_at=at) for user in users],
        ignore_conflicts=True,  # already notified meanwhile: running a job twice sends nothing twice
    )
    emails = [user.email for user in users if user.email]
    if emails:
        transaction.on_commit(
            lambda: send_mail(title, f"{body}\n{url}", None, emails, fail_silently=True)
        )
    return len(users)
