from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from grassroots.core import clock
from grassroots.core.policy import can, require

from ..forms import RepresentativeForm, SiteActForm, SiteForm
from ..models import DemonstrationSite, MassRepresentative, SiteKind
from ..selectors import recordable_branches
from ..transitions import SITE_TABLE
from .edit import party_orgs_for


@login_required
def site_list(request):
    """示范区名录: the demonstration sites by kind, scope-filtered."""
    require(request.user, "partyday.view")
    kind = request.GET.get("kind", "")
    qs = DemonstrationSite.objects.restrict(request.user).select_related("org")
    if kind in SiteKind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("kind", "org__path"), 50).get_page(request.GET.get("page"))
    manage = can(request.user, "partyday.manage_sites")
    if manage:
        for site in page:
            site.actions = [(a, SITE_TABLE.action_label(a))
                            for a in SITE_TABLE.actions(site.status, "county")]
    return render(request, "partyday/site_list.html", {
        "page": page, "kinds": SiteKind.choices, "kind": kind, "manage": manage,
        "form": SiteForm(orgs=party_orgs_for(request.user)) if manage else None,
        "act_form": SiteActForm(initial={"on": clock.now().date()})})


@login_required
def rep_list(request):
    """群众代表名录 with the number of contacts logged."""
    from django.db.models import Count

    require(request.user, "partyday.view")
    qs = (MassRepresentative.objects.restrict(request.user).filter(is_active=True)
          .select_related("person", "branch", "village").annotate(contacts_n=Count("contacts"))
          .order_by("branch__path", "id"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    branches = recordable_branches(request.user)
    return render(request, "partyday/rep_list.html", {
        "page": page, "form": RepresentativeForm(branches=branches) if branches.exists()
        else None})
