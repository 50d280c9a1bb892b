from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from grassroots.core.policy import require

from ..models import DemonstrationSite, MassRepresentative, SiteKind


@login_required
def site_list(request):
    """示范区名录: the demonstration sites by kind, scope-filtered."""
    require(request.user, "partyday.view")
    kind = request.GET.get("kind", "")
    qs = DemonstrationSite.objects.restrict(request.user).select_related("org")
    if kind in SiteKind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("kind", "org__path"), 50).get_page(request.GET.get("page"))
    return render(request, "partyday/site_list.html", {"page": page, "kinds": SiteKind.choices,
                                                       "kind": kind})


@login_required
def rep_list(request):
    """群众代表名录 with the number of contacts logged."""
    from django.db.models import Count

    require(request.user, "partyday.view")
    qs = (MassRepresentative.objects.restrict(request.user).filter(is_active=True)
          .select_related("person", "branch", "village").annotate(contacts_n=Count("contacts"))
          .order_by("branch__path", "id"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "partyday/rep_list.html", {"page": page})
