"""Event codes of the disposal sub-area (register_event_codes("partymembers", {...}))."""

from grassroots.core.events import register_event_codes

from .transitions import Action

register_event_codes("partymembers", {
    **{a.value: a.label for a in Action},
    "dsp_raise": "系统发现处置线索（连续6个月）",
    "dsp_flag": "登记处置线索",
    "dsp_valid_reason": "登记正当理由",
    "dsp_education_record": "登记教育转化记录",
    "dsp_eighth_branch": "设立第八党支部",
})
