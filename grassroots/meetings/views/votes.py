from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.idempotency import create_once
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.party.models import COMMITTEE_KINDS, MemberStatus, PartyMember, PartyOrganisation

from .. import services
from ..forms import EXCLUSION_CHOICES, EXCLUSION_ROWS, VoteForm, exclusions_from_post
from ..models import Meeting
from ..services.votes import RULE_OF_KIND


@login_required
def vote_new(request, pk):
    require(request.user, "meetings.view")
    meeting = get_for_user(Meeting.objects.select_related("org"), request.user, pk)
    require(request.user, "meetings.record", meeting)
    form = VoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            with refusals(request, form=form) as refused:
                create_once(request, operation="meetings.vote_record", create=lambda: (
                    services.vote_record(actor=request.user, meeting=meeting,
                                         excluded=exclusions_from_post(request.POST), **data)))
            if not refused:
                messages.success(request, _("表决结果已登记。"))
                return redirect("meetings:detail", pk=meeting.pk)
            status = refused.status
    held_on = timezone.localdate(meeting.held_at)
    full = (PartyMember.objects.filter(Q(full_on__isnull=True) | Q(full_on__lte=held_on),
                                       organisation_id=meeting.org_id, is_active=True,
                                       status=MemberStatus.FULL, joined_on__lte=held_on)
            .select_related("person").order_by("person__name"))
    upper = PartyOrganisation.objects.filter(pk__in=meeting.org.ancestor_ids(),
                                             kind__in=COMMITTEE_KINDS).order_by("path")
    return render(request, "meetings/vote_new.html", {
        "meeting": meeting, "form": form, "full_members": full, "upper": upper,
        "probationary": PartyMember.objects.filter(
            organisation_id=meeting.org_id, is_active=True,
            status=MemberStatus.PROBATIONARY).count(),
        "party_rule": RULE_OF_KIND.get(meeting.kind) == "party",
        "reasons": EXCLUSION_CHOICES, "rows": range(EXCLUSION_ROWS)}, status=status)


