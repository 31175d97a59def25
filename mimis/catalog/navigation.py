"""The catalogue's entries in the menu and on the start page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep


def public(request: HttpRequest) -> list[NavItem]:
    return [NavItem(_("Micro-credentials"), reverse("catalog:catalogue"))]


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    if Capability.AUTHOR_MICROCREDENTIALS not in entry.capabilities:
        return []
    url = reverse("catalog:organisation_microcredentials", args=[entry.organisation.slug])
    return [NavItem(_("Our micro-credentials"), url)]


def _waiting_for_provider(organisation_id: int) -> list[NextStep]:
    """The provider's micro-credentials that wait for it: changes the reviewer asked for, approvals to publish."""
    from mimis.catalog.models import MicroCredentialVersion, VersionStatus

    versions = (
        MicroCredentialVersion.objects.filter(
            microcredential__provider_id=organisation_id,
            status__in=[VersionStatus.CHANGES_REQUESTED, VersionStatus.APPROVED],
        )
        .select_related("microcredential")
        .order_by("-updated_at", "-pk")[:5]
    )
    steps = []
    for version in versions:
        url = reverse("catalog:edit", args=[version.microcredential.slug, "preview"])
        if version.status == VersionStatus.CHANGES_REQUESTED:
            steps.append(
                NextStep(
                    _("Make the changes to “%(title)s”") % {"title": version.display_title},
                    _("The reviewer has asked for changes. Make them, then send it back for review."),
                    url,
                    _("See the requested changes"),
                )
            )
        else:
            steps.append(
                NextStep(
                    _("Publish “%(title)s”") % {"title": version.display_title},
                    _("It is approved by quality assurance and ready to publish in the catalogue."),
                    url,
                    _("Open it to publish"),
                )
            )
    return steps


def _invitations_waiting(organisation_id: int) -> list[NextStep]:
    """Invitations to co-design that this organisation has not answered yet (its name shows only after yes)."""
    from mimis.catalog.models import CoDesigner, CoDesignerStatus

    invitations = (
        CoDesigner.objects.filter(organisation_id=organisation_id, status=CoDesignerStatus.INVITED)
        .select_related("microcredential__provider")
        .order_by("-pk")[:5]
    )
    steps = []
    for invitation in invitations:
        microcredential = invitation.microcredential
        version = microcredential.versions.order_by("-number").first()
        title = version.display_title if version else microcredential.slug
        steps.append(
            NextStep(
                _("Answer the invitation to design “%(title)s”") % {"title": title},
                _("%(provider)s asks you to design it together. Your name is shown only if you say yes.")
                % {"provider": microcredential.provider.name},
                reverse("catalog:codesign_invitation", args=[invitation.pk]),
                _("See the invitation"),
            )
        )
    return steps


def organisation_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    if Capability.AUTHOR_MICROCREDENTIALS not in entry.capabilities:
        return []
    return [
        *_invitations_waiting(entry.organisation.pk),
        *_waiting_for_provider(entry.organisation.pk),
        NextStep(
            _("Create a micro-credential"),
            _("Describe what the learner will be able to do, link it to skills, and send it for publishing."),
            reverse("catalog:create", args=[entry.organisation.slug]),
            _("Create a micro-credential"),
        ),
    ]


def register() -> None:
    navigation.register_navigation(public, section=navigation.PUBLIC + 1)
    navigation.register_organisation_links(organisation_links, order=20)
    navigation.register_organisation_steps(organisation_steps, order=20)
