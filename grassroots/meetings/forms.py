from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import AttachmentKind, AttendanceRole, Ballot, MeetingKind
from .rules import EXCLUSION_REASONS

NUMBER = forms.NumberInput(attrs={"inputmode": "numeric"})


class MeetingForm(forms.Form):
    org = forms.ModelChoiceField(queryset=None, label=_("党组织"), empty_label=None)
    kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("会议主题"), max_length=120)
    held_on = DateField(label=_("召开日期"),
                        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    held_time = forms.TimeField(label=_("召开时间"), initial=time(9, 0),
                                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    host = forms.CharField(label=_("主持人"), max_length=40, required=False)
    recorder = forms.CharField(label=_("记录人"), max_length=40, required=False)
    held = forms.BooleanField(label=_("会议已召开（补录）"), required=False)
    democratic_appraisal = forms.BooleanField(label=_("本次会议开展民主评议党员"), required=False)
    minutes = forms.CharField(label=_("会议纪要"), required=False, max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        held_at = datetime.combine(data.pop("held_on"), data.pop("held_time"))
        data["held_at"] = timezone.make_aware(held_at, timezone.get_current_timezone())
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("会议纪要"), max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 6}))


class AttendeeForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label=_("人员"))
    role = forms.ChoiceField(label=_("身份"), choices=[
        (r.value, r.label) for r in (AttendanceRole.INVITED, AttendanceRole.GUEST,
                                     AttendanceRole.OBSERVER)])

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("文件（照片或PDF、Word、Excel）"))


class VoteForm(forms.Form):
    subject_label = forms.CharField(label=_("表决事项（一次只表决一名对象或一个事项）"), max_length=120)
    ballot = forms.ChoiceField(label=_("表决方式"), choices=Ballot.choices, initial=Ballot.SECRET)
    should_attend_voting = forms.IntegerField(
        label=_("应到会有表决权人数（支部党员大会由系统按正式党员计算，可不填）"), min_value=0,
        required=False, widget=NUMBER)
    present_voting = forms.IntegerField(label=_("实到会有表决权人数"), min_value=0, widget=NUMBER)
    yes = forms.IntegerField(label=_("赞成"), min_value=0, widget=NUMBER)
    no = forms.IntegerField(label=_("反对"), min_value=0, initial=0, widget=NUMBER)
    abstain = forms.IntegerField(label=_("弃权"), min_value=0, initial=0, widget=NUMBER)
    written_yes = forms.IntegerField(label=_("未到会党员书面同意"), min_value=0, initial=0,
                                     widget=NUMBER)
    written_no = forms.IntegerField(label=_("未到会党员书面不同意"), min_value=0, initial=0,
                                    widget=NUMBER)


EXCLUSION_ROWS = 3
EXCLUSION_CHOICES = [("", "—")] + [(k, v) for k, v in EXCLUSION_REASONS.items()]


def exclusions_from_post(data) -> list[dict]:
    """The exclusion rows of the vote form (``ex-<i>-…``), blank rows dropped."""
    rows = []
    for i in range(EXCLUSION_ROWS):
        p = f"ex-{i}-"
        row = {"member_id": data.get(p + "member", ""), "reason": data.get(p + "reason", ""),
               "approved_by_org_id": data.get(p + "org", ""),
               "approver": data.get(p + "approver", ""),
               "approved_on": data.get(p + "approved_on", ""),
               "doc_no": data.get(p + "doc_no", "")}
        if row["member_id"]:
            rows.append(row)
    return rows
