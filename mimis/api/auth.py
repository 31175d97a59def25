"""Bearer-token authentication and scope checks for the REST API."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from mimis.accounts.models import ApiToken, Organisation, User
from mimis.accounts.permissions import requires_two_factor
from mimis.accounts.selectors import has_confirmed_two_factor
from mimis.accounts.services import authenticate_api_token
from mimis.errors import NotFound, PermissionDenied


class InsufficientScope(PermissionDenied):
    code = "insufficient_scope"
    default_message = _("The API token does not have the scope this needs.")


class TokenAuth(HttpBearer):
    openapi_description = (
        "A personal or organisation API token: `Authorization: Bearer mimis_<prefix>_<secret>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = authenticate_api_token(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token


token_auth = TokenAuth()


class CsrfFailed(PermissionDenied):
    code = "csrf_failed"
    default_message = _(
        "The security check of the request failed. Send the CSRF token (X-CSRFToken header) with the request."
    )


class SessionAuth(APIKeyCookie):
    """A person signed in to the pages (session cookie), for endpoints the pages call with htmx or fetch.

    Only a finished sign-in counts: someone who still owes the second factor is not signed in here either.
    Writes need Django's CSRF token, as forms do. Anonymous callers get 401, not a CSRF error.
    """

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "The session of a person signed in to MIMIS's pages; send X-CSRFToken."

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not _sign_in_complete(user):
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise CsrfFailed()
        return user


def _sign_in_complete(user: User) -> bool:
    """The same rule as the pages' two-factor middleware: a confirmed device must have been used."""
    if user.is_verified():
        return True
    if has_confirmed_two_factor(user=user):
        return False
    return not requires_two_factor(user) or bool(settings.DEMO_MODE and user.is_demo)


session_auth = SessionAuth()


def require_scope_of_token(request: HttpRequest, scope: str) -> None:
    """For endpoints open to sessions and tokens: a token needs ``scope``; a signed-in person does not."""
    if getattr(request, "api_token", None) is not None:
        require_scope(request, scope)


def authenticate_optional(request: HttpRequest) -> ApiToken | None:
    """For public endpoints that show more to a caller who sends a valid token."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    return token_auth.authenticate(request, header[7:].strip())


def require_scope(request: HttpRequest, scope: str) -> None:
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is None or scope not in token.scopes:
        raise InsufficientScope(_("The API token needs the scope '%(scope)s' for this.") % {"scope": scope})


def check_token_organisation(request: HttpRequest, organisation: Organisation) -> None:
    """An organisation token acts only within its own organisation."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is not None and token.organisation_id is not None and token.organisation_id != organisation.pk:
        raise NotFound()
