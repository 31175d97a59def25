"""Error pages in the site's layout and language; for the APIs' addresses, JSON with a code and a message."""

from __future__ import annotations

from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

#: Where the REST API, the VC API and its presentations live: clients there read JSON, not pages.
API_PREFIXES = ("/api/", "/credentials/", "/presentations/")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIXES) or request.path in {p.rstrip("/") for p in API_PREFIXES}


def _json(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json("not_found", _("There is nothing at this address."), 404)
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json("forbidden", _("You may not do this."), 403)
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django refused before any view ran (a Host header not served here, a body over the size
    limit, too many form fields). The middleware that sets the user may not have run, so the page is
    rendered without the request's context."""
    code, status = "bad_request", 400
    message = _("The request could not be read.")
    if isinstance(exception, DisallowedHost):
        code, message = "bad_host", _("This server does not answer for that host name.")
    elif isinstance(exception, RequestDataTooBig):
        code, status = "request_too_large", 413
        message = _("The request is larger than this server accepts.")
    elif isinstance(exception, TooManyFieldsSent):
        code, message = "too_many_fields", _("The form sent too many fields.")
    if _is_api(request):
        return _json(code, message, status)
    return HttpResponse(render_to_string("400.html", {"message": message}), status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    return HttpResponse(render_to_string("500.html"), status=500)
