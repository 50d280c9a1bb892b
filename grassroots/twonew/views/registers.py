"""Creating a register row (instructor, training class, lecturer, lecture, red team, problem):
one table of (form, service, permission, message, page to go back to) read by one view. The
form parses, the service decides; a refusal comes back beside its field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import require
from grassroots.core.refusals import refusals

from .. import forms, services


@dataclass(frozen=True)
class Register:
    title: str
    form: type
    service: Callable
    permission: str  # the policy action the page asks before showing the form
    done: str
    back: str  # url name of the page listing the register
    needs_user: bool = False  # the form narrows its choices to the user's scope


REGISTERS = {
    "instructor": Register(_("选派党建指导员"), forms.InstructorForm, services.instructor_create,
                           "twonew.county", _("党建指导员已选派。"), "twonew:people"),
    "class": Register(_("登记书记培训班"), forms.TrainingClassForm, services.class_create,
                      "twonew.county", _("培训班已登记。"), "twonew:people"),
    "lecturer": Register(_("讲师入库"), forms.LecturerForm, services.lecturer_create,
                         "twonew.county", _("讲师已入库。"), "twonew:people"),
    "lecture": Register(_("登记送课"), forms.LectureForm, services.lecture_record,
                        "twonew.manage", _("送课已登记。"), "twonew:people", needs_user=True),
    "team": Register(_("组建红色班组"), forms.RedTeamForm, services.red_team_create,
                     "twonew.manage", _("红色班组已登记。"), "twonew:teams", needs_user=True),
    "problem": Register(_("登记攻关课题"), forms.ProblemForm, services.problem_raise,
                        "twonew.manage", _("攻关课题已登记。"), "twonew:teams", needs_user=True),
}


@login_required
def register_new(request, kind):
    reg = REGISTERS.get(kind)
    if reg is None:
        raise Http404
    require(request.user, "twonew.view")  # outsiders get the 404 of a missing page
    require(request.user, reg.permission)
    kwargs = {"user": request.user} if reg.needs_user else {}
    form = reg.form(request.POST or None, label_suffix="：", **kwargs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with refusals(request, form=form) as refused:
                reg.service(actor=request.user, **form.cleaned_data)
            if not refused:
                messages.success(request, reg.done)
                return redirect(reg.back)
            status = refused.status
        else:
            status = 400
    return render(request, "twonew/register_new.html",
                  {"form": form, "reg": reg, "kind": kind}, status=status)
