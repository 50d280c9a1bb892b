"""The event codes the party-organisation services write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("party", {
    "party_org_created": _("设立党组织"),
    "party_org_updated": _("修改党组织信息"),
    "party_org_moved": _("调整隶属关系"),
    "party_org_closed": _("撤销党组织"),
    "party_secretary_set": _("设定书记"),
    "party_term_renewed": _("换届选举"),
    "party_member_added": _("增加党员"),
    "party_member_transferred": _("转接组织关系"),
    "party_member_removed": _("减少党员"),
    "party_member_converted": _("预备党员转正"),
    "party_member_updated": _("更新党员信息"),
    "party_post_granted": _("任命组织委员"),
    "party_post_ended": _("免去组织委员"),
})
