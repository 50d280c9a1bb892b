"""``{% load pii %}{% pii_reveal person "phone" %}``: the masked value, with a reveal button for
those allowed to reveal it (docs/security.md, "PII")."""

from django import template

from ..selectors import pii_reveal_allowed
from ..services import PII_FIELDS, REVEAL_SECONDS

register = template.Library()


@register.inclusion_tag("audit/_reveal_button.html", takes_context=True)
def pii_reveal(context, person, field="phone"):
    request = context.get("request")
    user = getattr(request, "user", None)
    masked = person.phone_masked if field == "phone" else person.id_number_masked
    return {"person": person, "field": field,
            "masked": masked or "—", "seconds": REVEAL_SECONDS,
            "can_reveal": bool(user and person and field in PII_FIELDS
                               and pii_reveal_allowed(user, person))}
