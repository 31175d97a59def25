"""What each person sees in the navigation and on their start page: what they can do next.

Later capabilities add their entries here (for example "create a micro-credential" for authors).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mimis.accounts.models import OrganisationStatus, User
from mimis.accounts.permissions import Capability, requires_two_factor
from mimis.accounts.selectors import OrganisationMembership, has_confirmed_two_factor


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str
    action: str
    method: str = "get"


def _public_items() -> list[NavItem]:
    return [
        NavItem(_("Micro-credentials"), reverse("catalog:catalogue")),
        NavItem(_("Organisations"), reverse("accounts:organisation_list")),
        NavItem(_("Check a credential"), reverse("verification:verify")),
    ]


# Reviewers, quality-assurance coordinators and the region see the review queue.
_REVIEW_CAPABILITIES = frozenset(
    {Capability.REVIEW_MICROCREDENTIALS, Capability.COORDINATE_REVIEWS, Capability.ADMINISTER_PLATFORM}
)


def navigation_for(user: User, memberships: list[OrganisationMembership]) -> list[NavItem]:
    items: list[NavItem] = []
    if not user.is_authenticated:
        return _public_items()
    items.append(NavItem(_("Start"), reverse("core:dashboard")))
    if not memberships:
        items.append(NavItem(_("My credentials"), reverse("wallet:my_credentials")))
    for entry in memberships:
        if Capability.ADMINISTER_PLATFORM in entry.capabilities:
            items.append(NavItem(_("Applications"), reverse("accounts:organisation_applications")))
            items.append(NavItem(_("Audit log"), reverse("audit:log")))
            break
    if any(_REVIEW_CAPABILITIES & entry.capabilities for entry in memberships):
        items.append(NavItem(_("Reviews"), reverse("quality:queue")))
    for entry in memberships:
        if Capability.AUTHOR_MICROCREDENTIALS in entry.capabilities:
            items.append(
                NavItem(
                    _("Our micro-credentials"),
                    reverse("catalog:organisation_microcredentials", args=[entry.organisation.slug]),
                )
            )
    for entry in memberships:
        items.append(
            NavItem(
                entry.organisation.name,
                reverse("accounts:organisation_detail", args=[entry.organisation.slug]),
            )
        )
    items.extend(_public_items())
    return items


def _quality_steps_of_provider(organisation_id: int) -> list[NextStep]:
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


def next_steps_for(user: User, memberships: list[OrganisationMembership]) -> list[NextStep]:
    from mimis.accounts.selectors import pending_organisations

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
    if not memberships:
        steps.append(
            NextStep(
                _("My credentials"),
                _("Micro-credentials you are awarded are collected here, ready to show to an employer."),
                reverse("wallet:my_credentials"),
                _("Open my credentials"),
            )
        )
        steps.append(
            NextStep(
                _("Represent an organisation?"),
                _(
                    "Schools, employers, unions and associations can apply to offer micro-credentials in MIMIS."
                ),
                reverse("accounts:organisation_create"),
                _("Register an organisation"),
            )
        )
    for entry in memberships:
        organisation = entry.organisation
        if organisation.status == OrganisationStatus.PENDING:
            steps.append(
                NextStep(
                    organisation.name,
                    _("The application is waiting for the region's decision. You will get an e-mail."),
                    reverse("accounts:organisation_detail", args=[organisation.slug]),
                    _("See the application"),
                )
            )
            continue
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
            steps.append(
                NextStep(
                    _("Audit log"),
                    _("Every important change on the platform, who made it and when."),
                    reverse("audit:log"),
                    _("Open the audit log"),
                )
            )
            steps.append(
                NextStep(
                    _("Register a participant"),
                    _("Create an account for a participant who does not use e-mail much yet."),
                    reverse("wallet:register_participant", args=[organisation.slug]),
                    _("Register a participant"),
                )
            )
        if Capability.AUTHOR_MICROCREDENTIALS in entry.capabilities:
            steps.extend(_quality_steps_of_provider(organisation.pk))
            steps.append(
                NextStep(
                    _("Create a micro-credential"),
                    _(
                        "Describe what the learner will be able to do, link it to skills, and send it for publishing."
                    ),
                    reverse("catalog:create", args=[organisation.slug]),
                    _("Create a micro-credential"),
                )
            )
        if Capability.ISSUE_CREDENTIALS in entry.capabilities:
            steps.append(
                NextStep(
                    _("Issue credentials"),
                    _("Award a published micro-credential to a learner, and revoke or suspend when needed."),
                    reverse("issuer_credentials", args=[organisation.slug]),
                    _("Issue credentials"),
                )
            )
        if Capability.MANAGE_MEMBERS in entry.capabilities:
            steps.append(
                NextStep(
                    _("Invite a colleague to %(organisation)s") % {"organisation": organisation.name},
                    _("Give colleagues the roles they need: editor, issuer, reviewer or viewer."),
                    reverse("accounts:organisation_members", args=[organisation.slug]),
                    _("Manage members"),
                )
            )
    capabilities = frozenset().union(*(entry.capabilities for entry in memberships))
    if _REVIEW_CAPABILITIES & capabilities:
        from mimis.quality.selectors import awaiting_assignment, review_queue

        texts = []
        if Capability.REVIEW_MICROCREDENTIALS in capabilities:
            waiting = review_queue(reviewer=user).count()
            texts.append(
                ngettext(
                    "%(count)d review is waiting for you.",
                    "%(count)d reviews are waiting for you.",
                    waiting,
                )
                % {"count": waiting}
            )
        if {Capability.COORDINATE_REVIEWS, Capability.ADMINISTER_PLATFORM} & capabilities:
            unassigned = len(awaiting_assignment())
            texts.append(
                ngettext(
                    "%(count)d submission is waiting for a reviewer.",
                    "%(count)d submissions are waiting for a reviewer.",
                    unassigned,
                )
                % {"count": unassigned}
            )
        steps.append(
            NextStep(
                _("Quality assurance"), " ".join(texts), reverse("quality:queue"), _("Open the review queue")
            )
        )
    return steps
