"""Splitting an ad into sentences and requirement lines, and telling what each piece does.

Headings ("Kvalifikationer", "Meriterande", "Vi erbjuder", "Om oss") set the kind of the lines under them;
cue phrases inside a sentence ("Det är meriterande om", "är ett plus", "kollektivavtal") set the kind of
that sentence alone. The kinds are those of ``Segment``: requirement, meritorious, benefit, about, other.
"""

from __future__ import annotations

import re

from mimis.skills.suggestions import Segment

REQUIREMENT = "requirement"
MERITORIOUS = "meritorious"
BENEFIT = "benefit"
ABOUT = "about"
OTHER = "other"
#: Kinds whose text is read for skills.
READ_KINDS = frozenset({REQUIREMENT, MERITORIOUS, OTHER})

# Heading cues: a short line that starts with one of these (or is "Cue:" followed by text) opens a section.
_HEADINGS: tuple[tuple[str, str], ...] = (
    (
        MERITORIOUS,
        r"meriterande|det är meriterande|meriter|önskvärt|önskvärda|önskemål|bonus|plus om|"
        r"nice to have|nice-to-have|it'?s a plus|bonus points|preferred|desirable|advantageous|an advantage",
    ),
    (
        BENEFIT,
        r"vi erbjuder|vi kan erbjuda|vad vi erbjuder|det här erbjuder vi|erbjudande|förmåner|"
        r"vi ger dig|hos oss får du|we offer|what we offer|benefits|perks|why join us",
    ),
    (
        ABOUT,
        r"om oss|om företaget|om arbetsplatsen|om verksamheten|om kommunen|om bolaget|om arbetsgivaren|"
        r"vilka är vi|vilka vi är|vem är vi|ansökan|ansök|sök tjänsten|sök jobbet|så söker du|så ansöker du|"
        r"kontakt|kontaktpersoner|kontaktperson|övrigt|övrig information|anställningsform|anställningsvillkor|"
        r"omfattning|tillträde|lön|arbetstid|arbetstider|placering|urval|"
        r"about us|about the company|who we are|how to apply|application|apply|contact|terms|salary|"
        r"employment|start date|location",
    ),
    (
        REQUIREMENT,
        r"vi söker dig som|vi söker|vem är du|vem du är|din profil|profil|kravprofil|krav|"
        r"kvalifikationer|kompetenser|kompetens|du har|du är|du som|om dig|vi tror att du|för att lyckas|"
        r"vad vi söker|dina kvalifikationer|skallkrav|ska-krav|requirements|qualifications|who you are|"
        r"about you|your profile|you have|you are|what we are looking for|what we're looking for|"
        r"we are looking for|we're looking for|must have|must-haves|skills|your skills|profile",
    ),
    (
        OTHER,
        r"arbetsuppgifter|dina arbetsuppgifter|om tjänsten|om jobbet|om rollen|tjänsten|"
        r"responsibilities|your role|the role|about the role|tasks|duties|what you will do|you will",
    ),
)
_HEADING_PATTERNS = [(kind, re.compile(rf"^\W*(?:{cues})\b", re.IGNORECASE)) for kind, cues in _HEADINGS]

# Sentence cues, strongest first: a sentence about benefits or merits is that whatever its section.
_SENTENCE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        BENEFIT,
        re.compile(
            r"\b(?:vi erbjuder|vi kan erbjuda|erbjuder vi|erbjuds|vi ger dig|du får|introduktion|"
            r"we give you|you will get|you get|introduction|kollektivavtal\w*|friskvård\w*|"
            r"tjänstepension\w*|förmån\w*|personalrabatt\w*|we offer|we can offer|collective agreement|"
            r"wellness allowance|pension|benefits?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        MERITORIOUS,
        re.compile(
            r"\b(?:meriterande|meriterar|merit|önskvärt|önskvärd\w*|en fördel|ett plus|är plus|"
            r"är ett extra plus|gärna|extra plus|nice to have|is a plus|a plus|an advantage|"
            r"advantageous|preferably|preferred|desirable|bonus|would be great|ej krav|inget krav|"
            r"inte ett krav|vi ser gärna|helst|ideally|not required|not a requirement|behöver inte|krävs inte|"
            r"inget måste|no experience needed|not needed|don't need|do not need)\b",
            re.IGNORECASE,
        ),
    ),
    (
        ABOUT,
        re.compile(
            r"\b(?:välkommen med din ansökan|sök senast|skicka din ansökan|apply by|send your "
            r"application|sista ansökningsdag|urval sker löpande)\b",
            re.IGNORECASE,
        ),
    ),
    (
        REQUIREMENT,
        re.compile(
            r"\b(?:krav|kravet|krävs|ett måste|är ett krav|du har|du måste|du behöver|du ska|vi söker dig|"
            r"förutsätter|förutsätts|nödvändig\w*|required|requirement|must|you have|you need|you must|"
            r"essential|we require)\b",
            re.IGNORECASE,
        ),
    ),
)
_BULLET = re.compile(r"^[ \t]*(?:[-•*–—·▪◦●■►✓✔>]+|\d{1,2}[.)])[ \t]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“”'(]?[A-ZÅÄÖÉÜ0-9])|(?<=[;])\s+")
_MAX_HEADING_WORDS = 6


