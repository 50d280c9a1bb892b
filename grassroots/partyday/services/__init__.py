from .days import (  # noqa: F401
    comment_add,
    invitation_reply,
    lecture_add,
    themeday_hold,
    themeday_invite,
    themeday_plan,
    themeday_sign_in,
)
from .menus import (  # noqa: F401
    menu_create,
    menu_item_add,
    menu_item_mark_not_applicable,
    menu_item_remove,
    menu_publish,
    menu_select,
)
from .registers import rep_contact_log, rep_register, site_act, site_propose  # noqa: F401
from .suggestions import (  # noqa: F401
    suggestion_decide,
    suggestion_feedback,
    suggestion_record,
    suggestion_relay,
    suggestion_to_demand,
)
