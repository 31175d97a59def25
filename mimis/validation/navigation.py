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
    """Only for people with a validation case: everyone else starts from a micro-credential's page."""
    from mimis.validation.models import ValidationCase

    if not request.user.is_authenticated or not ValidationCase.objects.filter(person=request.user).exists():
        return []
    return [NavItem(_("Show what you can"), reverse("validation:mine"))]


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    """For assessors, once the organisation has a case to assess (the menu stays short until then)."""
    from mimis.validation.models import ValidationCase
    from mimis.validation.selectors import ASSESSABLE_STATES

    if Capability.ISSUE_CREDENTIALS not in entry.capabilities:
        return []
    if not ValidationCase.objects.filter(
        version__microcredential__provider=entry.organisation, state__in=ASSESSABLE_STATES
    ).exists():
        return []
    return [NavItem(_("Validation cases"), reverse("validation:queue", args=[entry.organisation.slug]))]


def register() -> None:
    navigation.register_navigation(personal_links, section=navigation.PERSONAL)
    navigation.register_organisation_links(organisation_links, order=35)
