"""Suggestions shown to a person: each skill with the words of their text that evidence it, marked.

Used by the pages that let a person accept or reject suggestions (the authoring form's learning outcomes,
"Vad kan du?", and the role-profile editor). Nothing is added or stored here: the page's own form decides
what to do with what the person accepted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mimis.skills.errors import SkillTextError
from mimis.skills.selectors import suggest_skills
from mimis.taxonomy.models import Concept

#: Characters of context shown on each side of the evidence.
CONTEXT_CHARS = 70

#: Values of a suggestion's accept/reject choice in a form.
ACCEPT = "accept"
REJECT = "reject"

_PREFIX = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class Part:
    text: str
    marked: bool = False


@dataclass
class ShownSuggestion:
    id: int
    label: str
    required: bool
    method: str
    score: float
    evidence: list[Part] = field(default_factory=list)
    verdict: str = ""  # ACCEPT, REJECT or "" (not decided yet)


def evidence(text: str, spans: list[Mapping[str, Any]], *, context: int = CONTEXT_CHARS) -> list[Part]:
    """The text around the first span, every span inside marked; "…" where the text is cut."""
    if not spans:
        return []
    ordered = sorted(spans, key=lambda span: span["start"])
    first = ordered[0]
    start = max(0, first["start"] - context)
    end = min(len(text), first["end"] + context)
    # Cut at whitespace so that words stay whole.
    if start > 0:
        space = text.find(" ", start, first["start"])
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first["end"], end)
        end = space if space != -1 else end
    parts: list[Part] = [Part("… ")] if start > 0 else []
    position = start
    for span in ordered:
        if span["start"] < position or span["end"] > end:
            continue  # overlapping or outside the shown window
        if span["start"] > position:
            parts.append(Part(text[position : span["start"]]))
        parts.append(Part(text[span["start"] : span["end"]], marked=True))
        position = span["end"]
    if position < end:
        parts.append(Part(text[position:end]))
    if end < len(text):
        parts.append(Part(" …"))
    return [Part(part.text if part.marked else re.sub(r"\s+", " ", part.text), part.marked) for part in parts]


def check_prefix(prefix: str) -> str:
    """Form-field prefixes come from the page; only simple names are accepted."""
    if not _PREFIX.match(prefix):
        raise ValueError(prefix)
    return prefix


def verdicts(data: Mapping[str, Any], prefix: str) -> dict[int, str]:
    """What the person chose for each suggestion: ``{skill id: ACCEPT | REJECT}`` from ``<prefix><id>``."""
    chosen: dict[int, str] = {}
    for key in data:
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            value = data.get(key)
            if value in (ACCEPT, REJECT):
                chosen[int(key[len(prefix) :])] = value
    return chosen


def accepted(data: Mapping[str, Any], prefix: str) -> list[int]:
    return [skill_id for skill_id, verdict in verdicts(data, prefix).items() if verdict == ACCEPT]


def suggestions_for(
    text: str,
    *,
    language: str | None = None,
    chosen: Mapping[int, str] | None = None,
    exclude: set[int] | None = None,
) -> list[ShownSuggestion]:
    """The suggestions for ``text`` ready to show; raises ``SkillTextError`` for text that cannot be read.

    ``chosen`` keeps what the person already said about a suggestion; ``exclude`` leaves out skills the
    page already has (ticked in the picker).
    """
    chosen = chosen or {}
    exclude = exclude or set()
    shown = []
    for skill in suggest_skills(text, language=language).as_dict()["skills"]:
        if skill["id"] in exclude:
            continue
        shown.append(
            ShownSuggestion(
                id=skill["id"],
                label=skill["label"],
                required=skill["required"],
                method=skill["method"],
                score=skill["score"],
                evidence=evidence(text, skill["spans"]),
                verdict=chosen.get(skill["id"], ""),
            )
        )
    # The skill's name in the page's language (the taxonomy's English label on English pages, if it has one).
    concepts = Concept.objects.in_bulk([suggestion.id for suggestion in shown])
    for suggestion in shown:
        if suggestion.id in concepts:
            suggestion.label = concepts[suggestion.id].display_label
    return shown


__all__ = [
    "ACCEPT",
    "REJECT",
    "Part",
    "ShownSuggestion",
    "SkillTextError",
    "accepted",
    "check_prefix",
    "evidence",
    "suggestions_for",
    "verdicts",
]
