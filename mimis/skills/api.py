"""REST endpoint for skill suggestion: ``POST /api/v1/skills/suggest``.

Open to people signed in to the pages (session cookie and CSRF token) and to API tokens with the scope
``read``; rate-limited per person (``MIMIS_SKILLS_SUGGEST_RATE``), whichever way they come in. Nothing
sent is stored.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from mimis.accounts.scopes import READ
from mimis.api.auth import require_scope_of_token, session_auth, token_auth
from mimis.api.schemas import ErrorOut
from mimis.core.ratelimit import check_rate
from mimis.skills.errors import MAX_TEXT_CHARS, SkillTextError
from mimis.skills.selectors import suggest_skills

router = Router(tags=["skills"])

#: The rate-limit scope shared by the API and the pages.
RATE_SCOPE = "skills.suggest"


class SpanOut(Schema):
    start: int = Field(description="Index of the first character in the text as sent (0-based).")
    end: int = Field(description="Index after the last character: text[start:end] is the evidence.")
    text: str


class SkillOut(Schema):
    id: int = Field(description="The concept's id in MIMIS (as in /api/v1/taxonomy/concepts/{id}).")
    source_id: str = Field(description="The JobTech Taxonomy concept id.")
    label: str
    score: float = Field(description="How sure the suggestion is, from 0 to 1.")
    required: bool = Field(description="True if the text asks for the skill; false if it is only a merit.")
    method: str = Field(description="Which method found it, e.g. label, synonym, fuzzy, semantic.")
    spans: list[SpanOut]


class SuggestionOut(Schema):
    skills: list[SkillOut]
    methods: list[str] = Field(description="The methods used for this text.")
    taxonomy_version: str | None
    language: str


class SuggestIn(Schema):
    # Typed loosely on purpose: a number or a list gets the clear ``invalid_text`` error, not a schema error.
    text: Any = Field(
        None,
        description=f"The text: a job ad, a learning outcome, what someone has done. At most {MAX_TEXT_CHARS} "
        "characters.",
        json_schema_extra={"type": "string"},
    )
    language: Literal["sv", "en"] | None = Field(None, description="The text's language, if known.")


def _body(request: HttpRequest) -> dict[str, Any]:
    """The JSON object sent; a clear ``invalid_json`` error for anything else."""
    try:
        data = json.loads(request.body or b"null")
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        raise SkillTextError(
            _('Send a JSON object, for example {"text": "…", "language": "sv"}.'), code="invalid_json"
        )
    return data


@router.post(
    "/suggest",
    response={200: SuggestionOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=[token_auth, session_auth],
    summary="Suggest JobTech skills found in a text",
    description=(
        "Reads a job ad, a learning outcome or a description of someone's experience and returns the JobTech "
        "Taxonomy skills it names, best first, each with the exact character spans that evidence it. Codes for "
        "text that cannot be read: `empty_text`, `text_too_long`, `binary_text`, `invalid_text`, "
        "`invalid_json`; `rate_limited` (429, with Retry-After) when asked too often. The text is not stored."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SuggestIn.model_json_schema()}},
        }
    },
)
def suggest(request: HttpRequest) -> dict[str, Any]:
    require_scope_of_token(request, READ)
    check_rate(scope=RATE_SCOPE, user=request.user, rate=settings.MIMIS_SKILLS_SUGGEST_RATE)
    data = _body(request)
    language = data.get("language")
    if language not in (None, "sv", "en"):
        raise SkillTextError(_("The language must be sv or en."), code="invalid_language")
    return suggest_skills(data.get("text"), language=language).as_dict()
