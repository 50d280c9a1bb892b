from grassroots.core.events import register_event_codes

register_event_codes("rulesets", {
    "rule_set_local_created": "新增本地规则",
    "rule_set_confirm": "确认施行规则",
})
