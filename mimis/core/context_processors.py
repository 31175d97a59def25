from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from mimis.core import navigation


def mimis(request: HttpRequest) -> dict[str, Any]:
    path = request.get_full_path()
    return {
        "demo_mode": settings.DEMO_MODE,
        "nav_items": navigation.navigation_for(request),
        "operator": settings.MIMIS_OPERATOR,
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
        **navigation.extra_context(request),
    }
