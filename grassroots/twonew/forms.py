"""Forms of the two-new pages: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField
from grassroots.places.models import Division

from .models import CoverageMode, Instructor, OperatingStatus, OrgKind, Park, TrainingClass
from .models.centre import FunctionRoom
from .models.entry import CoveragePlan
from .models.people import VisitorKind, VisitPurpose

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OrgForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    kind = forms.ChoiceField(label=_("类别"), choices=OrgKind.choices)
    park = forms.ModelChoiceField(label=_("所在园区"), queryset=Park.objects.none(),
                                  required=False)
    division = forms.ModelChoiceField(label=_("所在镇街"), queryset=Division.objects.towns())
    industry = forms.CharField(label=_("行业"), max_length=40, required=False)
    employees = forms.IntegerField(label=_("职工人数"), min_value=0, initial=0)
    is_above_size = forms.BooleanField(label=_("规模以上"), required=False)
    size_basis = forms.CharField(label=_("规上认定依据"), max_length=60, required=False)
    size_year = forms.IntegerField(label=_("规上认定年度"), min_value=2000, max_value=2100,
                                   required=False)
    operating_status = forms.ChoiceField(label=_("经营状态"), choices=OperatingStatus.choices)
    investor = forms.CharField(label=_("出资人"), max_length=40, required=False)
    investor_is_member = forms.BooleanField(label=_("出资人是党员"), required=False)

    def __init__(self, *args, parks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = parks if parks is not None else Park.objects.none()


class SurveyForm(forms.Form):
    surveyed_on = DateField(label=_("摸排日期"), widget=DATE)
    employees = forms.IntegerField(label=_("职工人数"), min_value=0)
    operating_status = forms.ChoiceField(label=_("经营状态"), choices=OperatingStatus.choices)
    full_members = forms.IntegerField(label=_("正式党员数"), min_value=0)
    probationary_members = forms.IntegerField(label=_("预备党员数"), min_value=0)
    investor = forms.CharField(label=_("出资人"), max_length=40, required=False)
    investor_is_member = forms.BooleanField(label=_("出资人是党员"), required=False)
    coverage_mode = forms.ChoiceField(label=_("覆盖方式"), choices=CoverageMode.choices)
    liaison = forms.CharField(label=_("党建联络员"), max_length=40, required=False)
    has_union = forms.BooleanField(label=_("建立工会"), required=False)
    has_cyl = forms.BooleanField(label=_("建立团组织"), required=False)


class EntryForm(forms.Form):
    org = forms.ModelChoiceField(label=_("入园单位"), queryset=None)
    park = forms.ModelChoiceField(label=_("园区"), queryset=None)
    entered_on = DateField(label=_("入园日期"), widget=DATE)

    def __init__(self, *args, orgs, parks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["park"].queryset = parks


class PlanForm(forms.Form):
    plan = forms.ChoiceField(label=_("覆盖方式"), choices=CoveragePlan.choices)


class VisitForm(forms.Form):
    org = forms.ModelChoiceField(label=_("走访单位"), queryset=None)
    visited_on = DateField(label=_("走访日期"), widget=DATE)
    visitor_kind = forms.ChoiceField(label=_("走访人身份"), choices=VisitorKind.choices)
    purpose = forms.ChoiceField(label=_("走访事由"), choices=VisitPurpose.choices)
    findings = forms.CharField(label=_("发现问题"), widget=forms.Textarea(attrs={"rows": 2}),
                               required=False, max_length=2000)
    follow_ups = forms.CharField(label=_("跟进措施"), widget=forms.Textarea(attrs={"rows": 2}),
                                 required=False, max_length=2000)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class BookingForm(forms.Form):
    room = forms.ModelChoiceField(label=_("功能室"), queryset=FunctionRoom.objects.none())
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    purpose = forms.CharField(label=_("用途"), max_length=100)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms


class InstructorChoiceForm(forms.Form):
    instructor = forms.ModelChoiceField(label=_("党建指导员"),
                                        queryset=Instructor.objects.filter(is_active=True)
                                        .select_related("person"))


class SecretaryForm(forms.Form):
    person = forms.ModelChoiceField(label=_("书记人选"), queryset=None)
    training_class = forms.ModelChoiceField(label=_("参加书记培训班"),
                                            queryset=TrainingClass.objects.all(),
                                            required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
