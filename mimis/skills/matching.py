"""Finding lexicon keys in a segment: whole labels, inflected words, compound parts, synonyms and typos.

Each match names the method that found it:

- ``label``: the words as the label writes them ("Truckvana");
- ``lemma``: the same words inflected ("social dokumentationen", "vårdade äldre" for "vård av äldre" does not
  count: words must follow each other);
- ``synonym``: a phrase of the curated lists ("HLR", "B-körkort");
- ``compound``: a label that is the first or last part of a compound word ("dokumentationsvana" →
  Dokumentation, "nattdemensvård" → Demensvård);
- ``fuzzy``: a long unknown word one or two letters from a label word ("demensvåd").

Overlapping matches keep the longest; a whole-word match beats a compound part of the same word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from mimis.skills.lexicon import (
    PRIORITY_DERIVED,
    PRIORITY_SYNONYM,
    Entry,
    Lexicon,
    is_known_word,
    tokens,
    word_form,
)
from mimis.taxonomy.text import normalise

_FUZZY_MIN_CHARS = 7
_FUZZY_MAX_CHARS = 40  # no label word is longer; a pasted hash or URL is not a typo
_FUZZY_TWO_EDITS_FROM = 12
_FUZZY_MIN_SIMILARITY = 0.93
_PART_MIN_CHARS = 5
_REST_MIN_CHARS = 3
_LINKING = ("s", "e", "")
# What a compound's second part says when the first part is a skill: "truckvana", "datorkunskaper",
# "svetsutbildning", "kassaerfarenhet", "kundtjänstarbete", "bokföringsprogram".
_COMPETENCE = re.compile(
    r"^(?:vana|van|kunskap|kunskaper|kunnig|erfarenhet|erfarenheter|erfaren|utbildning|utbildningen|"
    r"utbildad|kurs|kurser|certifikat|behörighet|kompetens|arbete|arbetet|teknik|tekniken|färdighet|"
    r"färdigheter|intyg|bevis|kort|kortet)$"
)


@dataclass(frozen=True)
class Match:
    """Evidence for concepts in the cleaned text: characters ``start:end`` and how they were read."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    method: str
    words: int


@dataclass
class _Token:
    start: int
    end: int
    word: str
    form: str
    corrected: bool = False


def find_matches(text: str, start: int, end: int, lexicon: Lexicon) -> list[Match]:
    """Matches in ``text[start:end]`` (offsets into ``text``)."""
    language = lexicon.language
    words: list[_Token] = []
    for match in tokens(text[start:end]):
        word = normalise(match.group(0)).replace(" ", "")
        if not word:
            continue
        words.append(_Token(start + match.start(), start + match.end(), word, word_form(word, language)))

    candidates: list[Match] = []
    for index, token in enumerate(words):
        firsts = lexicon.lengths.get(token.form)
        if firsts is None and _correct(token, lexicon):
            firsts = lexicon.lengths.get(token.form)
        if firsts:
            for length in firsts:
                if index + length > len(words):
                    continue
                span = words[index : index + length]
                forms = tuple(t.form for t in span)
                entries = lexicon.keys.get(forms)
                if entries and forms in lexicon.abbreviations and not text[token.start : token.end].isupper():
                    entries = None  # "HLR" is an abbreviation; "hlr" in running text is not trusted
                if entries and all(e.cased for e in entries) and not text[token.start].isupper():
                    entries = None  # "Monitor" the product, not "monitor" the word
                if entries:
                    candidates.append(
                        Match(span[0].start, span[-1].end, tuple(entries), _method(span, entries), length)
                    )
                    break
    chosen = _longest_first(candidates)
    covered = {(m.start, m.end) for m in chosen}
    for token in words:
        if any(s <= token.start and token.end <= e for s, e in covered):
            continue
        chosen.extend(_compound_parts(token, lexicon))
    if lexicon.language == "sv":
        chosen.extend(_elided(text, start, end, lexicon, covered))
    return sorted(chosen, key=lambda m: m.start)


