"""Two-factor sign-in: ask for the code when a device is set up; require set-up for privileged roles."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language_from_path

from mimis.accounts.permissions import requires_two_factor
from mimis.accounts.selectors import has_confirmed_two_factor

# Paths that must work before the second factor: the 2FA pages themselves, signing out, static files,
# the health check and the token-authenticated API.
_OPEN_PREFIXES = ("/static/", "/healthz", "/api/", "/i18n/", "/issuers/")
_OPEN_NAMES = ("accounts:two_factor_verify", "accounts:two_factor_setup", "accounts:logout")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self._redirect_for(request)
        return redirect or self.get_response(request)

    def _redirect_for(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        path = request.path_info
        if path.startswith(_OPEN_PREFIXES):
            return None
        language = get_language_from_path(path) or settings.LANGUAGE_CODE
        from django.utils import translation

        with translation.override(language):
            open_paths = {reverse(name) for name in _OPEN_NAMES}
            if path in open_paths:
                return None
            if has_confirmed_two_factor(user=user):
                target = reverse("accounts:two_factor_verify")
            elif requires_two_factor(user) and not (settings.DEMO_MODE and user.is_demo):
                target = reverse("accounts:two_factor_setup")
            else:
                return None
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