def segment(text: str) -> list[Segment]:
    """The pieces of ``text`` in order; offsets index ``text`` itself."""
    segments: list[Segment] = []
    section = OTHER
    position = 0
    title_done = False
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        if not line.strip():
            continue
        if not title_done:
            title_done = True
            # An ad's first line is its title: the job and the workplace ("Undersköterska till
            # hemtjänsten i Lund"), not what is asked for.
            if _is_title(line, text[position:]) and _heading(line, is_bullet=False)[0] is None:
                segments.append(_make(text, line_start, line_start + len(line), ABOUT))
                continue
        bullet = _BULLET.match(line)
        body_start = line_start + (bullet.end() if bullet else 0)
        body = text[body_start : line_start + len(line)]
        heading_kind, rest_offset = _heading(body, is_bullet=bool(bullet))
        if heading_kind:
            section = heading_kind
            segments.append(_make(text, body_start, body_start + (rest_offset or len(body)), heading_kind))
            if rest_offset is None:
                continue
            body_start += rest_offset
            body = text[body_start : line_start + len(line)]
        else:
            opened = _line_opens(body)
            if opened:
                section = opened
        for start, end in _clauses(body):
            piece = body[start:end]
            kind = _sentence_kind(piece) or section
            # A requirement cue does not move a sentence out of a merits section ("Du har gärna ...").
            if section == MERITORIOUS and kind == REQUIREMENT:
                kind = MERITORIOUS
            # Under "Om oss" or "Vi erbjuder", "du har" is an offer ("du har möjlighet att ..."), not a demand.
            if section in (BENEFIT, ABOUT) and kind in (REQUIREMENT, MERITORIOUS):
                kind = section
            segments.append(_make(text, body_start + start, body_start + end, kind))
    return segments


def _heading(body: str, *, is_bullet: bool) -> tuple[str | None, int | None]:
    """The section kind a heading line opens and, for "Cue: text", where its text starts."""
    stripped = body.strip()
    colon = stripped.find(":")
    head = stripped[:colon] if colon > 0 else stripped
    words = head.split()
    if not words or len(words) > _MAX_HEADING_WORDS:
        return None, None
    if colon < 0 and (is_bullet or stripped[-1:] in ".!?" or len(words) > 4):
        return None, None
    for kind, pattern in _HEADING_PATTERNS:
        if pattern.match(head):
            if colon > 0 and stripped[colon + 1 :].strip():
                offset = body.find(":") + 1
                while offset < len(body) and body[offset] == " ":
                    offset += 1
                return kind, offset
            return kind, None
    return None, None


def _is_title(line: str, rest: str) -> bool:
    words = line.split()
    return (
        bool(rest.strip())
        and len(words) <= 12
        and line.rstrip()[-1:] not in ".!?:;,"
        and not _BULLET.match(line)
    )


def _line_opens(body: str) -> str | None:
    """The section a running-text line opens when it starts like a heading ("Vi söker dig som har ...")."""
    for kind, pattern in _HEADING_PATTERNS:
        if kind in (REQUIREMENT, MERITORIOUS, BENEFIT) and pattern.match(body):
            return kind
    return None


def _sentences(body: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(body):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(body)))
    return [(s, e) for s, e in ((s, len(body[:e].rstrip())) for s, e in pieces) if e > s]


# A merit cue that opens the second half of a sentence ("truckvana och gärna utbildningsbevis",
# "omvårdnadsarbete, gärna från särskilt boende"): only that half is meritorious.
_MERIT_CLAUSE = re.compile(
    r"(?:,\s*|\s+(?:och|eller|samt|and|or)\s+|\s+)(?=(?:gärna|helst|preferably|ideally)\b)", re.IGNORECASE
)


def _clauses(body: str) -> list[tuple[int, int]]:
    """Sentences, each cut before a merit cue in its middle."""
    pieces: list[tuple[int, int]] = []
    for start, end in _sentences(body):
        cut = start
        for match in _MERIT_CLAUSE.finditer(body, start, end):
            if match.start() > cut and body[cut : match.start()].strip():
                pieces.append((cut, match.start()))
                cut = match.end()
        pieces.append((cut, end))
    return [(s, e) for s, e in pieces if body[s:e].strip()]


def _sentence_kind(sentence: str) -> str | None:
    for kind, pattern in _SENTENCE_CUES:
        if pattern.search(sentence):
            return kind
    return None


def _make(text: str, start: int, end: int, kind: str) -> Segment:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Segment(start=start, end=end, text=text[start:end], kind=kind)
