"""The member's own pages on a phone: "my points" (summary, entries at once, dispute with a
reason) and the peer rating of his branch's open round."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import id_or_none
from grassroots.party.models import PartyMember

from .. import selectors, services
from ..models import EntryStatus, PeerRating, PeerRound, RoundStatus
from ..services.common import today


@login_required
def mine(request):
    year = today().year
    scheme = selectors.current_scheme(year)
    member = selectors.my_member(request.user)
    entries = list(selectors.my_entries(request.user, year)[:300])
    rnd = rated = fellows = None
    if member is not None and scheme is not None:
        rnd = PeerRound.objects.filter(scheme=scheme, organisation_id=member.organisation_id,
                                       status=RoundStatus.OPEN).first()
        if rnd is not None:
            rated = set(PeerRating.objects.filter(round=rnd, rater=member)
                        .values_list("ratee_id", flat=True))
            fellows = (PartyMember.objects.filter(organisation_id=member.organisation_id,
                                                  is_active=True).exclude(pk=member.pk)
                       .select_related("person").order_by("pk"))
    return render(request, "partymembers/points/mine.html", {
        "scheme": scheme, "member": member, "entries": entries,
        "summary": selectors.my_summary(request.user, scheme), "round": rnd, "rated": rated,
        "fellows": fellows, "disputable": (EntryStatus.PROPOSED, EntryStatus.CONFIRMED)})


@login_required
@require_POST
def dispute(request, pk):
    entry = selectors.my_entries(request.user, today().year).filter(
        pk=id_or_none(pk) or 0).first()
    if entry is None:
        raise Http404(_("未找到"))
    try:
        services.entry_dispute(actor=request.user, entry=entry,
                               reason=request.POST.get("reason", ""))
        messages.success(request, _("异议已提交，支部将研究答复。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("partymembers:points_mine")


@login_required
@require_POST
def rate(request, pk):
    member = selectors.my_member(request.user)
    rnd = PeerRound.objects.filter(pk=id_or_none(pk) or 0).first()
    if member is None or rnd is None or rnd.organisation_id != member.organisation_id:
        raise Http404(_("未找到"))
    ratee = PartyMember.objects.filter(pk=id_or_none(request.POST.get("ratee")) or 0,
                                       organisation_id=rnd.organisation_id).first()
    try:
        if ratee is None:
            raise ApplicationError(_("只能评议本支部的党员。"), field="ratee")
        try:
            score = int(request.POST.get("score", ""))
        except ValueError:
            score = -1
        services.peer_rate(actor=request.user, round=rnd, ratee=ratee, score=score)
        messages.success(request, _("评分已提交。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("partymembers:points_mine")
