"""The outbox's part of /healthz (registered with core.health): what waits to leave, and how
long the oldest has waited."""

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

OUTBOX_WARN_AGE = timedelta(hours=1)


def check_outbox() -> dict:
    from .models import OutboxMessage

    row = OutboxMessage.objects.aggregate(
        pending=Count("pk", filter=Q(status="pending")),
        failed=Count("pk", filter=Q(status="failed")),
        oldest=Min("created_at", filter=Q(status="pending")),
    )
    age = (timezone.now() - row["oldest"]) if row["oldest"] else None
    return {
        "status": "warning" if (row["failed"] or (age and age > OUTBOX_WARN_AGE)) else "ok",
        "pending": row["pending"], "failed": row["failed"],
        "oldest_pending_seconds": int(age.total_seconds()) if age else None,
    }
