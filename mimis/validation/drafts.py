"""A visitor without an account can start: their answers live in the session only, and are attached to a
validation case when they sign in or create an account (``attach_draft``, on ``user_logged_in``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.translation import gettext as _

from mimis.catalog.models import MicroCredentialVersion
from mimis.errors import MimisError
from mimis.validation.models import Frequency

SESSION_KEY = "validation_draft"
MAX_TEXT = 2000


def draft_in(session: SessionBase, slug: str) -> dict[str, Any] | None:
    draft = session.get(SESSION_KEY)
    return draft if isinstance(draft, dict) and draft.get("slug") == slug else None


def save_draft(session: SessionBase, *, version: MicroCredentialVersion, data: Any) -> dict[str, Any]:
    """Keep the answers given (unknown outcomes and values are left out); one draft per session."""
    answers = []
    for outcome in version.learning_outcomes.all():
        frequency = data.get(f"frequency_{outcome.pk}")
        if frequency in Frequency.values:
            answers.append(
                {
                    "outcome": outcome.pk,
                    "frequency": frequency,
                    "where_learned": str(data.get(f"where_{outcome.pk}", ""))[:MAX_TEXT],
                }
            )
    draft = {
        "slug": version.microcredential.slug,
        "version": version.pk,
        "answers": answers,
        "workplace": str(data.get("workplace", ""))[:200],
    }
    session[SESSION_KEY] = draft
    return draft


def attach_draft(sender: type, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On sign-in: turn the session's draft into the person's case. Never stops the sign-in."""
    from mimis.validation import services

    if request is None or not hasattr(request, "session"):
        return
    draft = request.session.pop(SESSION_KEY, None)
    if not isinstance(draft, dict):
        return
    version = MicroCredentialVersion.objects.filter(pk=draft.get("version"), status="published").first()
    if version is None:
        return
    try:
        case = services.start_case(
            version=version, person=user, acting_user=user, workplace=draft.get("workplace", "")
        )
        if case.state == "draft" and draft.get("answers"):
            services.save_self_assessment(case=case, acting_user=user, answers=draft["answers"])
    except MimisError:
        return
    messages.info(request, _("Your answers are saved in your validation. Continue when you like."))
