"""Helpers shared by the demand services: actors, notifications, lifecycle hooks."""

from collections.abc import Callable

from django.utils.translation import gettext_noop

from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.scope import Role
from grassroots.orgs.selectors import users_with_role

from ..models import Demand

# Functions called inside the transaction after every lifecycle change:
# hook(demand=..., action=..., assignment=..., actor=...). Integrations (the 12345 outbox,
# text intelligence) register here instead of listening to signals.
LIFECYCLE_HOOKS: list[Callable] = []


def register_lifecycle_hook(func):
    LIFECYCLE_HOOKS.append(func)
    return func


def run_hooks(*, demand, action, assignment=None, actor=None, extra=None):
    for hook in LIFECYCLE_HOOKS:
        hook(demand=demand, action=action, assignment=assignment, actor=actor, extra=extra or {})


def dispatcher_users():
    return users_with_role(Role.DISPATCHER)


def demand_url(demand: Demand) -> str:
    return f"/demands/{demand.pk}/"


def unit_says(unit, text: str) -> Message:
    """A notification line quoting what a unit wrote ("水务局：……")."""
    return Message(gettext_noop("%(unit)s：%(text)s"), unit=str(unit), text=text)


def notify_unit(unit, *, kind, title, body="", url="", dedup_key=""):
    return notify(recipients=unit.staff_users(), kind=kind, title=title, body=body, url=url,
                  dedup_key=dedup_key)


def notify_dispatchers(*, kind, title, body="", url="", dedup_key=""):
    return notify(recipients=dispatcher_users(), kind=kind, title=title, body=body, url=url,
                  dedup_key=dedup_key)


def notify_citizen(demand: Demand, *, kind, title, body=""):
    person = demand.citizen
    if person is not None and person.user_id:
        notify(recipients=[person.user], kind=kind, title=title, body=body,
               url=f"/my/demands/{demand.pk}/")

