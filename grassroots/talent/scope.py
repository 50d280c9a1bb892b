"""What the talent records add to a user's scope: an active committee expert and an applicant
with a register entry get their roles (registered in TalentConfig.ready)."""

from django.utils import timezone

from grassroots.core import clock

from .roles import TalentRole


def talent_scope(user, person):
    """One query: both roles' conditions as two EXISTS in one SELECT."""
    from django.db.models import Exists

    from grassroots.people.models import Person

    from .models import Expert, RuralTalent

    today = timezone.localdate(clock.now())
    expert = Expert.objects.filter(person=person, term_from__lte=today, term_to__gte=today)
    talent = RuralTalent.objects.filter(person=person)
    is_expert, is_talent = Person.objects.filter(pk=person.pk).values_list(
        Exists(expert), Exists(talent)).first() or (False, False)
    roles = set()
    if is_expert:
        roles.add(TalentRole.COMMITTEE_EXPERT)
    if is_talent:
        roles.add(TalentRole.APPLICANT)
    return roles, {}
