from grassroots.core.events import register_event_codes

from .transitions import Action
from .transitions_more import BaseAction, PostAction

EVENT_LABELS = {
    **{code: str(label) for code, label in Action.choices},
    **{code: str(label) for code, label in PostAction.choices},
    **{code: str(label) for code, label in BaseAction.choices},
    "talent_registered": "登记乡土人才",
    "title_committee_created": "设立评审委员会",
    "title_expert_appointed": "聘任评审专家",
    "title_round_created": "发布年度职称评审",
    "title_application_created": "填写职称申报",
    "title_expert_assigned": "分配评审专家",
    "title_expert_recused": "专家回避",
    "title_score_recorded": "专家评分",
    "title_round_publicised": "评审结果公示",
    "scitech_nominated": "推荐科技副镇长",
    "scitech_platform_created": "搭建产学研平台",
    "scitech_project_followed": "定点跟踪人才项目",
    "scitech_follow_up": "跟踪指导",
    "training_base_created": "申报实训基地",
    "training_course_created": "开设培训课程",
    "training_enrolled": "参训登记",
    "training_completion_decided": "结业认定",
    "incubation_created": "入驻创业孵化",
    "incubation_milestone": "孵化里程碑",
    "scitech_post_updated": "修改科技副镇长信息",
    "training_base_updated": "修改实训基地信息",
    "incubation_updated": "修改创业孵化信息",
    "title_lower_level_opened": "转评下一级",
}
register_event_codes("talent", EVENT_LABELS)
