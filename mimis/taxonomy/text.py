"""Normalising labels for search and a small Swedish stemmer.

``stem`` strips common Swedish inflectional suffixes (plural, definite form, past tense, present
participle): "omsorgen" → "omsorg", "vårdade" → "vård", "bilarna" → "bil". It is deliberately light
and has known limits: it does not handle umlaut plurals ("händer" → "händ", not "hand"), irregular
forms ("barn"/"barnen" work, "man"/"män" do not), compounds (handled instead by substring matching in
``selectors.search_concepts``) or derivations ("städning" and "städa" meet only because "städ" is a
substring of both). It never leaves a stem shorter than three letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_KEEP = frozenset("åäöæø")
_NOT_WORD = re.compile(r"[^\w+#]+|_")

# Longest first; from the Swedish Snowball stemmer's first step, without its region rules.
_SUFFIXES = sorted(
    [
        "heterna",
        "hetens",
        "anden",
        "andena",
        "andes",
        "heten",
        "heter",
        "arnas",
        "ernas",
        "ornas",
        "andet",
        "arens",
        "arna",
        "erna",
        "orna",
        "ande",
        "arne",
        "aste",
        "aren",
        "ades",
        "erns",
        "ade",
        "are",
        "ern",
        "ens",
        "het",
        "ast",
        "ad",
        "en",
        "ar",
        "er",
        "or",
        "as",
        "es",
        "at",
        "a",
        "e",
    ],
    key=len,
    reverse=True,
)
_MIN_STEM = 3
# A final -s is a genitive or passive ending only after these letters (as in Snowball).
_S_ENDING_AFTER = frozenset("bcdfghjklmnoprtvy")


def _fold(char: str) -> str:
    if char in _KEEP:
        return char
    if unicodedata.category(char) == "Cf":  # soft hyphens and other invisible formatting
        return ""
    if char.isascii():
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lower-case, accents folded (except å, ä, ö), punctuation to single spaces."""
    folded = "".join(_fold(char) for char in text.casefold())
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def stem(word: str) -> str:
    """The word without its inflectional suffix (``word`` must be normalised)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    if word.endswith("s") and len(word) - 1 >= _MIN_STEM and word[-2] in _S_ENDING_AFTER:
        return word[:-1]
    return word


def search_text(labels: Iterable[str]) -> str:
    """What a concept is searched by: ``|label|label|`` (normalised) followed by the words' stems.

    The bars mark label boundaries, so a query can be ranked as exact (``|q|``), prefix (``|q``) or word
    prefix (`` q``) with plain substring tests that work the same on SQLite and PostgreSQL.
    """
    normalised = [n for n in dict.fromkeys(normalise(label) for label in labels) if n]
    stems = dict.fromkeys(stem(word) for label in normalised for word in label.split())
    return "|" + "|".join(normalised) + "| " + " ".join(stems)
