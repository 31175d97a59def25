"""Reading skills out of text. ``suggest_skills`` is what views, the API and the CLI call.

SKELETON: exact label matching only, so that callers can be built; the real pipeline replaces the body of
``suggest_skills`` (lemmas, compounds, synonyms, fuzzy matching, requirement detection, semantic extra).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from mimis.skills.errors import MAX_TEXT_CHARS, SkillTextError
from mimis.skills.suggestions import SkillSuggestion, Span, SuggestionResult
from mimis.taxonomy.models import Concept, Scheme


def check_text(text: object) -> str:
    """The text if it can be read; otherwise ``SkillTextError`` saying what is wrong."""
    if not isinstance(text, str):
        raise SkillTextError(_("Send the text as a string."), code="invalid_text")
    if not text.strip():
        raise SkillTextError(_("Write or paste a text to find skills in."), code="empty_text")
    if len(text) > MAX_TEXT_CHARS:
        raise SkillTextError(
            _("The text is %(length)s characters long. At most %(max)s characters can be read at once.")
            % {"length": f"{len(text):,}".replace(",", " "), "max": f"{MAX_TEXT_CHARS:,}".replace(",", " ")},
            code="text_too_long",
        )
    if "\x00" in text:
        raise SkillTextError(_("This looks like a binary file, not text."), code="binary_text")
    return text


def suggest_skills(text: str, *, language: str | None = None) -> SuggestionResult:
    """Ranked JobTech skills found in ``text``; raises ``SkillTextError`` for text that cannot be read."""
    check_text(text)
    lowered = text.lower()
    found: list[SkillSuggestion] = []
    for concept in Concept.objects.filter(scheme=Scheme.SKILL, deprecated=False).only(
        "id", "source_id", "preferred_label"
    ):
        label = concept.preferred_label.lower()
        match = re.search(rf"(?<!\w){re.escape(label)}(?!\w)", lowered)
        if match:
            found.append(
                SkillSuggestion(
                    concept_id=concept.id,
                    source_id=concept.source_id,
                    label=concept.preferred_label,
                    score=1.0,
                    required=True,
                    method="label",
                    spans=[Span(match.start(), match.end(), text[match.start() : match.end()])],
                )
            )
    found.sort(key=lambda s: s.spans[0].start)
    return SuggestionResult(skills=found, methods=["label"], taxonomy_version=None, language=language or "sv")
