"""Accounts' entries in the menu and on the start page (registered in AccountsConfig.ready())."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mimis.accounts.models import OrganisationStatus
from mimis.accounts.permissions import Capability, requires_two_factor
from mimis.accounts.selectors import (
    OrganisationMembership,
    has_confirmed_two_factor,
    memberships_of_request,
    pending_organisations,
)
from mimis.core import navigation
from mimis.core.navigation import ADVANCED, NavItem, NextStep


def _memberships(request: HttpRequest) -> list[OrganisationMembership]:
    return memberships_of_request(request) if request.user.is_authenticated else []


def template_context(request: HttpRequest) -> dict:
    return {"memberships": _memberships(request)}


def start(request: HttpRequest) -> list[NavItem]:
    if not request.user.is_authenticated:
        return []
    return [NavItem(_("Start"), reverse("core:dashboard"))]


def public(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Organisations"), reverse("accounts:organisation_list"))]


def platform(request: HttpRequest) -> list[NavItem]:
    """The region's administrators: one "Platform" entry with what they administer."""
    if not any(Capability.ADMINISTER_PLATFORM in entry.capabilities for entry in _memberships(request)):
        return []
    children = [NavItem(_("Applications"), reverse("accounts:organisation_applications"))]
    children += navigation.platform_links(request)
    return [NavItem(_("Platform"), children[0].url, children=tuple(children))]


def organisations(request: HttpRequest) -> list[NavItem]:
    """The person's organisations, with what they do there underneath: one menu entry in all.

    One organisation: its name opens its entries. Several: "Your organisations" opens all of them,
    grouped by organisation, so the menu stays one row wide however many roles a person has.
    """
    groups = []
    for entry in _memberships(request):
        overview = NavItem(
            _("Overview"), reverse("accounts:organisation_detail", args=[entry.organisation.slug])
        )
        children = [overview] + [
            link for link in navigation.organisation_links(request, entry) if link.kind != ADVANCED
        ]
        groups.append(NavItem(entry.organisation.name, overview.url, children=tuple(children)))
    if len(groups) <= 1:
        return groups
    return [NavItem(_("Your organisations"), "", children=tuple(groups))]


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    slug = entry.organisation.slug
    links = []
    if Capability.MANAGE_MEMBERS in entry.capabilities:
        links.append(
            NavItem(_("Members and invitations"), reverse("accounts:organisation_members", args=[slug]))
        )
    if Capability.MANAGE_ORGANISATION_TOKENS in entry.capabilities:
        links.append(
            NavItem(
                _("Organisation API tokens"),
                reverse("accounts:organisation_tokens", args=[slug]),
                kind=ADVANCED,
            )
        )
    return links


def personal_steps(request: HttpRequest) -> list[NextStep]:
    user = request.user
    steps: list[NextStep] = []
    if not user.email_verified:
        steps.append(
            NextStep(
                _("Verify your e-mail address"),
                _("We sent a link to %(email)s. Open it so that credentials sent to that address reach you.")
                % {"email": user.email},
                reverse("accounts:resend_verification"),
                _("Send the link again"),
                method="post",
            )
        )
    if requires_two_factor(user) and not has_confirmed_two_factor(user=user):
        steps.append(
            NextStep(
                _("Turn on two-factor sign-in"),
                _(
                    "Your roles let you issue, approve or administer, so sign-in needs a code from an app on your phone."
                ),
                reverse("accounts:two_factor_setup"),
                _("Set up two-factor sign-in"),
            )
        )
    return steps


def learner_steps(request: HttpRequest) -> list[NextStep]:
    """A learner may also represent an organisation: offered, but not as one of their main tasks."""
    if not request.user.is_authenticated or _memberships(request):
        return []
    return [
        NextStep(
            _("Represent an organisation?"),
            _("Schools, employers, unions and associations can apply to offer micro-credentials in MIMIS."),
            reverse("accounts:organisation_create"),
            _("Register an organisation"),
            prominent=False,
        )
    ]


def organisation_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    organisation = entry.organisation
    if organisation.status == OrganisationStatus.PENDING:
        return [
            NextStep(
                organisation.name,
                _("The application is waiting for the region's decision. You will get an e-mail."),
                reverse("accounts:organisation_detail", args=[organisation.slug]),
                _("See the application"),
            )
        ]
    steps = []
    if Capability.ADMINISTER_PLATFORM in entry.capabilities:
        waiting = pending_organisations().count()
        steps.append(
            NextStep(
                _("Organisation applications"),
                ngettext(
                    "%(count)d organisation is waiting for a decision.",
                    "%(count)d organisations are waiting for a decision.",
                    waiting,
                )
                % {"count": waiting},
                reverse("accounts:organisation_applications"),
                _("Decide on applications"),
            )
        )
    return steps


def member_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    if Capability.MANAGE_MEMBERS not in entry.capabilities:
        return []
    organisation = entry.organisation
    return [
        NextStep(
            _("Invite a colleague to %(organisation)s") % {"organisation": organisation.name},
            _("Give colleagues the roles they need: editor, issuer, reviewer or viewer."),
            reverse("accounts:organisation_members", args=[organisation.slug]),
            _("Manage members"),
        )
    ]


def register() -> None:
    navigation.register_organisations_of(_memberships)
    navigation.register_context(template_context)
    navigation.register_navigation(start, section=navigation.START)
    navigation.register_navigation(platform, section=navigation.PLATFORM)
    navigation.register_navigation(organisations, section=navigation.ORGANISATIONS)
    navigation.register_navigation(public, section=navigation.PUBLIC + 2)
    navigation.register_organisation_links(organisation_links, order=10)
    navigation.register_next_steps(personal_steps, order=10)
    navigation.register_next_steps(learner_steps, order=25)
    navigation.register_organisation_steps(organisation_steps, order=10)
    navigation.register_organisation_steps(member_steps, order=90)
