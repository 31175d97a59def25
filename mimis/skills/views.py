"""Pages that turn a person's text into skills they accept or reject.

- "Vad kan du?" (``/skills/``): a learner writes what they have done, says yes or no to each skill found,
  and sees the published micro-credentials that teach the skills they said yes to. The text is not stored.
- ``suggestions`` (``/skills/suggestions/``): the reusable "text → suggestions" partial that any form can ask
  for with htmx (see ``skills/_suggest_field.html``); ``suggestions_response`` renders the same partial for
  views that check their own permissions first (the authoring form's learning outcomes).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.catalog.selectors import published_teaching_skills
from mimis.core.ratelimit import RateLimited, check_rate
from mimis.errors import NotFound
from mimis.skills import presenting
from mimis.skills.api import RATE_SCOPE
from mimis.skills.errors import SkillTextError
from mimis.skills.forms import SkillTextForm
from mimis.skills.presenting import ShownSuggestion

#: Names of the learner page's accept/reject choices: ``verdict-<skill id>``.
LEARNER_PREFIX = "verdict-"


def suggest_for(
    request: HttpRequest,
    text: object,
    *,
    chosen: Mapping[int, str] | None = None,
    exclude: set[int] | None = None,
    language: str | None = None,
) -> tuple[list[ShownSuggestion], str]:
    """(suggestions, error message) for ``text``, counted against the person's rate limit."""
    try:
        check_rate(scope=RATE_SCOPE, user=request.user, rate=settings.MIMIS_SKILLS_SUGGEST_RATE)
        if not isinstance(text, str):
            raise SkillTextError(_("Write or paste a text to find skills in."), code="empty_text")
        return presenting.suggestions_for(text, language=language, chosen=chosen, exclude=exclude), ""
    except (SkillTextError, RateLimited) as error:
        return [], error.message


def suggestions_response(
    request: HttpRequest,
    *,
    text: object,
    prefix: str,
    exclude: set[int] | None = None,
    accept_label: str = "",
    reject_label: str = "",
    text_id: str = "",
) -> HttpResponse:
    """The suggestions partial for ``text``; accept/reject choices are named ``<prefix><skill id>``."""
    chosen = presenting.verdicts(request.POST, prefix)
    suggestions, error = suggest_for(request, text, chosen=chosen, exclude=exclude)
    return render(
        request,
        "skills/_suggestions.html",
        {
            "suggestions": suggestions,
            "error": error,
            "searched": True,
            "prefix": prefix,
            "accept_label": accept_label,
            "reject_label": reject_label,
            "text_id": text_id,
        },
    )


@login_required
@require_POST
def suggestions(request: HttpRequest) -> HttpResponse:
    """htmx: suggestions for the text in POST field ``text_field`` (default ``text``).

    ``prefix`` names the accept/reject choices; ``exclude_field`` names checkboxes of skills the form
    already has, which are not suggested again.
    """
    try:
        prefix = presenting.check_prefix(request.POST.get("prefix", LEARNER_PREFIX))
    except ValueError:
        raise NotFound() from None
    text_field = request.POST.get("text_field", "text")
    exclude_field = request.POST.get("exclude_field", "")
    exclude = {int(v) for v in request.POST.getlist(exclude_field) if v.isdigit()} if exclude_field else set()
    return suggestions_response(
        request,
        text=request.POST.get(text_field),
        prefix=prefix,
        exclude=exclude,
        text_id=request.POST.get("text_id", "")[:60],
    )


@login_required
def what_can_you_do(request: HttpRequest) -> HttpResponse:
    """ "Vad kan du?": skills in what a person has done, and the micro-credentials that teach them."""
    form = SkillTextForm(request.POST or None, label=_("What have you done?"))
    suggestions: list[ShownSuggestion] = []
    searched = False
    accepted_ids: list[int] = []
    versions = []
    nothing_chosen = False
    if request.method == "POST" and form.is_valid():
        searched = True
        chosen = presenting.verdicts(request.POST, LEARNER_PREFIX)
        suggestions, error = suggest_for(request, form.cleaned_data["text"], chosen=chosen)
        if error:
            form.add_error("text", error)
            searched = False
        elif request.POST.get("action") == "show":
            # Only skills that were suggested for this text count, whatever else the form sends.
            accepted_ids = [s.id for s in suggestions if s.verdict == presenting.ACCEPT]
            nothing_chosen = not accepted_ids
            versions = list(published_teaching_skills(skill_ids=accepted_ids))
    return render(
        request,
        "skills/what_can_you_do.html",
        {
            "form": form,
            "suggestions": suggestions,
            "searched": searched,
            "prefix": LEARNER_PREFIX,
            "accepted": [s for s in suggestions if s.id in accepted_ids],
            "showing": bool(accepted_ids),
            "nothing_chosen": nothing_chosen,
            "versions": versions,
        },
    )
