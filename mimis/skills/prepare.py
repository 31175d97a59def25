"""Text as read for skills: HTML stripped, invisible characters dropped, every character mapped back.

``prepare`` returns a ``Prepared`` text whose characters each remember where they came from in the text
the person gave, so a match found in the cleaned text becomes a span of the original
(``original[span.start:span.end]`` is exactly the evidence, also when tags or entities stood around it).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# A tag, comment or doctype as pasted from a web page; a lone "<" in prose ("< 18 ton") is not one.
_TAG = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![a-zA-Z][^<>]*>|<\?[^<>]*\?>|</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>",
    re.DOTALL,
)
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
# Content that is never read: scripts, styles, the head of a page.
_HIDDEN = re.compile(r"<(script|style|head|noscript|template)\b[^<>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "hr",
        "title",
        "main",
        "aside",
        "form",
    ]
)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
# Characters with no visible effect that split words when left in ("omsorgs\u00adarbete").
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Prepared:
    """The cleaned text and, per character, the slice of the original it stands for."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    had_html: bool

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original slice ``[start, end)`` of the cleaned slice ``[start, end)`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


def looks_like_html(text: str) -> bool:
    """True when the text holds markup: at least one tag a browser would hide, or an entity."""
    return bool(_TAG.search(text) or _ENTITY.search(text))


def looks_binary(text: str) -> bool:
    """True for data that is not prose: NUL bytes, or many control and replacement characters."""
    if "\x00" in text:
        return True
    sample = text[:4000]
    odd = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) in ("Cc", "Cs", "Co") and char not in "\t\n\r\f\v")
    )
    return odd >= 4 and odd > len(sample) * 0.05


def prepare(original: str) -> Prepared:
    """The text with tags removed (block tags become line breaks), entities decoded, invisibles dropped."""
    had_html = looks_like_html(original)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def add(piece: str, start: int, end: int) -> None:
        for char in piece:
            if char in _INVISIBLE:
                continue
            if char == "\u00a0" or char == "\t":
                char = " "
            chars.append(char)
            starts.append(start)
            ends.append(end)

    if not had_html:
        for index, char in enumerate(original):
            add(char, index, index + 1)
    else:
        hidden = [(m.start(), m.end()) for m in _HIDDEN.finditer(original)]
        position = 0
        for start, end in [*hidden, (len(original), len(original))]:
            _add_markup(original, position, start, add)
            if end > start:
                add("\n", start, end)
            position = end
    return Prepared(
        original=original, text="".join(chars), starts=tuple(starts), ends=tuple(ends), had_html=had_html
    )


def _add_markup(original: str, begin: int, stop: int, add) -> None:  # type: ignore[no-untyped-def]
    """Add ``original[begin:stop]``: plain characters one by one, tags as nothing or a line break."""
    position = begin
    pattern = re.compile(f"{_TAG.pattern}|{_ENTITY.pattern}", re.DOTALL)
    for match in pattern.finditer(original, begin, stop):
        for index in range(position, match.start()):
            add(original[index], index, index + 1)
        token = match.group(0)
        if token.startswith("&"):
            add(html.unescape(token), match.start(), match.end())
        else:
            name = _TAG_NAME.match(token)
            if name and name.group(1).lower() in _BLOCK_TAGS:
                add("\n", match.start(), match.end())
        position = match.end()
    for index in range(position, stop):
        add(original[index], index, index + 1)
