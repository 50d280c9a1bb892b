"""Forms of the sci-tech, training-base and incubation pages: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField
from grassroots.places.models import Division

from .models.scitech import PlatformKind, VisitForm
from .models.training import CourseMode, LecturerKind
from .services.scitech import ASSESSMENT_GRADES
from .services.training import STAGES

DATE = forms.DateInput(attrs={"type": "date"})
RANKS = [(0, _("无（初级）")), (1, _("中级")), (2, _("副高级")), (3, _("正高级"))]


def _towns():
    return Division.objects.towns().order_by("code")


class PostEditForm(forms.Form):
    institution = forms.CharField(label=_("派出单位"), max_length=80)
    expert_title = forms.CharField(label=_("职称"), max_length=40)
    specialty = forms.CharField(label=_("专业方向"), max_length=40)
    batch = forms.CharField(label=_("批次"), max_length=20)
    post_title = forms.CharField(label=_("挂职职务"), max_length=40, initial="挂职副镇长")
    duties = forms.CharField(label=_("分管工作"), max_length=200, required=False)


class PostForm(PostEditForm):
    """Nomination: the expert is found by his mobile number (he is registered as a person)."""

    expert_phone = forms.CharField(label=_("专家手机号"), max_length=20)
    title_rank = forms.TypedChoiceField(label=_("职称级次"), choices=RANKS, coerce=int)
    has_doctorate = forms.BooleanField(label=_("博士学位"), required=False)
    birth_date = DateField(label=_("出生日期"), widget=DATE)
    work_years = forms.IntegerField(label=_("工作年限"), min_value=0, max_value=60)
    town = forms.ModelChoiceField(label=_("挂职镇街"), queryset=Division.objects.none())

    field_order = ["expert_phone", "institution", "expert_title", "title_rank",
                   "has_doctorate", "birth_date", "work_years", "specialty", "town", "batch",
                   "post_title", "duties"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = _towns()


class AssessForm(forms.Form):
    assessment = forms.ChoiceField(label=_("考核等次"),
                                   choices=[(g, g) for g in ASSESSMENT_GRADES])


class RotationForm(forms.Form):
    to_town = forms.ModelChoiceField(label=_("轮岗镇街"), queryset=Division.objects.none())
    start_on = DateField(label=_("开始"), widget=DATE)
    end_on = DateField(label=_("结束"), widget=DATE)
    purpose = forms.CharField(label=_("轮岗目的"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_town"].queryset = _towns()


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("平台名称"), max_length=80)
    kind = forms.ChoiceField(label=_("类型"), choices=PlatformKind.choices)
    partner = forms.CharField(label=_("合作单位"), max_length=80)
    established_on = DateField(label=_("建立日期"), widget=DATE)


class ProjectForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("乡土人才"), queryset=None)
    name = forms.CharField(label=_("项目名称"), max_length=80)
    industry = forms.CharField(label=_("产业"), max_length=40)
    scale = forms.CharField(label=_("规模"), max_length=60, required=False)
    stage = forms.CharField(label=_("阶段"), max_length=20, required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class FollowUpForm(forms.Form):
    project = forms.ModelChoiceField(label=_("人才项目"), queryset=None)
    visited_on = DateField(label=_("日期"), widget=DATE)
    form = forms.ChoiceField(label=_("方式"), choices=VisitForm.choices)
    advice = forms.CharField(label=_("指导意见"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)
    problems = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 2}),
                               max_length=2000, required=False)
    problems_solved = forms.IntegerField(label=_("解决问题数"), min_value=0, max_value=100,
                                         initial=0)
    next_step = forms.CharField(label=_("下一步"), max_length=300, required=False)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class BaseEditForm(forms.Form):
    name = forms.CharField(label=_("基地名称"), max_length=80)
    specialty = forms.CharField(label=_("特色产业"), max_length=40)
    operator = forms.CharField(label=_("运营主体"), max_length=80)
    address = forms.CharField(label=_("地址"), max_length=120, required=False)
    capacity = forms.IntegerField(label=_("容纳人数"), min_value=0, max_value=100000, initial=0)


class BaseForm(BaseEditForm):
    town = forms.ModelChoiceField(label=_("所在镇街"), queryset=Division.objects.none())

    field_order = ["name", "town", "specialty", "operator", "address", "capacity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = _towns()


class ReasonForm(forms.Form):
    note = forms.CharField(label=_("原因"), max_length=300, required=False)


class CourseForm(forms.Form):
    title = forms.CharField(label=_("课程"), max_length=80)
    mode = forms.ChoiceField(label=_("方式"), choices=CourseMode.choices)
    practice = forms.BooleanField(label=_("实践课"), required=False)
    lecturer = forms.CharField(label=_("授课人"), max_length=40)
    lecturer_kind = forms.ChoiceField(label=_("授课人类别"), choices=LecturerKind.choices)
    hours = forms.IntegerField(label=_("学时"), min_value=1, max_value=200)
    held_on = DateField(label=_("日期"), widget=DATE)


class EnrolForm(forms.Form):
    """A trainee is found by his mobile number; he must be in the rural-talent register."""

    phone = forms.CharField(label=_("学员手机号"), max_length=20)


class DecideForm(forms.Form):
    enrollment = forms.IntegerField(widget=forms.HiddenInput)
    attended_hours = forms.IntegerField(label=_("参训学时"), min_value=0, max_value=200)
    passed = forms.BooleanField(label=_("结业"), required=False)


class IncubationEditForm(forms.Form):
    project = forms.CharField(label=_("项目"), max_length=80)
    support_items = forms.CharField(label=_("扶持内容"), max_length=300)
    policy_benefits = forms.CharField(label=_("享受政策"), max_length=300, required=False)


class IncubationForm(IncubationEditForm):
    talent = forms.ModelChoiceField(label=_("乡土人才"), queryset=None)
    started_on = DateField(label=_("入驻日期"), widget=DATE)

    field_order = ["talent", "project", "support_items", "policy_benefits", "started_on"]

    def __init__(self, *args, talents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = talents


STAGE_LABELS = {"incubating": _("孵化中"), "operating": _("运营中"), "graduated": _("已出园")}


class MilestoneForm(forms.Form):
    on = DateField(label=_("日期"), widget=DATE)
    what = forms.CharField(label=_("里程碑"), max_length=200)
    stage = forms.ChoiceField(label=_("阶段"), required=False,
                              choices=[("", _("不变"))] + [(s, STAGE_LABELS[s]) for s in STAGES])
    outcome = forms.CharField(label=_("成效"), max_length=300, required=False)


class RoundForm(forms.Form):
    """Opening an annual round: a quota per level offered (empty: not offered this year)."""

    committee = forms.ModelChoiceField(label=_("评审委员会"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=80, required=False)
    apply_from = DateField(label=_("申报开始"), widget=DATE)
    apply_to = DateField(label=_("申报截止"), widget=DATE)
    specialties = forms.ModelMultipleChoiceField(label=_("申报专业"), queryset=None,
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, committees, levels, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["specialties"].queryset = specialties
        self.levels = list(levels)
        for level in self.levels:
            self.fields[f"quota_{level.code}"] = forms.IntegerField(
                label=_("%(level)s名额") % {"level": level.name}, min_value=1,
                max_value=10000, required=False)

    def quotas(self) -> dict:
        return {level: self.cleaned_data[f"quota_{level.code}"] for level in self.levels
                if self.cleaned_data.get(f"quota_{level.code}")}
