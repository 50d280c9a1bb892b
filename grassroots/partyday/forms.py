from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import (
    InviteeKind,
    ItemCategory,
    LecturerKind,
    MenuLevel,
    SiteKind,
    SuggestionDecision,
    SuggestionKind,
)
from .models_registers import SiteLevel
from .transitions import SiteAction

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


# --- editing the registers and menus (views/edit.py); every rule is the service's ------------


class MenuForm(forms.Form):
    level = forms.ChoiceField(label=_("层级"), choices=MenuLevel.choices)
    owner_org = forms.ModelChoiceField(queryset=None, label=_("制定党组织"), empty_label=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    parent = forms.ModelChoiceField(queryset=None, label=_("上级菜单"), required=False)

    def __init__(self, *args, orgs, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_org"].queryset = orgs
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda m: f"{m} {m.owner_org.name}"


class MenuItemForm(forms.Form):
    title = forms.CharField(label=_("活动事项"), max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=ItemCategory.choices)
    description = forms.CharField(label=_("内容说明"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    suggested_attendees = forms.CharField(label=_("建议列席人员"), max_length=100,
                                          required=False)
    suggested_lecturer_kind = forms.ChoiceField(label=_("建议讲师类别"), required=False,
                                                choices=[("", "—")] + LecturerKind.choices)


class NotApplicableForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("不适用理由"), max_length=200)


class CommentForm(forms.Form):
    member = forms.ModelChoiceField(queryset=None, label=_("党员"), empty_label=None)
    text = forms.CharField(label=_("点评"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.person.name


class RepresentativeForm(forms.Form):
    branch = forms.ModelChoiceField(queryset=None, label=_("联系党支部"), empty_label=None)
    name = forms.CharField(label=_("姓名"), max_length=40)
    linked_households = forms.IntegerField(label=_("联系户数"), min_value=0, max_value=10000,
                                           initial=0)
    term_from = DateField(label=_("任期开始"), widget=DATE)
    term_to = DateField(label=_("任期结束"), widget=DATE)

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches


class SiteForm(forms.Form):
    org = forms.ModelChoiceField(queryset=None, label=_("党组织"), empty_label=None)
    kind = forms.ChoiceField(label=_("类别"), choices=SiteKind.choices)
    level = forms.ChoiceField(label=_("级别"), choices=SiteLevel.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class SiteActForm(forms.Form):
    action = forms.ChoiceField(choices=SiteAction.choices)
    on = DateField(label=_("日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
