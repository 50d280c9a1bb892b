"""The records' forms: input parsing only; every rule is in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField
from grassroots.party.models import BRANCH_KINDS, DuesCategory, PartyOrganisation, SpecialKind

from .models import ContactChannel, ContactSearch, DuesBaseKind, DuesPayment


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("党费类别"), choices=DuesCategory.choices)


class BaseForm(forms.Form):
    month_from = DateField(label=_("起始月份"))
    kind = forms.ChoiceField(label=_("基数类型"), choices=DuesBaseKind.choices)
    amount = forms.DecimalField(label=_("基数（元）"), min_value=0, max_digits=10,
                                decimal_places=2)


class TransferForm(forms.Form):
    to_org = forms.ModelChoiceField(label=_("转入党支部"), queryset=PartyOrganisation.objects.none())
    reason = forms.CharField(label=_("转接原因"), max_length=100)
    valid_months = forms.IntegerField(label=_("有效期（月）"), min_value=1, max_value=12,
                                      initial=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].queryset = PartyOrganisation.objects.filter(
            is_active=True, kind__in=BRANCH_KINDS).order_by("path")


class DayForm(forms.Form):
    since = DateField(label=_("日期"))


class SearchForm(forms.Form):
    searched_on = DateField(label=_("查找日期"))
    method = forms.ChoiceField(label=_("查找方式"),
                               choices=ContactSearch._meta.get_field("method").choices)
    note = forms.CharField(label=_("查找情况"), max_length=200)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class ReinstateForm(forms.Form):
    requested_on = DateField(label=_("本人申请恢复党籍日期"))
    review = forms.CharField(label=_("停止党籍期间表现的审查意见"), max_length=200)
    document = forms.CharField(label=_("决定文号"), max_length=60, required=False)


class MobileContactForm(forms.Form):
    contacted_on = DateField(label=_("联系日期"))
    channel = forms.ChoiceField(label=_("联系方式"), choices=ContactChannel.choices)
    note = forms.CharField(label=_("联系内容"), max_length=300)


class ProbationForm(forms.Form):
    start_on = DateField(label=_("察看起始日期"))
    end_on = DateField(label=_("察看期满日期"))
    decision = forms.CharField(label=_("处分决定"), max_length=200)


class ProbationEndForm(forms.Form):
    restored_on = DateField(label=_("恢复党员权利日期"))


class MobileForm(forms.Form):
    destination = forms.CharField(label=_("流动去向"), max_length=120)
    since = DateField(label=_("外出日期"))
    mobile_org = forms.ModelChoiceField(
        label=_("流动党员党组织"), required=False,
        queryset=PartyOrganisation.objects.filter(special_kind=SpecialKind.MOBILE_MEMBERS,
                                                  is_active=True))


class ExemptForm(forms.Form):
    reason = forms.CharField(label=_("免于参加的原因"), max_length=100)
    approved_on = DateField(label=_("批准日期"))


class ReductionForm(forms.Form):
    month_from = DateField(label=_("起始月份"))
    month_to = DateField(label=_("截止月份"))
    monthly_amount = forms.DecimalField(label=_("每月应缴（元，0为免缴）"), min_value=0,
                                        max_digits=10, decimal_places=2)
    reason = forms.CharField(label=_("困难情况"), max_length=200)


class WorkForm(forms.Form):
    title = forms.CharField(label=_("工作任务"), max_length=100)
    due_on = DateField(label=_("完成期限"))


class MonthForm(forms.Form):
    month = DateField(label=_("月份"), input_formats=["%Y-%m", "%Y-%m-%d"])


class PayForm(forms.Form):
    paid_on = DateField(label=_("缴纳日期"))
    amount = forms.DecimalField(label=_("金额（元）"), min_value=0, max_digits=10,
                                decimal_places=2)
    channel = forms.ChoiceField(label=_("缴纳方式"),
                                choices=DuesPayment._meta.get_field("channel").choices)
    receipt_no = forms.CharField(label=_("收据号"), max_length=40, required=False)
