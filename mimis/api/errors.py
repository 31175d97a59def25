"""Errors that come from below the domain (the framework, the database driver) as the API's own: a stable
``code`` and a translated ``message``, never ``{"detail": …}`` and never a 500 for input the client sent."""

from __future__ import annotations

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError

from mimis.errors import NotFound

ID_MAX = 2_147_483_647  # the largest id a database column holds on every supported database

_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    429: "throttled",
}


def _http_message(status: int) -> str:
    messages = {
        400: _("The request body is not valid JSON."),
        403: _("You may not do this."),
        404: str(NotFound.default_message),
        405: _("This address does not take this HTTP method."),
        413: _("The request is too large."),
        429: _("Too many requests. Wait a moment and try again."),
    }
    return messages.get(status, _("The request could not be handled."))


def _out_of_range(exc: BaseException) -> bool:
    if isinstance(exc, OverflowError):  # SQLite: "Python int too large to convert to SQLite INTEGER"
        return True
    cause = exc.__cause__
    return isinstance(exc, DataError) and type(cause).__name__ == "NumericValueOutOfRange"  # PostgreSQL


def install(api: NinjaAPI) -> None:
    """Register the handlers on the API (see ``mimis.api.api``)."""

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        code = "malformed_request" if status == 400 else _CODES.get(status, "error")
        return api.create_response(request, {"code": code, "message": _http_message(status)}, status=status)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"code": "not_found", "message": _http_message(404)}, status=404)

    def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
        if not _out_of_range(exc):
            raise exc
        return api.create_response(
            request,
            {
                "code": "number_out_of_range",
                "message": _("A number in the request is too large. Ids and numbers go up to %(max)d.")
                % {"max": ID_MAX},
            },
            status=400,
        )

    api.add_exception_handler(OverflowError, out_of_range)
    api.add_exception_handler(DataError, out_of_range)
