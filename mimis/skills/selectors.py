"""Reading skills out of text. ``suggest_skills`` is what views, the API and the CLI call.

The baseline pipeline, always on: prepare the text (HTML stripped, every character mapped back to the
original), detect the language, split it into segments and tell requirements from merits, benefits and
the employer's presentation, then find lexicon keys in the segments that are read (``matching``). When the
optional semantic extra is installed (``mimis.skills.semantic``), it re-ranks and extends the result.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from mimis.skills.errors import MAX_TEXT_CHARS, SkillTextError
from mimis.skills.language import READABLE, detect_language
from mimis.skills.lexicon import PRIORITY_DERIVED, lexicon_for, workplace_ids
from mimis.skills.matching import find_matches
from mimis.skills.prepare import Prepared, looks_binary, prepare
from mimis.skills.segments import MERITORIOUS, READ_KINDS, segment
from mimis.skills.suggestions import Segment, SkillSuggestion, Span, SuggestionResult

logger = logging.getLogger(__name__)

#: How sure each method is on its own; a derived key (part of a label) counts a little less.
_BASE_SCORE = {"label": 0.95, "lemma": 0.9, "synonym": 0.9, "compound": 0.72, "fuzzy": 0.7}
_DERIVED_FACTOR = 0.92
_REPEAT_BONUS = 0.02
# Words before a workplace skill that make it one asked for: "erfarenhet av arbete i hemtjänst".
_EXPERIENCE_BEFORE = re.compile(
    r"\b(?:erfarenhet\w*|erfaren|arbetat|jobbat|vana|van|bakgrund|gärna från|gärna inom|experience|"
    r"experienced|worked|background)\b[^.;:]*$",
    re.IGNORECASE,
)


def check_text(text: object) -> str:
    """The text if it can be read; otherwise ``SkillTextError`` saying what is wrong."""
    if isinstance(text, bytes | bytearray):
        raise SkillTextError(_("This looks like a binary file, not text."), code="binary_text")
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
    if looks_binary(text):
        raise SkillTextError(_("This looks like a binary file, not text."), code="binary_text")
    return text


def _check_language(language: object) -> str | None:
    if language is None or language == "":
        return None
    if not isinstance(language, str) or language.lower() not in READABLE:
        raise SkillTextError(
            _("Skills can be read in Swedish (sv) or English (en)."), code="unsupported_language"
        )
    return language.lower()


def suggest_skills(
    text: str, *, language: str | None = None, semantic: bool | None = None
) -> SuggestionResult:
    """Ranked JobTech skills found in ``text``; raises ``SkillTextError`` for text that cannot be read.

    ``language`` is ``sv`` or ``en``; detected when not given. A text in another language gives an empty
    result that names the language found. ``semantic``: True to use the semantic extra, False not to,
    None (the default) to use it when it is installed.
    """
    check_text(text)
    asked = _check_language(language)
    from mimis.taxonomy.selectors import taxonomy_version

    prepared = prepare(text)
    if not prepared.text.strip():
        raise SkillTextError(_("Write or paste a text to find skills in."), code="empty_text")
    detected = asked or detect_language(prepared.text)
    if detected not in READABLE and detected != "und":
        return SuggestionResult(skills=[], methods=[], taxonomy_version=taxonomy_version(), language=detected)
    lang = detected if detected in READABLE else "sv"
    clean_segments = segment(prepared.text)
    segments = [_to_original(prepared, s) for s in clean_segments]
    skills = _baseline(prepared, clean_segments, lang)
    if detected == "und" and not skills:
        # Too few words to tell ("Forklift licence, CPR"): Swedish first, then English.
        skills = _baseline(prepared, clean_segments, "en")
        if skills:
            lang = "en"
    methods = ["baseline"]
    semantic_module = _semantic_module() if semantic is not False else None
    if semantic_module is not None and (semantic or _available(semantic_module)):
        try:
            skills = semantic_module.rerank_and_extend(segments, skills, language=lang)
            methods.append("semantic")
        except Exception:  # the extra must never break the baseline
            logger.exception("The semantic skill extra failed; the baseline result is returned.")
    return SuggestionResult(
        skills=skills, methods=methods, taxonomy_version=taxonomy_version(), language=lang, segments=segments
    )


@dataclass
class _Found:
    """What the baseline gathered for one concept across the text."""

    score: float = 0.0
    method: str = ""
    required: bool = False
    spans: list[Span] = field(default_factory=list)


def _baseline(prepared: Prepared, segments: list[Segment], language: str) -> list[SkillSuggestion]:
    lexicon = lexicon_for(language)
    workplaces = workplace_ids()
    found: dict[int, _Found] = {}
    for piece in segments:
        if piece.kind not in READ_KINDS:
            continue
        for match in find_matches(prepared.text, piece.start, piece.end, lexicon):
            entries = match.entries
            if not _EXPERIENCE_BEFORE.search(prepared.text[piece.start : match.start]):
                entries = tuple(e for e in entries if lexicon.concepts[e.concept_id][0] not in workplaces)
            if not entries:
                continue
            start, end = prepared.span(match.start, match.end)
            span = Span(start, end, prepared.original[start:end])
            score = _BASE_SCORE[match.method]
            if entries[0].priority == PRIORITY_DERIVED:
                score *= _DERIVED_FACTOR
            for entry in entries:
                item = found.setdefault(entry.concept_id, _Found())
                if score > item.score:
                    item.score, item.method = score, match.method
                if span not in item.spans:
                    item.spans.append(span)
                item.required = item.required or piece.kind != MERITORIOUS
    skills: list[SkillSuggestion] = []
    for concept_id, item in found.items():
        source_id, label = lexicon.concepts[concept_id]
        spans = sorted(item.spans, key=lambda s: s.start)
        skills.append(
            SkillSuggestion(
                concept_id=concept_id,
                source_id=source_id,
                label=label,
                # Evidence in several places makes a skill a little surer.
                score=round(min(1.0, item.score + _REPEAT_BONUS * (len(spans) - 1)), 3),
                required=item.required,
                method=item.method,
                spans=spans,
            )
        )
    skills.sort(key=lambda s: (-s.score, s.spans[0].start))
    return skills


def _to_original(prepared: Prepared, piece: Segment) -> Segment:
    start, end = prepared.span(piece.start, piece.end)
    return replace(piece, start=start, end=end, text=prepared.original[start:end])


def _semantic_module():  # type: ignore[no-untyped-def]
    try:
        from mimis.skills import semantic
    except ImportError:
        return None
    return semantic


def _available(module) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(module.available())
    except Exception:
        logger.exception("Could not tell whether the semantic skill extra is available.")
        return False
