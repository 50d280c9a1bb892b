from grassroots.core.events import register_event_codes

register_event_codes("example", {
    "errand_created": "登记事项",
    "errand_finish": "办结事项",
    "errand_drop": "撤销事项",
})
