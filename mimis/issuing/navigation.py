"""Issuing's entries in an organisation's menu, on its page and on the start page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import OrganisationMembership
from mimis.core import navigation, worker_hooks
from mimis.core.navigation import ADVANCED, NavItem, NextStep


def organisation_links(request: HttpRequest, entry: OrganisationMembership) -> list[NavItem]:
    slug = entry.organisation.slug
    links = []
    if Capability.ISSUE_CREDENTIALS in entry.capabilities:
        links.append(NavItem(_("Issue credentials"), reverse("issuer_credentials", args=[slug])))
    # Signing keys are made when an organisation first signs something (a credential, an endorsement);
    # until then an organisation, such as an employer that only verifies, has no use for the page.
    if Capability.MANAGE_ISSUER_KEYS in entry.capabilities and entry.organisation.issuer_keys.exists():
        links.append(NavItem(_("Signing keys"), reverse("issuer_keys", args=[slug]), kind=ADVANCED))
    return links


def organisation_steps(request: HttpRequest, entry: OrganisationMembership) -> list[NextStep]:
    if Capability.ISSUE_CREDENTIALS not in entry.capabilities:
        return []
    return [
        NextStep(
            _("Issue credentials"),
            _("Award a published micro-credential to a learner, and revoke or suspend when needed."),
            reverse("issuer_credentials", args=[entry.organisation.slug]),
            _("Issue credentials"),
        )
    ]


def _on_worker_start(long_running: bool) -> None:
    from mimis.issuing.batches import resume_interrupted_jobs, start_resume_watch

    resume_interrupted_jobs()
    if long_running:
        start_resume_watch()


def register() -> None:
    worker_hooks.register_worker_start(_on_worker_start)
    navigation.register_organisation_links(organisation_links, order=30)
    navigation.register_organisation_steps(organisation_steps, order=30)
