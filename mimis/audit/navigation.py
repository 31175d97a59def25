"""The audit log's entries in the region administrators' menu and start page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep


def platform_links(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Audit log"), reverse("audit:log"))]


def organisation_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    if Capability.ADMINISTER_PLATFORM not in entry.capabilities:
        return []
    return [
        NextStep(
            _("Audit log"),
            _("Every important change on the platform, who made it and when."),
            reverse("audit:log"),
            _("Open the audit log"),
        )
    ]


def register() -> None:
    navigation.register_platform_links(platform_links, order=20)
    navigation.register_organisation_steps(organisation_steps, order=11)
