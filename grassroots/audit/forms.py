from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import AuditCategory, AuditOutcome


class AuditSearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        help_text=_("账号、动作、对象、事由或IP"))
    category = forms.ChoiceField(label=_("类别"), required=False,
                                 choices=[("", _("全部"))] + list(AuditCategory.choices))
    outcome = forms.ChoiceField(label=_("结果"), required=False,
                                choices=[("", _("全部"))] + list(AuditOutcome.choices))
    date_from = DateField(label=_("起始日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = DateField(label=_("截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean_q(self):
        value = self.cleaned_data["q"]
        if any(ord(ch) < 32 for ch in value):
            raise forms.ValidationError(_("关键词不能包含控制字符。"))
        return value.strip()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return data


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看事由"), max_length=200, min_length=4,
                             error_messages={"min_length": _("请填写查看事由（至少4个字）。"),
                                             "required": _("请填写查看事由（至少4个字）。")})


class TokenForm(forms.Form):
    token = forms.RegexField(label=_("6位验证码"), regex=r"^\d{6}$", max_length=6,
                             error_messages={"invalid": _("请输入手机令牌上的6位数字。")},
                             widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                           "autocomplete": "one-time-code"}))


class LoginForm(AuthenticationForm):
    """Django sets the username's max_length after the field is built, so no length validator
    exists; an over-long name would reach authenticate() and the lockout table (varchar 255)."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return super().clean()
