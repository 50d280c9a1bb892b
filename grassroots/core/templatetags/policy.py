"""``{% load policy %}{% can "demands.dispatch" demand as may_dispatch %}``: a template asks the
app's policy (core/policy.py) instead of testing roles itself."""

from django import template

from grassroots.core.policy import can as policy_can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, obj=None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return False
    return policy_can(user, action, obj)
