"""Texts stored in two languages (Swedish and an optional English copy): pick the one for the reader."""

from __future__ import annotations

from django.utils import translation


def in_active_language(swedish: str, english: str | None) -> str:
    """The English text on English pages when there is one; the Swedish text otherwise.

    Swedish is the default language and always filled in; English copies are optional, so an English reader
    sees Swedish only where nobody has written English.
    """
    if english and (translation.get_language() or "sv").split("-")[0] == "en":
        return english
    return swedish