# "köks- och fönstermontering", "kyl- och frysvaror": the first word borrows the second's last part.
_ELIDED = re.compile(r"\b([^\W\d_]{2,})-\s+(?:och|eller|samt|&)\s+([^\W\d_]{4,})", re.IGNORECASE)


def _elided(text: str, start: int, end: int, lexicon: Lexicon, covered: set[tuple[int, int]]) -> list[Match]:
    """Matches of the shortened first word of a coordination, completed with the second word's head."""
    matches = []
    for found in _ELIDED.finditer(text, start, end):
        first, second = normalise(found.group(1)), normalise(found.group(2))
        for cut in range(1, len(second) - 3):
            head = second[cut:]
            if not is_known_word(head, "sv"):
                continue
            for link in ("", "s"):
                whole = first + link + head if not first.endswith("s") else first + head
                entries = lexicon.keys.get((word_form(whole, "sv"),))
                span = (found.start(1), found.end(1) + 1)
                if entries and not any(s <= span[0] and span[1] <= e for s, e in covered):
                    matches.append(Match(span[0], span[1], tuple(entries), "compound", 1))
                    break
            break
    return matches


def _method(span: list[_Token], entries: list[Entry]) -> str:
    if any(t.corrected for t in span):
        return "fuzzy"
    if entries[0].priority == PRIORITY_SYNONYM:
        return "synonym"
    surface = " ".join(t.word for t in span)
    if any(entry.surface == surface for entry in entries):
        return "label"
    return "lemma"


def _longest_first(candidates: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for match in sorted(
        candidates, key=lambda m: (-m.words, m.entries[0].priority, -(m.end - m.start), m.start)
    ):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return kept


def _correct(token: _Token, lexicon: Lexicon) -> bool:
    """Replace the form of a long unknown word with that of the label word it is a typo of."""
    if not _FUZZY_MIN_CHARS <= len(token.word) <= _FUZZY_MAX_CHARS or is_known_word(
        token.word, lexicon.language
    ):
        return False
    if token.word in lexicon.words or _split(token.word, lexicon):
        return False
    # One edit (a letter missing, extra, wrong or two swapped) in a word; two in a long one.
    allowed = 1 if len(token.word) < _FUZZY_TWO_EDITS_FROM else 2
    # Typos rarely hit the first letter: compare with the label words that share it (a few hundred).
    candidates = lexicon.words_by_initial.get(token.word[0], ())
    best = process.extractOne(token.word, candidates, scorer=OSA.distance, score_cutoff=allowed)
    if best is None:
        return False
    if best[1] == 2 and OSA.normalized_similarity(token.word, best[0]) < _FUZZY_MIN_SIMILARITY:
        return False
    token.form = lexicon.words[best[0]]
    token.corrected = True
    return True


def _split(word: str, lexicon: Lexicon) -> list[tuple[int, int, tuple[str, ...]]]:
    """A key that starts ``word`` when the rest says competence in it ("dokumentations|vana").

    Only such compounds are read: in "redovisningskonsult" or "livsmedelsindustri" the first part is
    the field of a job or a company, not a skill asked for; and a compound's head alone ("hemstädning" →
    städning) is broader than what the word names.
    """
    if (
        lexicon.language != "sv"
        or not _PART_MIN_CHARS + _REST_MIN_CHARS <= len(word) <= _FUZZY_MAX_CHARS + 20
    ):
        return []
    for cut in range(len(word) - _REST_MIN_CHARS, _PART_MIN_CHARS - 1, -1):
        forms = lexicon.parts.get(word[:cut])
        if forms is None:
            continue
        rest = word[cut:]
        for link in _LINKING:
            if rest.startswith(link) and _COMPETENCE.match(rest[len(link) :]):
                return [(0, cut, forms)]
    return []


def _compound_parts(token: _Token, lexicon: Lexicon) -> list[Match]:
    matches = []
    for _start, _end, forms in _split(token.word, lexicon):
        entries = lexicon.keys.get(forms)
        if entries and entries[0].priority <= PRIORITY_DERIVED:
            matches.append(Match(token.start, token.end, tuple(entries), "compound", 1))
    return matches
