from grassroots.core.events import register_event_codes

from .transitions import Action

register_event_codes("talent", {
    **{code: str(label) for code, label in Action.choices},
    "talent_registered": "登记乡土人才",
    "title_committee_created": "设立评审委员会",
    "title_expert_appointed": "聘任评审专家",
    "title_round_created": "发布年度职称评审",
    "title_application_created": "填写职称申报",
    "title_expert_assigned": "分配评审专家",
    "title_expert_recused": "专家回避",
    "title_score_recorded": "专家评分",
    "title_round_publicised": "评审结果公示",
})
