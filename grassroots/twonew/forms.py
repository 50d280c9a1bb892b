"""Forms of the two-new pages: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField
from grassroots.places.models import Division

from .models import (
    CoverageMode,
    Instructor,
    Lecturer,
    OperatingStatus,
    OrgKind,
    Park,
    RedTeam,
    RedTeamKind,
    TrainingClass,
    TwoNewOrg,
)
from .models.centre import FunctionRoom
from .models.entry import CoveragePlan
from .models.people import LectureKind, VisitorKind, VisitPurpose

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


# --- the registers' create forms (views/registers.py reads them from one table) ---------------

class PersonByPhoneField(forms.CharField):
    """A person already in the people register, named by mobile number: an exact match of the
    keyed phone hash, so nobody can browse the register through the form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("填写本人手机号；须已在人员库登记"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})

    def clean(self, value):
        from grassroots.people.models import Person
        from grassroots.people.pii import hash_phone

        value = super().clean(value)
        if not value:
            return None
        person = Person.objects.filter(phone_hash=hash_phone(value.replace(" ", ""))).first()
        if person is None:
            raise forms.ValidationError(_("人员库中没有这个手机号，请先登记人员。"))
        return person


class InstructorForm(forms.Form):
    person = PersonByPhoneField(label=_("指导员手机号"))
    source = forms.CharField(label=_("来源"), max_length=30, required=False,
                             help_text=_("如机关干部、园区干部、退休干部"))
    appointed_on = DateField(label=_("选派日期"), widget=DATE)
    term_years = forms.IntegerField(label=_("任期（年）"), min_value=1, max_value=5, initial=3)


class TrainingClassForm(forms.Form):
    number = forms.IntegerField(label=_("期次"), min_value=1, max_value=999)
    title = forms.CharField(label=_("培训班名称"), max_length=100)
    starts_on = DateField(label=_("开班日期"), widget=DATE)
    ends_on = DateField(label=_("结业日期"), widget=DATE)
    hours = forms.IntegerField(label=_("学时"), min_value=1, max_value=999)
    venue = forms.CharField(label=_("地点"), max_length=100, required=False)
    curriculum = forms.CharField(label=_("课程安排"), max_length=4000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class LecturerForm(forms.Form):
    person = PersonByPhoneField(label=_("讲师手机号"))
    institution = forms.CharField(label=_("所在单位"), max_length=60)
    topics = forms.CharField(label=_("擅长专题"), max_length=200, required=False)


class LectureForm(forms.Form):
    lecturer = forms.ModelChoiceField(label=_("讲师"), queryset=None)
    given_on = DateField(label=_("授课日期"), widget=DATE)
    kind = forms.ChoiceField(label=_("授课类别"), choices=LectureKind.choices)
    topic = forms.CharField(label=_("授课题目"), max_length=100)
    host = forms.ModelChoiceField(label=_("承办单位"), queryset=None, required=False)
    audience = forms.IntegerField(label=_("听课人数"), min_value=0, max_value=100000, initial=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = Lecturer.objects.select_related("person")
        self.fields["host"].queryset = TwoNewOrg.objects.restrict(user).order_by("name")


class RedTeamForm(forms.Form):
    org = forms.ModelChoiceField(label=_("所在单位"), queryset=None)
    kind = forms.ModelChoiceField(label=_("班组类别"), queryset=None)
    name = forms.CharField(label=_("班组名称"), max_length=60)
    leader = PersonByPhoneField(label=_("班组长手机号"))
    founded_on = DateField(label=_("成立日期"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = TwoNewOrg.objects.restrict(user, "manage").order_by("name")
        self.fields["kind"].queryset = RedTeamKind.objects.filter(is_active=True)


class ProblemForm(forms.Form):
    team = forms.ModelChoiceField(label=_("班组"), queryset=None)
    title = forms.CharField(label=_("攻关课题"), max_length=100)
    raised_on = DateField(label=_("立项日期"), widget=DATE)
    description = forms.CharField(label=_("课题说明"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = (RedTeam.objects.restrict(user, "manage")
                                        .select_related("org").order_by("name"))
