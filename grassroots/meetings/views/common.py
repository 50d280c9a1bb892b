from grassroots.core.scope import get_scope
from grassroots.party.models import PartyOrganisation

from ..models import org_ids_in_scope


def recordable_orgs(user):
    """The active organisations whose meetings the user records."""
    ids = org_ids_in_scope(get_scope(user))
    qs = PartyOrganisation.objects.filter(is_active=True).order_by("path")
    return qs if ids is None else qs.filter(pk__in=ids)


def guest_candidates(user):
    """Who may be added as a guest: cadres, and the party members of the organisations the user
    records (a citizen's record is not listed to a branch)."""
    from django.db.models import Q

    from grassroots.people.models import Person, PersonKind

    orgs = recordable_orgs(user)
    return Person.objects.filter(
        Q(kind=PersonKind.CADRE) | Q(party_member__organisation__in=orgs,
                                     party_member__is_active=True)).distinct().order_by("name")
