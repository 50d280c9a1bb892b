"""The event codes the places importers write (core.events registry)."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.events import register_event_codes

register_event_codes("places", {"divisions_imported": _("导入行政区划"),
                                   "boundaries_imported": _("导入地图边界")})
