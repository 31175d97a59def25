"""Throttling of failed sign-ins (django-axes) keyed on the e-mail address as typed, lower-cased."""

from __future__ import annotations

from django.http import HttpRequest


def username_for_throttling(request: HttpRequest, credentials: dict | None) -> str | None:
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
