from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField

from .models import ObjectionChannel, PublicityKind, PublicityScope

ENTRY_ROWS = 8


class ObjectionForm(forms.Form):
    """The public objection form (anonymous allowed; a contact is optional)."""

    content = forms.CharField(label=_("异议内容"), max_length=2000, widget=forms.Textarea,
                              error_messages={"required": _("请写明异议的具体事实（至少10个字）。")})
    entry_key = forms.CharField(required=False, max_length=40)
    submitter_name = forms.CharField(label=_("姓名（可不填）"), required=False, max_length=40)
    submitter_contact = forms.CharField(label=_("联系电话（可不填）"), required=False,
                                        max_length=40)


class StaffObjectionForm(ObjectionForm):
    channel = forms.ChoiceField(label=_("渠道"), choices=[
        c for c in ObjectionChannel.choices if c[0] != ObjectionChannel.ONLINE])


class PublicityForm(forms.Form):
    organization = forms.IntegerField(label=_("发布单位"), error_messages={
        "required": _("请选择发布单位。"), "invalid": _("请选择发布单位。")})
    kind = forms.ChoiceField(label=_("公示类别"), choices=PublicityKind.choices)
    scope = forms.ChoiceField(label=_("公示范围"), choices=PublicityScope.choices)
    title = forms.CharField(label=_("公示标题"), max_length=120)
    start_on = DateField(label=_("公示开始"), error_messages={
        "required": _("请填写公示开始日期。"), "invalid": _("请填写正确的日期。")})
    min_working_days = forms.IntegerField(label=_("公示工作日数"), min_value=1, max_value=365,
                                          required=False)
    contact_phone = forms.CharField(label=_("监督电话"), max_length=30)
    contact_address = forms.CharField(label=_("受理地点"), max_length=120, required=False)
    publish = forms.BooleanField(label=_("立即发布"), required=False)

    def entries(self, data) -> list[dict]:
        out = []
        for i in range(ENTRY_ROWS):
            label = (data.get(f"label_{i}") or "").strip()
            value = (data.get(f"value_{i}") or "").strip()
            if label or value:
                out.append({"key": f"e{i}", "label": label, "value": value})
        return out
