"""Verification's entry in everyone's menu."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.core import navigation
from mimis.core.navigation import NavItem


def public(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Check a credential"), reverse("verification:verify"))]


def register() -> None:
    navigation.register_navigation(public, section=navigation.PUBLIC + 3)
