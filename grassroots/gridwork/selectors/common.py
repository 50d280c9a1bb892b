from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """``COUNT(*)`` of a correlated subquery (pass ``qs.values("pk")``); 0 when nothing matches."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()
