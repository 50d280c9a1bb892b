"""Forms of the demand pages.

Forms only parse input; the business rules (and their messages) live in the services, whose
``ApplicationError.field`` is attached to the matching form field by ``core.forms.add_service_error``.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grassroots.core.parsing import id_or_none
from grassroots.places.models import Division

from .models import ANONYMOUS_TYPES, Category, DemandType, Grade

ANONYMOUS_TYPE_VALUES = sorted(str(t) for t in ANONYMOUS_TYPES)


def division_choices(queryset=None) -> list:
    """Towns as option groups, each with the town itself and its villages (one query)."""
    queryset = queryset if queryset is not None else Division.objects.all()
    rows = list(queryset.filter(level__in=("town", "street", "village", "community"))
                .order_by("code").values("pk", "name", "level", "town_id"))
    towns = {r["pk"]: r for r in rows if r["level"] in ("town", "street")}
    groups: dict[int, list] = {pk: [(pk, _("%(town)s（全镇街）") % {"town": t["name"]})]
                               for pk, t in towns.items()}
    for r in rows:
        if r["level"] in ("village", "community") and r["town_id"] in groups:
            groups[r["town_id"]].append((r["pk"], r["name"]))
    return [("", _("请选择所在镇街/村居"))] + [(towns[pk]["name"], opts) for pk, opts in groups.items()]


def dispatch_category_choices() -> list:
    """The dispatch form's classification of an unclassified demand: the first-level categories
    (what the text-intelligence suggestions name; one click picks one) and the leaves."""
    roots = [(c.pk, c.name) for c in Category.objects.filter(is_active=True, level=1)
             .order_by("code")]
    blank, *leaves = category_choices()
    return [blank, (_("一级分类"), roots), *leaves] if roots else [blank, *leaves]


def category_choices() -> list:
    """Level-3 categories grouped by their parent (one query)."""
    leaves = (Category.objects.filter(is_active=True, level=3).select_related("parent__parent")
              .order_by("code"))
    groups: dict[str, list] = {}
    for c in leaves:
        parent = c.parent
        group = f"{parent.parent.name} / {parent.name}" if parent and parent.parent else (
            parent.name if parent else "")
        groups.setdefault(group, []).append((c.pk, c.name))
    if not groups:  # a county still building its tree: offer whatever is active
        for c in Category.objects.filter(is_active=True).order_by("code"):
            groups.setdefault("", []).append((c.pk, c.path))
    return [("", _("请选择分类"))] + list(groups.items())


class _PlaceMixin:
    def clean_division(self):
        raw = self.cleaned_data.get("division")
        if not raw:
            return None
        pk = id_or_none(raw)
        if pk is None:
            raise ValidationError(_("所选地点不存在，请重新选择。"))
        division = Division.objects.filter(pk=pk).first()
        if division is None:
            raise ValidationError(_("所选地点不存在，请重新选择。"))
        return division


class PhoneIntakeForm(_PlaceMixin, forms.Form):
    citizen_name = forms.CharField(label=_("来电人姓名"), required=False, max_length=40)
    citizen_phone = forms.CharField(label=_("来电号码"), required=False, max_length=20)
    type = forms.ChoiceField(label=_("诉求类型"), choices=DemandType.choices, initial="help")
    grade = forms.ChoiceField(label=_("紧急程度"), choices=Grade.choices, initial="normal")
    category = forms.ModelChoiceField(queryset=Category.objects.filter(is_active=True),
                                      required=False, label=_("分类"),
                                      error_messages={"invalid_choice": _("所选分类不存在。")})
    division = forms.CharField(label=_("所在地"), required=False)
    address = forms.CharField(label=_("详细地址"), required=False, max_length=200)
    title = forms.CharField(label=_("标题"), required=False, max_length=200)
    text = forms.CharField(label=_("诉求内容"), required=False, widget=forms.Textarea)
    is_anonymous = forms.BooleanField(label=_("匿名"), required=False)
    solved_on_spot = forms.BooleanField(label=_("已当场解答/解决"), required=False)
    on_spot_note = forms.CharField(label=_("处理情况"), required=False, widget=forms.Textarea)


class CitizenDemandForm(_PlaceMixin, forms.Form):
    type = forms.ChoiceField(label=_("诉求类型"), choices=DemandType.choices, initial="help")
    title = forms.CharField(label=_("标题"), required=False, max_length=200)
    text = forms.CharField(label=_("诉求内容"), required=False, widget=forms.Textarea)
    division = forms.CharField(label=_("所在镇街/村居"), required=False)
    address = forms.CharField(label=_("详细地址"), required=False, max_length=200)
    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6,
                                  min_value=-90, max_value=90,
                                  error_messages={"invalid": _("纬度应为数字。")})
    longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6,
                                   min_value=-180, max_value=180,
                                   error_messages={"invalid": _("经度应为数字。")})
    is_anonymous = forms.BooleanField(label=_("匿名提交"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("division") is None and not self.errors.get("division"):
            self.add_error("division", _("请选择诉求所在的镇街或村居。"))
        return data


class PhoneField(forms.CharField):
    """A mobile number as people type it (spaces, dashes, +86): the 11 ASCII digits, checked by
    the one validator of grassroots/people/validators.py."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value):
        from grassroots.people.validators import clean_mobile

        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_mobile(value)


class PhoneCodeForm(forms.Form):
    """Registration, step 1: the phone to text a code to."""

    phone = PhoneField(label=_("手机号"), error_messages={"required": _("请输入手机号。")})


class RegisterForm(forms.Form):
    phone = PhoneField(label=_("手机号"), error_messages={"required": _("请输入手机号。")})
    code = forms.CharField(label=_("短信验证码"), max_length=6,
                           error_messages={"required": _("请输入短信验证码。")})
    name = forms.CharField(label=_("姓名"), max_length=40,
                           error_messages={"required": _("请填写姓名。")})
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput,
                               error_messages={"required": _("请设置密码。")})
    password2 = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput,
                                error_messages={"required": _("请再次输入密码。")})

    def clean_code(self):
        from grassroots.people.verification import CODE_DIGITS, bad_code_message

        code = self.cleaned_data["code"].strip()
        if len(code) != CODE_DIGITS or not code.isascii() or not code.isdigit():
            raise ValidationError(bad_code_message())
        return code

    def clean(self):
        data = super().clean()
        pw, pw2 = data.get("password"), data.get("password2")
        if pw and pw2 and pw != pw2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif pw:
            from grassroots.people.models import User

            try:
                validate_password(pw, user=User(username=data.get("phone") or ""))
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class TrackForm(forms.Form):
    number = forms.CharField(label=_("诉求编号"), max_length=24,
                             error_messages={"required": _("请输入诉求编号。")})
    # Room for "138 0000 0001" or "+86 138…": the selector keeps the 11 digits.
    phone = PhoneField(label=_("手机号"),
                       error_messages={"required": _("请输入提交诉求时的手机号。")})
