"""JSON for the API: times in the county's time zone, Chinese text as is.

Django reads aware datetimes from the database in UTC, and the default encoder wrote them as
``…Z`` (UTC) while freshly computed ones came out as ``…+08:00``: one answer could mix both, and
a client showing the wall-clock part printed "09:30" for a 17:30 deadline. Every aware datetime is
now written in the current time zone (``TIME_ZONE``, Asia/Shanghai) with its offset, the same
as the pages and Open311 show it.
"""

from datetime import datetime

from django.utils import timezone
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class LocalTimeJSONEncoder(NinjaJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime) and timezone.is_aware(o):
            o = timezone.localtime(o)
        return super().default(o)


class LocalTimeJSONRenderer(JSONRenderer):
    encoder_class = LocalTimeJSONEncoder
    json_dumps_params = {"ensure_ascii": False}
