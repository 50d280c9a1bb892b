"""The assessment section's top-bar links and landing cards."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.policy import allows

from .models import RoutineRecord, RoutineStatus


def _runs_assessment(scope) -> bool:
    """The top-bar section shows to people in routine assessment: the authority, section
    leaders, civil servants on a roster, heads of units with a roster (an administrator reaches
    the pages without the section)."""
    from .models import CivilServant
    from .models.scopes import dim, head_unit_ids
    from .roles import AssessmentRole

    if AssessmentRole.AUTHORITY in scope.roles or dim(scope, "assess_section") or dim(
            scope, "assess_member_unit"):
        return True
    units = head_unit_ids(scope)
    return bool(units) and CivilServant.objects.filter(unit_id__in=units, is_active=True).exists()


def nav(user, scope):
    if not scope.user_id or not allows(scope, "assessment.pages") or not _runs_assessment(scope):
        return []
    items = [{"label": _("我的平时考核"), "url": reverse("assessment:mine"), "section": "assessment"},
             {"label": _("年度考核"), "url": reverse("assessment:annuals"), "section": "assessment"}]
    if allows(scope, "assessment.unit_pages"):
        items.append({"label": _("考核季度"), "url": reverse("assessment:periods"),
                      "section": "assessment"})
        items.append({"label": _("平时考核联系点"), "url": reverse("assessment:contact_points"),
                      "section": "assessment"})
        items.append({"label": _("考核方案"), "url": reverse("assessment:schemes"),
                      "section": "assessment"})
        items.append({"label": _("优秀等次名额"), "url": reverse("assessment:quotas"),
                      "section": "assessment"})
    return items


def home_items(user, scope) -> list[dict]:
    if not scope.user_id or not allows(scope, "assessment.pages"):
        return []
    items = []
    if scope.person_id:
        mine = RoutineRecord.objects.filter(
            person_id=scope.person_id,
            status__in=[RoutineStatus.OPEN, RoutineStatus.LOGGING, RoutineStatus.FED_BACK],
        ).aggregate(n=Count("pk"))["n"]
        if mine:
            items.append({"section": "assessment", "kind": "waiting",
                          "label": _("待我填写或确认的平时考核"), "count": mine,
                          "url": reverse("assessment:mine")})
    waiting = RoutineRecord.objects.restrict_scope(scope).exclude(
        person_id=scope.person_id).aggregate(n=Count("pk", filter=Q(
            status__in=[RoutineStatus.SELF_SUMMARISED, RoutineStatus.ASSESSED,
                        RoutineStatus.APPEALED])))["n"]
    if waiting:
        items.append({"section": "assessment", "kind": "waiting",
                      "label": _("待评鉴、审核或处理申诉的平时考核"), "count": waiting,
                      "url": reverse("assessment:periods")})
    return items
