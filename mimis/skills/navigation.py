"""The skills pages in the menu and on the start page: "Vad kan du?" for learners."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.core import navigation
from mimis.core.navigation import NavItem, NextStep


def _is_learner(request: HttpRequest) -> bool:
    """As the wallet decides: people who work for no organisation are learners."""
    return request.user.is_authenticated and not navigation.organisations_of(request)


def personal(request: HttpRequest) -> list[NavItem]:
    if not _is_learner(request):
        return []
    return [NavItem(_("What can you do?"), reverse("skills:what_can_you_do"))]


def learner_steps(request: HttpRequest) -> list[NextStep]:
    if not _is_learner(request):
        return []
    return [
        NextStep(
            _("What can you do?"),
            _("Write what you have done. We show the skills we find, and courses that teach them."),
            reverse("skills:what_can_you_do"),
            _("Find your skills"),
            prominent=False,
        )
    ]


def register() -> None:
    navigation.register_navigation(personal, section=navigation.PERSONAL + 1)
    navigation.register_next_steps(learner_steps, order=21)
