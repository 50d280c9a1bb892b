from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.parsing import ids_of
from grassroots.core.policy import require

from ..rules import OBLIGATIONS_BY_KEY
from ..selectors import calendar, missing_by_obligation, orgs_for_calendar, recordable_orgs


@login_required
def calendar_page(request):
    """held/expected per branch and month of a year, for a committee's tree or one branch."""
    require(request.user, "meetings.view")
    orgs = recordable_orgs(request.user)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    picked = ids_of([request.GET.get("org", "")])
    if picked:
        org = orgs.filter(pk=picked[0]).first()
        if org is None:
            raise Http404(_("未找到"))
    else:
        org = orgs.first()
    data = calendar(request.user, org, year) if org else {"rows": [], "expected": 0, "held": 0}
    missing = [{"label": OBLIGATIONS_BY_KEY[m["obligation"]].label, **m}
               for m in (missing_by_obligation(request.user, org, year) if org else [])
               if m["obligation"] in OBLIGATIONS_BY_KEY]
    closed_month = today.month if year == today.year else (13 if year < today.year else 0)
    return render(request, "meetings/calendar.html", {
        "org": org, "orgs": orgs_for_calendar(request.user).filter(pk__in=orgs.values("pk")),
        "year": year, "data": data, "missing": missing, "months": range(1, 13),
        "closed_month": closed_month})
