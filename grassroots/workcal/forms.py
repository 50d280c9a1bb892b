from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField


class DaySetForm(forms.Form):
    STATUS_CHOICES = [
        ("holiday", _("放假（法定节假日）")),
        ("adjusted_workday", _("上班（调休上班日）")),
        ("normal", _("恢复普通日（周一至周五上班，周末休息）")),
    ]

    date = DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"},
                                                          format="%Y-%m-%d"))
    status = forms.ChoiceField(label=_("设为"), choices=STATUS_CHOICES)
    name = forms.CharField(label=_("名称"), max_length=60, required=False,
                           help_text=_("例如：春节、国庆节、春节调休。放假必须填写名称。"))


class YearCompleteForm(forms.Form):
    year = forms.IntegerField(min_value=1949, max_value=2200, widget=forms.HiddenInput)
    complete = forms.BooleanField(required=False, widget=forms.HiddenInput)
