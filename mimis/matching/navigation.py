"""Matching's entries in the menu and on the start page: "Paths to jobs" for learners, "Competence needs"
for organisations that describe roles, "Shortage occupations" for the region's administrators."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.models import OrganisationKind
from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep

#: Organisations that describe roles they recruit for (the region publishes templates for everyone).
PROFILE_KINDS = frozenset({OrganisationKind.EMPLOYER, OrganisationKind.REGION, OrganisationKind.UNION})


def _is_learner(request: HttpRequest) -> bool:
    return request.user.is_authenticated and not navigation.organisations_of(request)


def personal(request: HttpRequest) -> list[NavItem]:
    if not _is_learner(request):
        return []
    return [NavItem(_("Paths to jobs"), reverse("matching:paths"))]


def learner_steps(request: HttpRequest) -> list[NextStep]:
    if not _is_learner(request):
        return []
    return [
        NextStep(
            _("Paths to jobs"),
            _("See which jobs your credentials fit, what is missing, and the shortest way to get it."),
            reverse("matching:paths"),
            _("Find paths to jobs"),
        )
    ]


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    if entry.organisation.kind not in PROFILE_KINDS or Capability.VIEW_ORGANISATION not in entry.capabilities:
        return []
    links = [NavItem(_("Competence needs"), reverse("matching:profiles", args=[entry.organisation.slug]))]
    if entry.organisation.kind == OrganisationKind.EMPLOYER:
        links.append(
            NavItem(_("Contact requests"), reverse("matching:sent_requests", args=[entry.organisation.slug]))
        )
    return links


def platform_links(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Shortage occupations"), reverse("matching:shortages"))]


def register() -> None:
    navigation.register_navigation(personal, section=navigation.PERSONAL)
    navigation.register_next_steps(learner_steps, order=21)
    navigation.register_organisation_links(organisation_links, order=30)
    navigation.register_platform_links(platform_links, order=30)
