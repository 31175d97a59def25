from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from mimis.accounts.selectors import memberships_of_request
from mimis.core.navigation import navigation_for


def mimis(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    memberships = memberships_of_request(request) if user.is_authenticated else []
    path = request.get_full_path()
    return {
        "demo_mode": settings.DEMO_MODE,
        "nav_items": navigation_for(user, memberships),
        "memberships": memberships,
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
