"""The demo step on a small party tree: a year of calendars with held and missed meetings, a
few votes judged by the party rule, and the summary count."""

import pytest
from django.db.models import Count, F

from grassroots.demo.registry import SeedContext
from grassroots.demo.summary import collect

from ..demo import seed_meetings
from ..models import ExpectedMeeting, Meeting, Vote
from ..rules import OBLIGATIONS_BY_KEY, PARTY
from ..votes import Tally, vote_evaluate

pytestmark = pytest.mark.django_db


def test_demo_step(party):
    counts = seed_meetings(SeedContext(seed=7, progress=False))
    assert counts["meetings"] == Meeting.objects.count() > 0
    # branch A (committee): 12 × 3 monthly + 4 or 5 quarters × 2 + 1 or 2 years × 2
    per_org = dict(ExpectedMeeting.objects.values("org").annotate(n=Count("id"))
                   .values_list("org", "n"))
    assert 36 + 8 + 2 <= per_org[party.branch_a.pk] <= 12 * 3 + 5 * 2 + 2 * 2
    held = ExpectedMeeting.objects.filter(meeting__isnull=False).count()
    assert 0 < held < ExpectedMeeting.objects.count()  # some missed
    # every fulfilled expectation points at a meeting of its own branch and a fitting kind
    assert not ExpectedMeeting.objects.filter(meeting__isnull=False).exclude(
        org=F("meeting__org")).exists()
    for e in ExpectedMeeting.objects.filter(meeting__isnull=False).select_related("meeting"):
        ob = OBLIGATIONS_BY_KEY[e.obligation]
        assert e.meeting.kind in ob.kinds and e.period_start <= e.meeting.held_at.date()
        assert not ob.appraisal or e.meeting.democratic_appraisal
    assert Vote.objects.filter(meeting__org=party.branch_a).exists()
    for vote in Vote.objects.all():
        outcome = vote_evaluate(PARTY, Tally(vote.should_attend_voting, vote.present_voting,
                                             vote.yes, vote.no, vote.abstain))
        assert outcome.quorum_met and vote.pass_needed == outcome.pass_needed
    assert Vote.objects.filter(meeting__org=party.branch_b).count() == 0  # 3 full members
    assert collect()["meetings"] == Meeting.objects.count()
    assert seed_meetings(SeedContext(seed=7, progress=False))["meetings"] == counts["meetings"]
