"""The wallet's entries in the menu and on the start page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep


def _is_learner(request: HttpRequest) -> bool:
    """People who work for no organisation are learners: their wallet comes first."""
    return request.user.is_authenticated and not navigation.organisations_of(request)


def personal(request: HttpRequest) -> list[NavItem]:
    if not _is_learner(request):
        return []
    return [NavItem(_("My credentials"), reverse("wallet:my_credentials"))]


def learner_steps(request: HttpRequest) -> list[NextStep]:
    if not _is_learner(request):
        return []
    return [
        NextStep(
            _("My credentials"),
            _("Micro-credentials you are awarded are collected here, ready to show to an employer."),
            reverse("wallet:my_credentials"),
            _("Open my credentials"),
        )
    ]


def organisation_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    if Capability.ADMINISTER_PLATFORM not in entry.capabilities:
        return []
    return [
        NextStep(
            _("Register a participant"),
            _("Create an account for a participant who does not use e-mail much yet."),
            reverse("wallet:register_participant", args=[entry.organisation.slug]),
            _("Register a participant"),
        )
    ]


def register() -> None:
    navigation.register_navigation(personal, section=navigation.PERSONAL)
    navigation.register_next_steps(learner_steps, order=20)
    navigation.register_organisation_steps(organisation_steps, order=12)
