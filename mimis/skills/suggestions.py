"""What a skill suggestion is: a taxonomy skill, how sure we are, where in the text, and how it was found.

Spans always index the text exactly as the person gave it (``text[start:end] == span.text``), also when
HTML tags were stripped before reading.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class SkillSuggestion:
    concept_id: int
    source_id: str
    label: str
    score: float
    required: bool
    method: str
    spans: list[Span] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = data.pop("concept_id")
        return data


@dataclass
class SuggestionResult:
    skills: list[SkillSuggestion]
    methods: list[str]
    taxonomy_version: str | None
    language: str
    #: The pieces the text was read as (offsets into the original text), for callers that show them.
    segments: list[Segment] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "skills": [skill.as_dict() for skill in self.skills],
            "methods": list(self.methods),
            "taxonomy_version": self.taxonomy_version,
            "language": self.language,
        }


@dataclass(frozen=True)
class Segment:
    """A piece of the text read as one unit: a sentence or a requirement line.

    ``kind`` says what the piece does in an ad: ``requirement`` (what the employer asks for),
    ``meritorious`` (nice to have), ``benefit`` (what the employer offers), ``about`` (the employer, the
    workplace, how to apply) or ``other``. Skills are read from requirement, meritorious and other pieces only.
    """

    start: int
    end: int
    text: str
    kind: str
