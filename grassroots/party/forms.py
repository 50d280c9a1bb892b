from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import ENTRY_STATUSES, BaseType, MemberEndReason, OrgField, OrgKind, SpecialKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices):
    return [("", "—")] + [(v, lbl) for v, lbl in choices if v]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=OrgKind.choices)
    parent = forms.ModelChoiceField(queryset=None, label=_("上级党组织"), required=False)
    base_type = forms.ChoiceField(label=_("党委类别"), choices=_blank(BaseType.choices),
                                  required=False)
    special_kind = forms.ChoiceField(label=_("特殊类型"), choices=_blank(SpecialKind.choices),
                                     required=False)
    field = forms.ChoiceField(label=_("领域"), choices=_blank(OrgField.choices), required=False)
    division = forms.ModelChoiceField(queryset=None, label=_("所在区划"), required=False)
    has_approval_authority = forms.BooleanField(label=_("具有审批预备党员权限"), required=False)
    founded_on = DateField(label=_("成立日期"), required=False, widget=DATE_WIDGET)
    approval_doc_no = forms.CharField(label=_("批准文号"), max_length=60, required=False)

    def __init__(self, *args, parents, divisions, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["division"].queryset = divisions
        if editing:  # kind and parent change through their own actions (move)
            del self.fields["kind"]
            del self.fields["parent"]


class MemberAddForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    gender = forms.ChoiceField(label=_("性别"), choices=[("男", "男"), ("女", "女")])
    id_number = forms.CharField(label=_("公民身份号码"), max_length=18, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    status = forms.ChoiceField(label=_("党员状态"), choices=[
        (s.value, s.label) for s in ENTRY_STATUSES])
    joined_on = DateField(label=_("入党日期"), widget=DATE_WIDGET)
    full_on = DateField(label=_("转正日期"), required=False, widget=DATE_WIDGET)


class MemberRemoveForm(forms.Form):
    reason = forms.ChoiceField(label=_("减少原因"), choices=MemberEndReason.choices)
    ended_on = DateField(label=_("减少日期"), widget=DATE_WIDGET)


class TermForm(forms.Form):
    elected_on = DateField(label=_("选举日期"), widget=DATE_WIDGET)
    has_committee = forms.BooleanField(label=_("设支部委员会"), required=False)


class SecretaryForm(forms.Form):
    member = forms.ModelChoiceField(queryset=None, label=_("书记"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.person.name


class ImportForm(forms.Form):
    file = forms.FileField(label=_("表格文件（.xlsx）"))
