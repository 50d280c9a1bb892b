from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import RuleScope
from .services import param_field


class LocalSetForm(forms.Form):
    """A local set based on a national one; one value field per param of the base, prefilled
    with the base's value (change only what the county makes stricter)."""

    code = forms.CharField(label=_("编码"), max_length=60,
                           help_text=_("例如 party.dev.2014.sishui"))
    title = forms.CharField(label=_("名称"), max_length=200)
    scope = forms.ChoiceField(label=_("适用范围"), choices=[
        (RuleScope.COUNTY, RuleScope.COUNTY.label), (RuleScope.PROVINCE, RuleScope.PROVINCE.label)])
    issuer = forms.CharField(label=_("发文机关"), max_length=100, required=False)
    doc_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    effective_from = DateField(label=_("施行日期"))
    effective_to = DateField(label=_("停止施行日期（不含当日，可不填）"), required=False)
    source_url = forms.CharField(label=_("来源"), max_length=300, required=False)

    def __init__(self, *args, base, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_params = list(base.params.all())
        for p in self.base_params:
            self.fields[param_field(p.key)] = forms.CharField(
                label=f"{p.label}（{p.get_unit_display()}，{p.get_direction_display()}）",
                max_length=20, required=False, initial=p.display_value,
                help_text=f"{p.key} · {p.get_kind_display()}")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        values = {p.key: data.pop(param_field(p.key), "") for p in self.base_params}
        return {**data, "values": values}
