from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField
from grassroots.demands.models import Category, Demand
from grassroots.orgs.models import Organization
from grassroots.places.models import Division


class ChineseForm(forms.Form):
    """Labels end with the full-width colon (not Django's ASCII ":"), and a choice field's empty
    choice reads 请选择 / 不限 (not "---------")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                    field, forms.ModelMultipleChoiceField):
                field.empty_label = _("请选择") if field.required else _("（不限）")


class StatsForm(ChineseForm):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False, label=_("月份"),
                             error_messages={"invalid": _("月份格式应为 YYYY-MM，例如 2026-10。")})
    by = forms.ChoiceField(choices=[("unit", _("承办单位")), ("town", _("镇街")),
                                    ("grid", _("网格")), ("category", _("分类"))],
                           required=False, label=_("统计维度"))


class NoticeForm(ChineseForm):
    unit = forms.ModelChoiceField(queryset=Organization.objects.handling_units(),
                                  label=_("被督办单位"))
    demand_numbers = forms.CharField(label=_("督办事项（诉求编号，每行一个）"),
                                     widget=forms.Textarea(attrs={"rows": 3}))
    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(
        label=_("督办内容"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("通知单会自动加上主送单位一行（“单位名称：”）、督办事项表和“请于反馈期限前将办理情况"
                    "书面反馈”一句，正文只写督办的事由和要求。"))
    respond_by = DateField(label=_("反馈期限"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_demand_numbers(self):
        numbers = [n.strip().upper() for n in self.cleaned_data["demand_numbers"].split()
                   if n.strip()]
        found = list(Demand.objects.filter(number__in=numbers))
        missing = set(numbers) - {d.number for d in found}
        if missing:
            raise forms.ValidationError(_("未找到这些诉求编号：%(n)s") % {"n": "、".join(sorted(missing))})
        return found


class NoteForm(ChineseForm):
    text = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)


class BulletinForm(ChineseForm):
    title = forms.CharField(label=_("标题"), max_length=120)
    intro = forms.CharField(label=_("导语"), widget=forms.Textarea(attrs={"rows": 6}))
    remarks = forms.CharField(label=_("分析与要求"), widget=forms.Textarea(attrs={"rows": 8}),
                              required=False)


class ReportForm(ChineseForm):
    title = forms.CharField(label=_("标题"), max_length=120)
    category = forms.ModelChoiceField(queryset=Category.objects.filter(level__lte=2),
                                      required=False, label=_("分类"))
    keywords = forms.CharField(label=_("关键词（空格分隔）"), required=False, max_length=200)
    divisions = forms.ModelMultipleChoiceField(queryset=Division.objects.towns(), required=False,
                                               label=_("镇街"))
    date_from = DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    analysis = forms.CharField(label=_("分析与建议"), required=False,
                               widget=forms.Textarea(attrs={"rows": 5}))


class MeetingForm(ChineseForm):
    held_on = DateField(label=_("会议日期"), widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label=_("议题"), max_length=120)
    category = forms.ModelChoiceField(queryset=Category.objects.filter(level__lte=2),
                                      required=False, label=_("相关分类"))
    units = forms.ModelMultipleChoiceField(queryset=Organization.objects.handling_units(),
                                           label=_("参会单位"))
    demand_numbers = forms.CharField(label=_("相关诉求编号（可选）"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    decisions = forms.CharField(label=_("议定事项"), widget=forms.Textarea(attrs={"rows": 5}))

    def clean_demand_numbers(self):
        numbers = [n.strip().upper() for n in self.cleaned_data["demand_numbers"].split()]
        return list(Demand.objects.filter(number__in=numbers)) if numbers else []


class MeetingItemForm(ChineseForm):
    text = forms.CharField(label=_("落实事项"), max_length=300)
    owner = forms.ModelChoiceField(queryset=Organization.objects.handling_units(),
                                   label=_("责任单位"))
    due_on = DateField(label=_("完成时限"), widget=forms.DateInput(attrs={"type": "date"}))
