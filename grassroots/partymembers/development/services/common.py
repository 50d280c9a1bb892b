"""What every development service shares: the date of an act, the part the actor plays, the
rule verdicts stored on the step record, and applying one row of the table."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.scope import get_scope
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.rulesets.checks import rule_require, warning_record
from grassroots.rulesets.selectors import NoRuleSet, rule_param

from ..models import CaseStatus, DevelopmentCase, StepRecord
from ..transitions import DEVELOPMENT_TABLE, RECUSAL_ACTIONS, case_who


def today() -> date:
    return timezone.localdate(clock.now())


def text_of(value, limit: int = 300) -> str:
    return clean_text(value or "")[:limit]


def lock(case: DevelopmentCase) -> DevelopmentCase:
    return (DevelopmentCase.objects.select_for_update().select_related("rule_set", "organisation")
            .get(pk=case.pk))


def last_done_on(case: DevelopmentCase) -> date:
    last = (StepRecord.objects.filter(case=case).order_by("-done_on")
            .values_list("done_on", flat=True).first())
    return last or case.applied_on


def act_on(case: DevelopmentCase, on: date | None, field: str = "on") -> date:
    """The day the step was done: today by default, never in the future, never before the
    previous step."""
    on = on or today()
    if not isinstance(on, date):
        raise ApplicationError(_("请填写办理日期。"), field=field)
    if on > today():
        raise ApplicationError(_("办理日期不能晚于今天。"), field=field)
    previous = last_done_on(case)
    if on < previous:
        raise ApplicationError(_("办理日期不能早于上一步骤的日期（%(d)s）。")
                               % {"d": f"{previous:%Y-%m-%d}"}, field=field)
    return on


def who_for(actor, case: DevelopmentCase, action: str) -> str:
    """The part the actor plays for ``action`` on ``case``, or the refusal."""
    parts = case_who(actor, case)
    if not parts:
        raise NotInScope(_("您不能办理该发展党员的事项。"))
    if action in RECUSAL_ACTIONS and case.recused_person_id \
            and get_scope(actor).person_id == case.recused_person_id:
        raise NotInScope(_("您是申请人的近亲属所涉村干部，须回避，不能办理此步骤。"))
    if case.status == CaseStatus.SUSPENDED:
        raise ApplicationError(_("组织关系转接中，暂停办理；转接完成后继续。"))
    for who in parts:
        if DEVELOPMENT_TABLE.find(case.step, action, who):
            return who
    transition_check(DEVELOPMENT_TABLE, case.step, action, parts[0])  # raises the refusal
    raise NotInScope(_("您不能办理该发展党员的此步骤。"))


class Verdicts:
    """The verdict of every rule a step is held to. A hard rule that fails raises
    ``RuleRefused`` naming the rule and article (nothing is written); a soft one is kept as a
    warning and recorded on the case after the step."""

    def __init__(self, case: DevelopmentCase):
        self.case = case
        self.results: list[dict] = []
        self.warnings = []

    def _param(self, key):
        try:
            return rule_param(self.case.rule_set, key)
        except NoRuleSet:
            return None

    def hard(self, key: str, ok: bool, *, field: str | None = None, **fmt) -> None:
        rule_require(self.case.rule_set, key, ok, field=field, **fmt)
        param = self._param(key)
        self.results.append({"key": key, "kind": "hard", "ok": True,
                             "article": param.article if param else ""})

    def soft(self, key: str, ok: bool, *, due_on: date | None = None, **fmt) -> None:
        if self._param(key) is None:  # the set in force has no such rule (a 2014 case)
            return
        warning = rule_require(self.case.rule_set, key, ok, due_on=due_on, **fmt)
        entry = {"key": key, "kind": "soft", "ok": warning is None,
                 "article": self._param(key).article}
        if warning is not None:
            entry["message"] = warning.message
            self.warnings.append(warning)
        self.results.append(entry)

    def gate(self, key: str, message: str = "") -> None:
        """A county gate that passed (joint review, political review, publicity)."""
        self.results.append({"key": key, "kind": "gate", "ok": True, "message": message})


def step_apply(*, actor, case: DevelopmentCase, action: str, who: str, on: date,
               verdicts: Verdicts, fields: dict | None = None, note: str = "",
               extra: dict | None = None) -> StepRecord:
    """Apply the row, store the step record with the verdicts, record the warnings. Call it
    inside the service's transaction with the case locked."""
    transition_apply(DEVELOPMENT_TABLE, case, action=action, who=who, actor=actor,
                     fields=fields or {}, note=note,
                     extra={"on": on.isoformat(), **(extra or {})})
    record = StepRecord.objects.create(
        case=case, action=action, step=case.step, done_on=on,
        actor=actor if getattr(actor, "pk", None) else None, note=note[:300],
        rule_results=verdicts.results, has_warning=bool(verdicts.warnings))
    for warning in verdicts.warnings:
        warning_record(case, warning)
    return record
