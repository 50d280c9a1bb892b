from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

from .transitions import DayAction, SiteAction, SuggestionAction

EVENT_LABELS = {
    "menu_create": _("创建活动菜单"),
    "menu_item_add": _("增加菜单事项"),
    "menu_item_not_applicable": _("标记菜单事项不适用"),
    "menu_select": _("选定村级菜单事项"),
    "menu_publish": _("发布活动菜单"),
    "themeday_plan": _("制定主题党日计划"),
    "themeday_sign_in": _("列席人员签到"),
    "invitation_reply": _("答复列席邀请"),
    "themeday_lecture_add": _("登记讲课"),
    "themeday_comment_add": _("登记党员点评"),
    "suggestion_record": _("登记意见建议"),
    "rep_register": _("登记群众代表"),
    "rep_contact_log": _("登记联系群众情况"),
    "site_propose": _("推荐示范区（点）"),
    **{a.value: a.label for a in (*DayAction, *SuggestionAction, *SiteAction)},
}

register_event_codes("partyday", EVENT_LABELS)
