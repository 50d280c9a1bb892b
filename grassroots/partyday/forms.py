from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import InviteeKind, LecturerKind, SuggestionDecision, SuggestionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    branch = forms.ModelChoiceField(queryset=None, label=_("党支部"), empty_label=None)
    theme = forms.CharField(label=_("活动主题"), max_length=120)
    planned_on = DateField(label=_("计划日期"), widget=DATE)
    items = forms.ModelMultipleChoiceField(queryset=None, label=_("菜单事项"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    host = forms.CharField(label=_("主持人"), max_length=40, required=False)

    def __init__(self, *args, branches, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["items"].queryset = items


class InviteForm(forms.Form):
    name = forms.CharField(label=_("受邀人姓名"), max_length=40)
    kind = forms.ChoiceField(label=_("列席类别"), choices=InviteeKind.choices)
    lecturer_kind = forms.ChoiceField(label=_("讲师类别"), required=False,
                                      choices=[("", "—")] + LecturerKind.choices)


class HoldForm(forms.Form):
    minutes = forms.CharField(label=_("活动记录（学习内容、议事内容）"), max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 5}))
    photo = forms.ImageField(label=_("活动照片"), required=False)


class SuggestionForm(forms.Form):
    raised_by = forms.ModelChoiceField(queryset=None, label=_("提出人（列席人员）"),
                                       required=False)
    raised_by_name = forms.CharField(label=_("或填写提出人"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=SuggestionKind.choices)
    content = forms.CharField(label=_("内容"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_by"].queryset = invitations
        self.fields["raised_by"].label_from_instance = lambda i: (
            f"{i.person.name}（{i.get_kind_display()}）")


class LectureForm(forms.Form):
    lecturer = forms.CharField(label=_("讲师"), max_length=40)
    lecturer_kind = forms.ChoiceField(label=_("讲师类别"), choices=LecturerKind.choices)
    topic = forms.CharField(label=_("讲课题目"), max_length=120)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("研究结果"), choices=SuggestionDecision.choices)
    reason = forms.CharField(label=_("理由"), max_length=300, required=False)


class FeedbackForm(forms.Form):
    answer = forms.CharField(label=_("反馈内容"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ContactLogForm(forms.Form):
    date = DateField(label=_("联系日期"), widget=DATE)
    households = forms.IntegerField(label=_("走访户数"), min_value=1, max_value=1000)
    issues = forms.CharField(label=_("听到的意见诉求"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}))
