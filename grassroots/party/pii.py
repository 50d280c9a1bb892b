"""Whose masked phone and ID number the party roll lets a user see and reveal (registered with
audit.selectors.register_pii_source in PartyConfig.ready): the members of the organisations in
the user's party scope (§9: branch, town tree, county); every reveal is logged by audit."""

from .models import PartyMember


def members_visible(user):
    return PartyMember.objects.restrict(user, "view").filter(is_active=True).values("person_id")


def member_revealable(scope, person) -> bool:
    members = PartyMember.objects.filter(person=person, is_active=True)
    if scope.sees_all_party:
        return members.exists()
    return members.filter(organisation_id__in=scope.ids("party_org")).exists()


def member_reveal_possible(scope) -> bool:
    """Whoever ``member_revealable`` may answer yes for: county-wide party readers and anyone
    with organisations in their party scope."""
    return scope.sees_all_party or bool(scope.ids("party_org"))
