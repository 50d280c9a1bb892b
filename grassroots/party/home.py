"""Home-page items for the party section (shared contract): committees whose term is due
within the warning window (or overdue), for the officers who manage them."""

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from .models import PartyOrganisation
from .policy import PartyPolicy
from .rules import rule_value
from .selectors import term_due_soon


def home_items(user, scope) -> list[dict]:
    if not PartyPolicy().allows(scope, "manage"):
        return []
    due = term_due_soon(PartyOrganisation.objects.restrict(user, "change")).aggregate(
        n=Count("pk"), first=Min("term_due_on"))
    if not due["n"]:
        return []
    return [{"section": "party", "kind": "deadline",
             "label": _("%(d)s天内换届到期的党组织") % {"d": rule_value("term_due_warning_days")},
             "count": due["n"], "url": "/party/?due=1", "due_on": due["first"]}]
