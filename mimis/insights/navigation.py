"""Insights in the menu: public statistics for everyone, the region's job-ad uploads under "Platform"."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep


def _is_region_admin(request: HttpRequest) -> bool:
    return any(
        Capability.ADMINISTER_PLATFORM in entry.capabilities for entry in navigation.organisations_of(request)
    )


def public(request: HttpRequest) -> list[NavItem]:
    # The region's administrators find the statistics under "Platform", which keeps their menu one row.
    if _is_region_admin(request):
        return []
    return [NavItem(_("Statistics"), reverse("insights:dashboard"))]


def platform_links(request: HttpRequest) -> list[NavItem]:
    return [
        NavItem(_("Statistics"), reverse("insights:dashboard")),
        NavItem(_("Job ads"), reverse("insights:job_ads")),
    ]


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    if not {Capability.ISSUE_CREDENTIALS, Capability.AUTHOR_MICROCREDENTIALS} & entry.capabilities:
        return []
    return [
        NavItem(
            _("Our statistics"),
            reverse("insights:dashboard") + f"?organisation={entry.organisation.slug}",
        )
    ]


def organisation_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    if Capability.ADMINISTER_PLATFORM not in entry.capabilities:
        return []
    return [
        NextStep(
            _("Regional insights"),
            _("Verified skills in Skåne against what employers ask for, by sector, pilot and provider."),
            reverse("insights:dashboard"),
            _("Open the statistics"),
            prominent=False,
        )
    ]


def register() -> None:
    navigation.register_navigation(public, section=navigation.PUBLIC + 4)
    navigation.register_platform_links(platform_links, order=40)
    navigation.register_organisation_links(organisation_links, order=40)
    navigation.register_organisation_steps(organisation_steps, order=40)
