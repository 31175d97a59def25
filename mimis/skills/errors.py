"""Why a text cannot be read for skills. Each error has a stable code for the API and a translated message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import MimisError, ValidationFailed

#: Longest text read, in characters: a long job ad is 5,000; a pasted web page can be far more.
MAX_TEXT_CHARS = 20_000


class SkillTextError(ValidationFailed):
    """The text given for skill suggestion cannot be read; nothing was stored."""

    code = "invalid_text"
    default_message = _("The text could not be read.")

    def __init__(self, message: str | None = None, *, code: str | None = None, **params: object) -> None:
        if code:
            self.code = code
        super().__init__(message, field="text", **params)


class SemanticUnavailable(MimisError):
    """The semantic step was asked for, but its package (the ``semantic`` extra) is not installed."""

    code = "semantic_unavailable"
    default_message = _(
        "Suggestions by meaning are not installed on this server. Install them with: pip install mimis[semantic]"
    )
    http_status = 503
