"""Bearer-token authentication and scope checks for the REST API."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from mimis.accounts.models import ApiToken, Organisation
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
