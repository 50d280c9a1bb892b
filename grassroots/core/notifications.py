"""In-app notifications with an email copy sent after the transaction commits."""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import translation

from . import clock
from .i18n import Message
from .models import Notification

_COLUMNS = ("recipient_id", "kind", "title", "body", "message", "url", "dedup_key", "created_at")
_CHUNK = 500  # rows per INSERT: well under SQLite's limit of bound parameters


def notify(*, recipients, kind: str, title: Message | str,
           body: Message | Sequence[Message] | str = "", url: str = "",
           dedup_key: str = "") -> int:
    """Notify each recipient once per ``dedup_key``; returns how many new notifications.

    ``title`` and ``body`` are ``Message``s, stored untranslated and shown in each reader's
    language (``body`` may be several, one per line); a plain string is stored as typed.

    ``recipients`` is a list of users or a queryset of them (then the users already notified
    for the key are left out by the same query). The rows go in with one
    ``INSERT … ON CONFLICT DO NOTHING RETURNING`` whatever the number of recipients, and only
    the recipients whose row this call wrote get an email: a concurrent notify of the same key
    that got there first keeps its row and its email (PostgreSQL makes the second INSERT wait
    for the first transaction), so running a job twice, or on two workers, sends nothing twice.
    """
    if dedup_key and isinstance(recipients, QuerySet):
        recipients = recipients.exclude(
            pk__in=Notification.objects.filter(dedup_key=dedup_key).values("recipient_id"))
    users = list({u.pk: u for u in recipients if u is not None}.values())
    if not users:
        return 0
    shown = notification_new(title=title, body=body)
    # The same for every row: adapted once (a JSON string on SQLite, jsonb on PostgreSQL).
    message = Notification._meta.get_field("message").get_db_prep_save(shown.message, connection)
    at = clock.now()
    written = set()
    for start in range(0, len(users), _CHUNK):
        written |= _insert(users[start:start + _CHUNK],
                           (kind, shown.title, shown.body, message, url, dedup_key, at))
    emails = [user.email for user in users if user.email and user.pk in written]
    if emails:
        subject, text = email_copy(shown)
        transaction.on_commit(
            lambda: send_mail(subject, f"{text}\n{url}", None, emails, fail_silently=True)
        )
    return len(written)


def notification_new(*, title: Message | str, body: Message | Sequence[Message] | str = "",
                     **fields) -> Notification:
    """An unsaved notification with ``title`` and ``body`` stored as ``notify`` stores them."""
    message = {}
    if isinstance(title, Message):
        message["title"], title = title.as_json(), ""
    if isinstance(body, Message):
        body = [body]
    if not isinstance(body, str):
        message["body"], body = [part.as_json() for part in body], ""
    return Notification(title=title[:200], body=body, message=message, **fields)


def email_copy(notification: Notification) -> tuple[str, str]:
    """The email's subject and text. The user model records no language (the English switch
    is a cookie of one browser), so the copy is written in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return notification.title_text[:200], notification.body_text


def _insert(users, values) -> set[int]:
    """The recipients whose row this INSERT wrote (a row of the same recipient and key that is
    already there is skipped by the unique constraint and not returned)."""
    kind, title, body, message, url, dedup_key, at = values
    created = connection.ops.adapt_datetimefield_value(at)
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    sql = (f"INSERT INTO {connection.ops.quote_name(Notification._meta.db_table)} "
           f"({', '.join(_COLUMNS)}) VALUES {', '.join([row] * len(users))} "
           "ON CONFLICT DO NOTHING RETURNING recipient_id")
    params = [v for u in users
              for v in (u.pk, kind, title, body, message, url, dedup_key, created)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {r[0] for r in cursor.fetchall()}


def notification_mark_read(*, actor, notification_id: int | None = None) -> int:
    """Mark the actor's own unread notifications read (one, or all of them); returns how many.

    Only the recipient's rows are touched, so another user's id changes nothing; a row already
    read keeps the time it was first read.
    """
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=clock.now())
