from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from mimis import __version__
from mimis.core.navigation import next_steps_for

# When the accessibility statement was last reviewed against the service (update it with the text).
ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 12, 4)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, in the form DIGG prescribes for public-sector websites."""
    return render(
        request,
        "core/accessibility.html",
        {"reviewed": ACCESSIBILITY_STATEMENT_REVIEWED, "base_url": settings.MIMIS_BASE_URL},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """What personal data MIMIS stores, why, for how long, and the person's rights."""
    return render(
        request,
        "core/privacy.html",
        {
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html")


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    steps = next_steps_for(request)
    return render(
        request,
        "core/dashboard.html",
        {
            "next_steps": [step for step in steps if step.prominent],
            "more_steps": [step for step in steps if not step.prominent],
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure makes the instance unhealthy
        return JsonResponse(
            {"status": "error", "database": "unreachable", "version": __version__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "version": __version__})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form's security check failed (an old page, or cookies blocked): say so on a page of ours."""
    return render(request, "403_csrf.html", status=403)
