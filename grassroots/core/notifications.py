"""In-app notifications with an email copy sent after the transaction commits."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from . import clock
from .models import Notification


def notify(*, recipients, kind: str, title: str, body: str = "", url: str = "",
           dedup_key: str = "") -> int:
    """Notify each recipient once per ``dedup_key``; returns how many new notifications."""
    created = 0
    emails = []
    for user in {u.pk: u for u in recipients if u is not None}.values():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=user, kind=kind, title=title[:200], body=body, url=url,
                    dedup_key=dedup_key, created_at=clock.now(),
                )
        except IntegrityError:
            continue  # already notified for this key: running a job twice sends nothing twice
        created += 1
        if user.email:
            emails.append(user.email)
    if emails:
        transaction.on_commit(
            lambda: send_mail(title[:200], f"{body}\n{url}", None, emails, fail_silently=True)
        )
    return created
