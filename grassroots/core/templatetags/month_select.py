"""``{% month_select "month" value %}``: a month picker that reads the same in every browser.

``<input type="month">`` is drawn in the browser's locale ("October 2026", or a bare text box
in some browsers); this select names the months in Chinese (2026年10月) and sends YYYY-MM."""

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

MONTHS_BACK = 36


@register.simple_tag
def month_select(name: str, value: str = "", *, back: int = MONTHS_BACK):
    from grassroots.core import clock

    today = timezone.localdate(clock.now())
    year, month = today.year, today.month
    options = []
    for _i in range(back):
        key = f"{year:04d}-{month:02d}"
        options.append((key, " selected" if key == value else "",
                        _("%(y)s年%(m)s月") % {"y": year, "m": month}))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if value and value not in {k for k, _s, _l in options}:  # an older month asked for
        options.append((value, " selected", value))
    return format_html('<select name="{}">{}</select>', name, format_html_join(
        "", '<option value="{}"{}>{}</option>', options))
