"""Authentication of /api/v1: an API token (``Authorization: Bearer <token>``) or the session.

A token acts as its user (for an organisation token, the organisation's service user), so every
selector filters by scope exactly as it does for pages. Unsafe methods need the ``write`` scope.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import SessionAuth
from ninja.security.http import HttpBearer

from grassroots.core.tokens import token_lookup

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    openapi_description = "API token created by an administrator: `Authorization: Bearer <token>`."

    def authenticate(self, request: HttpRequest, token: str):
        api_token = token_lookup(token)
        if api_token is None:
            # A presented but bad token is an error, not a reason to try the session.
            raise AuthenticationError(401, _("令牌无效、已过期或已被吊销。"))
        if request.method not in SAFE_METHODS and not api_token.has_scope("write"):
            raise AuthorizationError(403, _("该令牌只有只读权限，不能执行写操作。"))
        request.user = api_token.user
        request.api_token = api_token
        return api_token


class SessionUserAuth(SessionAuth):
    """The page session (CSRF-checked on unsafe methods by ninja)."""

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


API_AUTH = [TokenAuth(), SessionUserAuth()]
