"""The labels of the grid-work events, and each subject's timeline rows for its page.

Every ``action`` a grid-work service (or the team services of ``people``, whose events are on the
service team) passes to ``event_record`` has a label here; a test keeps it so.
"""

from django.utils.translation import gettext_lazy as _

from grassroots.core.timeline import subject_timeline
from grassroots.people.models import TeamSeat
from grassroots.publicity.models import ObjectionStatus

from .models import RoundStatus, TrainingKind
from .transitions import ACTION_LABELS as ROUND_ACTION_LABELS

ACTION_LABELS = {
    # visits
    "visit_recorded": _("登记走访"),
    "visits_imported": _("批量导入走访记录"),
    # trainings
    "training_created": _("登记培训"),
    "training_materials_added": _("上传培训材料"),
    "attendance_recorded": _("记录参训人员"),
    # volunteering
    "volunteer_recorded": _("登记志愿服务"),
    # the monthly rhythm
    "theme_set": _("设置月度主题"),
    "report_compiled": _("生成月末通报"),
    # pioneer rounds (the transitions' own labels for the table's actions)
    "round_created": _("发起选树"),
    **ROUND_ACTION_LABELS,
    "nominated": _("推荐人选"),
    "scored": _("评审打分"),
    "objection_filed": _("提出异议"),
    "objection_handled": _("处理异议"),
    # service teams (events written by grassroots.people.services and the team import)
    "team_member_assigned": _("安排民情书记"),
    "team_member_replaced": _("更换民情书记"),
}


def visit_timeline(visit) -> list[dict]:
    return subject_timeline(visit, actions=ACTION_LABELS)


def training_timeline(session) -> list[dict]:
    return subject_timeline(session, actions=ACTION_LABELS, states=TrainingKind)


def team_timeline(team) -> list[dict]:
    return subject_timeline(team, actions=ACTION_LABELS, states=TeamSeat)


def round_timeline(rnd) -> list[dict]:
    # Rows written before the move to grassroots.publicity say "dismissed" for not upheld.
    handled = {**dict(ObjectionStatus.choices), "dismissed": _("异议不成立")}
    return subject_timeline(rnd, actions=ACTION_LABELS, states=RoundStatus,
                            action_states={"objection_handled": handled})

