"""Quality assurance's entries in the menu and on the start page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mimis.accounts.permissions import Capability
from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep

# Reviewers, quality-assurance coordinators and the region see the review queue.
_REVIEW_CAPABILITIES = frozenset(
    {Capability.REVIEW_MICROCREDENTIALS, Capability.COORDINATE_REVIEWS, Capability.ADMINISTER_PLATFORM}
)


def _capabilities(request: HttpRequest) -> frozenset[Capability]:
    return frozenset().union(*(entry.capabilities for entry in navigation.organisations_of(request)))


def reviews(request: HttpRequest) -> list[NavItem]:
    if not _REVIEW_CAPABILITIES & _capabilities(request):
        return []
    return [NavItem(_("Reviews"), reverse("quality:queue"))]


def review_steps(request: HttpRequest) -> list[NextStep]:
    capabilities = _capabilities(request)
    if not _REVIEW_CAPABILITIES & capabilities:
        return []
    from mimis.quality.selectors import awaiting_assignment, review_queue

    texts = []
    if Capability.REVIEW_MICROCREDENTIALS in capabilities:
        waiting = review_queue(reviewer=request.user).count()
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
    return [
        NextStep(
            _("Quality assurance"), " ".join(texts), reverse("quality:queue"), _("Open the review queue")
        )
    ]


def register() -> None:
    navigation.register_navigation(reviews, section=navigation.REVIEW)
    navigation.register_next_steps(review_steps, order=navigation.ORGANISATIONS + 10)
