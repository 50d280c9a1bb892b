"""Who may do what: one policy per app, read by services, pages, the API and tests alike.

An app declares its rules once in ``<app>/policy.py``::

    class DemandPolicy(Policy):
        app_label = "demands"

        @rule(_("只有派单中心可以执行此操作。"))
        def dispatch(self, scope, obj=None):
            return scope.is_dispatcher

and everything else asks by name — ``can(user, "demands.dispatch")`` for a page's button,
``require(actor, "demands.dispatch")`` at the top of a service (raises ``NotInScope`` with the
rule's translated message, or ``NotVisible`` — the 404 of a missing page — for a rule declared
``hidden``), ``visible(user, qs)`` for a list (the model's ``.restrict()``), and
``{% can "demands.dispatch" demand as may_dispatch %}`` in a template.

``NotInScope`` is also a ``PermissionDenied`` and ``NotVisible`` an ``Http404``, so a refusal
raised in a view becomes Django's 403/404 page with no wrapping, and in the API the one error
shape (api/errors.py).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps

from .errors import NotInScope, NotVisible
from .scope import Scope, get_scope

_policies: dict[str, Policy] = {}


@dataclass(frozen=True)
class Rule:
    name: str
    check: object  # (policy, scope, obj) -> bool
    message: object  # lazy translated text
    hidden: bool = False  # refuse with 404 (the page is not advertised), not 403
    system: bool = False  # ``user=None`` is the system (a periodic job) and is allowed


def rule(message, *, hidden: bool = False, system: bool = False):
    """Declare a policy method ``name(self, scope, obj=None) -> bool`` as the rule ``name``."""

    def mark(func):
        func._policy_rule = (message, hidden, system)
        return func

    return mark


class Policy:
    """The base of every app's policy; a subclass with ``app_label`` registers itself."""

    app_label = ""
    rules: dict[str, Rule] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Rules of every base, so an app's policy may be composed of one mixin per sub-area
        # (``class PartyMembersPolicy(RecordRules, DevelopmentRules)``).
        rules = {}
        for base in reversed(cls.__mro__[1:]):
            rules.update(vars(base).get("rules", {}))
        for name, value in vars(cls).items():
            marked = getattr(value, "_policy_rule", None)
            if marked is not None:
                message, hidden, system = marked
                rules[name] = Rule(name, value, message, hidden, system)
        cls.rules = rules
        if cls.app_label:
            if cls.app_label in _policies and type(_policies[cls.app_label]) is not cls:
                raise ValueError(f"two policies for app {cls.app_label!r}")
            _policies[cls.app_label] = cls()

    def rule(self, action: str) -> Rule:
        try:
            return self.rules[action]
        except KeyError:
            raise KeyError(f"no rule {action!r} in the {self.app_label} policy") from None

    def allows(self, scope: Scope, action: str, obj=None) -> bool:
        """The rule's answer for a scope already computed (a page asking several times)."""
        return bool(self.rule(action).check(self, scope, obj))

    def can(self, user, action: str, obj=None) -> bool:
        r = self.rule(action)
        if user is None and r.system:
            return True
        return bool(r.check(self, get_scope(user), obj))

    def require(self, user, action: str, obj=None, *, message=None) -> Scope:
        """The user's scope if the rule allows; else the rule's refusal (``message`` overrides
        the rule's text where one service says more precisely what was refused)."""
        r = self.rule(action)
        scope = get_scope(user)
        if user is None and r.system:
            return scope
        if not r.check(self, scope, obj):
            raise (NotVisible if r.hidden else NotInScope)(str(message or r.message))
        return scope

    def visible(self, user, queryset, action: str = "view"):
        """The rows of ``queryset`` the user may ``action``; the model's ``.restrict()`` by
        default (a policy may narrow further)."""
        return queryset.restrict(user, action)


def _app_label(target) -> str:
    if isinstance(target, str):
        return target
    meta = getattr(target, "_meta", None)
    if meta is None:
        raise TypeError(f"no policy for {target!r}: give an app label, a model or an object")
    return meta.app_label


def policy_for(target) -> Policy:
    """The policy of an app: by app label, model class or model instance. The app's
    ``policy`` module is imported on first use."""
    label = _app_label(target)
    if label not in _policies:
        config = apps.get_app_config(label)
        try:
            importlib.import_module(f"{config.name}.policy")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.policy":
                raise
        if label not in _policies:
            raise LookupError(f"app {label!r} has no policy (add {config.name}/policy.py)")
    return _policies[label]


def _split(action: str, obj) -> tuple[Policy, str]:
    """``"demands.dispatch"`` -> (demands policy, "dispatch"); a bare action takes the app of
    ``obj``."""
    if "." in action:
        label, name = action.split(".", 1)
        return policy_for(label), name
    if obj is None:
        raise ValueError(f"action {action!r} names no app and no object was given")
    return policy_for(obj), action


def can(user, action: str, obj=None) -> bool:
    policy, name = _split(action, obj)
    return policy.can(user, name, obj)


def allows(scope: Scope, action: str, obj=None) -> bool:
    policy, name = _split(action, obj)
    return policy.allows(scope, name, obj)


def require(user, action: str, obj=None, *, message=None) -> Scope:
    policy, name = _split(action, obj)
    return policy.require(user, name, obj, message=message)


def visible(user, queryset, action: str = "view"):
    return policy_for(queryset.model).visible(user, queryset, action)


class CorePolicy(Policy):
    """Platform-wide rules shared by every app's pages."""

    app_label = "core"

    @rule("未找到", hidden=True)
    def staff(self, scope, obj=None):
        # citizens and users without a staff role get the same 404 as for a missing page
        return scope.is_staff_member and not scope.is_citizen

    @rule("您没有权限执行此操作。")
    def administer(self, scope, obj=None):
        return scope.is_admin
