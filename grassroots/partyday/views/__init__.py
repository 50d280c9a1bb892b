from .days import (  # noqa: F401
    day_detail,
    day_document,
    day_hold,
    day_invite,
    day_lecture,
    day_list,
    day_new,
    day_sign_in,
    day_suggest,
)
from .edit import (  # noqa: F401
    day_comment,
    invitation_reply,
    menu_act,
    menu_new,
    my_invitations,
    rep_new,
    site_act,
    site_new,
)
from .menus import menu_detail, menu_document, menu_list  # noqa: F401
from .registers import rep_list, site_list  # noqa: F401
from .stats import not_held_page, stats_page, stats_xlsx  # noqa: F401
from .suggestions import (  # noqa: F401
    rep_home,
    rep_log,
    suggestion_act,
    suggestion_detail,
    suggestion_list,
    suggestion_slip,
)
