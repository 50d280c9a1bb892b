"""What the talent records add to a user's scope: an active committee expert and an applicant
with a register entry get their roles (registered in TalentConfig.ready)."""

from django.utils import timezone

from grassroots.core import clock

from .roles import TalentRole


def talent_scope(user, person):
    from .models import Expert, RuralTalent

    roles = set()
    today = timezone.localdate(clock.now())
    if Expert.objects.filter(person=person, term_from__lte=today, term_to__gte=today).exists():
        roles.add(TalentRole.COMMITTEE_EXPERT)
    if RuralTalent.objects.filter(person=person).exists():
        roles.add(TalentRole.APPLICANT)
    return roles, {}
