"""Validation's entries: the person's cases, and the assessors' queue under their organisation."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation
from mimis.core.navigation import NavItem


def personal_links(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Show what you can"), reverse("validation:mine"))]


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    if Capability.ISSUE_CREDENTIALS not in entry.capabilities:
        return []
    return [NavItem(_("Validation cases"), reverse("validation:queue", args=[entry.organisation.slug]))]


def register() -> None:
    navigation.register_navigation(personal_links, section=navigation.PERSONAL)
    navigation.register_organisation_links(organisation_links, order=35)
