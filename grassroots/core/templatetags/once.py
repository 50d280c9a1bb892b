"""``{% load once %}{% idempotency_field %}``: the hidden key that makes a create form's
double-click or reload answer with the first result (core.idempotency)."""

from django import template
from django.utils.html import format_html

from ..idempotency import FORM_FIELD, form_key, issue_key

register = template.Library()


@register.simple_tag(takes_context=True)
def idempotency_field(context):
    request = context.get("request")
    # A form sent back with errors keeps its key: nothing was created under it.
    key = (form_key(request) if request is not None and request.method == "POST" else "") \
        or issue_key()
    return format_html('<input type="hidden" name="{}" value="{}">', FORM_FIELD, key)
