"""Who may do what with publicities (see core/policy.py)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import Policy, rule
from grassroots.core.scope import Role, get_scope

from .models import Publicity


def _officer(scope) -> bool:
    return (scope.sees_all_party or Role.TOWN_STAFF in scope.roles
            or Role.UNIT_LEADER in scope.roles or Role.HANDLER in scope.roles
            or bool(_party(scope)))


def _party(scope):
    try:
        return scope.ids("party_org")
    except KeyError:
        return frozenset()


def _citizen_only(scope) -> bool:
    """A citizen's account without a party post (a village branch secretary is often a
    villager: his party post makes him an officer of his branch's publicities)."""
    return scope.is_citizen and not _party(scope)


def officer_of(user, publicity) -> bool:
    """Whether ``user`` runs this publicity (publishes, withdraws, handles its objections)."""
    scope = get_scope(user)
    if not _officer(scope) or _citizen_only(scope):
        return False
    return Publicity.objects.restrict_scope(scope, "change").filter(pk=publicity.pk).exists()


class PublicityPolicy(Policy):
    app_label = "publicity"

    # The officers' pages: county managers and supervisors, towns, units, party branches.
    @rule("未找到", hidden=True)
    def officer_pages(self, scope, obj=None):
        return not _citizen_only(scope) and (_officer(scope) or scope.is_supervisor)

    @rule(_("只有组织部、镇街、单位或党组织的工作人员可以发布公示。"))
    def publish(self, scope, obj=None):
        return not _citizen_only(scope) and _officer(scope)

    @rule(_("只能处理本单位、本镇街或本党组织发布的公示。"))
    def run(self, scope, publicity=None):
        if _citizen_only(scope) or not _officer(scope):
            return False
        return Publicity.objects.restrict_scope(scope, "change").filter(pk=publicity.pk).exists()


def may_own(scope, *, organization_id=None, town_id=None, owner_app: str = "",
            owner_id=None) -> bool:
    """Whether a publicity with these owners would be in the scope's "change" rows (the same
    test as ``PublicityQuerySet.restrict_scope``, before the row exists)."""
    if _citizen_only(scope):
        return False
    if scope.sees_all_party:
        return True
    if Role.TOWN_STAFF in scope.roles and town_id is not None and town_id in scope.town_ids:
        return True
    if organization_id is not None and organization_id in scope.unit_ids:
        return True
    return owner_app == "party" and owner_id is not None and owner_id in _party(scope)
