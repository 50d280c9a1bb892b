from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateField
from grassroots.demands.models import DemandType

from .models import TrainingKind, VisitForm, VolunteerKind


class VisitEntryForm(forms.Form):
    grid = forms.ModelChoiceField(queryset=None, label=_("网格"), empty_label=None)
    secretary = forms.ModelChoiceField(queryset=None, label=_("走访的民情书记"), required=False)
    date = DateField(label=_("走访日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    form = forms.ChoiceField(label=_("走访形式"), choices=VisitForm.choices,
                             widget=forms.RadioSelect)
    households_met = forms.IntegerField(label=_("走访户数"), min_value=0, initial=0,
                                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    people_met = forms.IntegerField(label=_("接触群众人数"), min_value=0, initial=0,
                                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    notes = forms.CharField(label=_("走访情况"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, grids, secretaries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = grids
        if secretaries is None:
            del self.fields["secretary"]
        else:
            self.fields["secretary"].queryset = secretaries


DEMAND_TYPE_CHOICES = [(v, lbl) for v, lbl in DemandType.choices]


def demand_rows_from_post(data) -> list[dict]:
    """The "add another demand" blocks of the visit form, in page order, blank ones dropped."""
    import re

    indices = sorted({int(m.group(1)) for k in data
                      if (m := re.match(r"^demand-(\d+)-title$", k))})
    rows = []
    for i in indices:
        p = f"demand-{i}-"
        row = {
            "index": i,
            "type": data.get(p + "type", DemandType.HELP),
            "title": data.get(p + "title", "").strip(),
            "text": data.get(p + "text", "").strip(),
            "citizen_name": data.get(p + "citizen_name", "").strip(),
            "citizen_phone": data.get(p + "citizen_phone", "").strip(),
            "solved_on_spot": data.get(p + "solved_on_spot") in ("on", "1", "true"),
            "on_spot_note": data.get(p + "on_spot_note", "").strip(),
        }
        if row["title"] or row["text"] or row["on_spot_note"]:
            rows.append(row)
    return rows


class ThemeForm(forms.Form):
    month = forms.RegexField(label=_("月份"), regex=r"^\d{4}-(0[1-9]|1[0-2])$",
                             widget=forms.TextInput(attrs={"type": "month"}),
                             error_messages={"invalid": _("月份格式应为YYYY-MM。")})
    title = forms.CharField(label=_("主题"), max_length=100)
    description = forms.CharField(label=_("说明"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class TrainingEntryForm(forms.Form):
    title = forms.CharField(label=_("培训名称"), max_length=100)
    kind = forms.ChoiceField(label=_("培训类型"), choices=TrainingKind.choices)
    organiser = forms.ModelChoiceField(queryset=None, label=_("组织单位"), required=False)
    date = DateField(label=_("培训日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    place = forms.CharField(label=_("培训地点"), max_length=100)
    topics = forms.CharField(label=_("培训内容"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    trainers = forms.CharField(label=_("授课人"), required=False, max_length=200)

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers


class VolunteerEntryForm(forms.Form):
    title = forms.CharField(label=_("活动名称"), max_length=100)
    kind = forms.ChoiceField(label=_("活动类型"), choices=VolunteerKind.choices)
    grid = forms.ModelChoiceField(queryset=None, label=_("网格"), required=False)
    division = forms.ModelChoiceField(queryset=None, label=_("村居（未选网格时）"), required=False)
    date = DateField(label=_("活动日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    participants_count = forms.IntegerField(label=_("参与人次"), min_value=1)
    people_served = forms.IntegerField(label=_("服务群众人数"), min_value=0, initial=0)
    notes = forms.CharField(label=_("活动情况"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, grids, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = grids
        self.fields["division"].queryset = divisions
