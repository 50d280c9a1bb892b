"""Reads of theme party days, always scope-filtered (the same 404 for missing and not yours)."""

from __future__ import annotations

from django.db.models import Count

from grassroots.core.selectors import get_for_user
from grassroots.demands.selectors import demand_list
from grassroots.party.models import BRANCH_KINDS, PartyOrganisation

from .models import Invitation, MassRepresentative, MenuItem, MenuStatus, ThemePartyDay
from .models_registers import Suggestion


def days_for(user, *, month=None, status: str = ""):
    qs = (ThemePartyDay.objects.restrict(user).select_related("branch")
          .annotate(n_suggestions=Count("suggestions")))
    if month:
        qs = qs.filter(month=month)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-month", "branch__path")


def get_day_for_user(user, pk) -> ThemePartyDay:
    return get_for_user(ThemePartyDay.objects.select_related("branch", "meeting"), user, pk)


def recordable_branches(user):
    return (PartyOrganisation.objects.restrict(user)
            .filter(kind__in=BRANCH_KINDS, is_active=True).order_by("path"))


def plannable_items(user, year: int):
    """Items of the published village menus of the branches the user records for."""
    return (MenuItem.objects.filter(menu__owner_org__in=recordable_branches(user),
                                    menu__year=year, menu__status=MenuStatus.PUBLISHED,
                                    menu__level="village")
            .select_related("menu__owner_org").order_by("menu__owner_org__path", "id"))


def suggestions_for(user, *, status: str = ""):
    qs = Suggestion.objects.restrict(user).select_related("theme_day__branch", "demand")
    return qs.filter(status=status) if status else qs


def get_suggestion_for_user(user, pk) -> Suggestion:
    return get_for_user(Suggestion.objects.select_related("theme_day__branch", "raised_by"),
                        user, pk)


def demand_status_for(user, suggestion) -> dict | None:
    """The linked demand's live status. Its page is linked only for a viewer S1's scope lets
    see it; the branch that raised it always sees its number, status and outcome."""
    if not suggestion.demand_id:
        return None
    visible = demand_list(user).filter(pk=suggestion.demand_id).exists()
    d = suggestion.demand
    return {"number": d.number, "status": d.get_status_display(), "status_code": d.status,
            "outcome": d.get_outcome_display() if d.outcome else "",
            "reply": d.reply_text if visible else "", "visible": visible, "pk": d.pk}


def attended_invitations(day):
    return Invitation.objects.filter(theme_day=day, attended=True).select_related("person")


def representatives_of(user, branch=None):
    qs = MassRepresentative.objects.restrict(user).filter(is_active=True).select_related("person")
    return qs.filter(branch=branch) if branch is not None else qs


def own_representation(user):
    """The register rows of the signed-in mass representative."""
    from grassroots.core.scope import get_scope

    return MassRepresentative.objects.filter(pk__in=get_scope(user).ids("partyday_rep"))


def own_invitations(user):
    """Invitations to the signed-in person, the coming theme days first."""
    from grassroots.core.scope import get_scope

    person_id = get_scope(user).person_id
    if not person_id:
        return Invitation.objects.none()
    return (Invitation.objects.filter(person_id=person_id)
            .select_related("theme_day__branch").order_by("-theme_day__planned_on", "-id"))


def guide_comments_by_member(member_ids, year: int) -> dict[int, str]:
    """S2's organisation rating reads the town guide's comments (点评) on each member in the
    year's theme party days (one query), oldest first."""
    from .models import GuideComment

    out: dict[int, list[str]] = {}
    for member_id, month, text in (GuideComment.objects
                                   .filter(member_id__in=list(member_ids),
                                           theme_day__month__year=year)
                                   .order_by("theme_day__month", "pk")
                                   .values_list("member_id", "theme_day__month", "text")):
        out.setdefault(member_id, []).append(f"{month:%m}月：{text}")
    return {member_id: "；".join(texts) for member_id, texts in out.items()}
