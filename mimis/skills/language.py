"""Which language a text is written in: Swedish, English or another one, from its most common words.

Offline and instant: the share of each language's function words among the text's words, plus letters
that only some languages use. Enough to tell a Swedish ad from an English, Danish, German or Finnish one;
not a general language identifier.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "sv": _words(
        "och att det som en på är av för med till den har de inte om ett vi du dig din ditt dina vår våra "
        "vårt oss hos eller samt kan ska skall vill där när även inom under efter från mot genom också hur "
        "vad vem vilka vilket mycket här då så sig sin sitt sina nu än alla arbeta arbetar tjänsten söker "
        "erfarenhet meriterande krav god goda bra olika andra i jag mig min mitt mina han hon sökes jobb "
        "arbete jobbar jobbat kunna"
    ),
    "en": _words(
        "the and of to a in is you for with are as on be we our your will have has an at by or this that "
        "from who can able work working experience looking us it its they their skills required plus must "
        "should would well good strong team role"
    ),
    "da": _words("og ikke jeg af hvad hvor være vores også skal kan søger til med erfaring du har"),
    "nb": _words("og ikke jeg av hva hvor være våre også skal kan søker til med erfaring du har"),
    "de": _words(
        "und der die das ist nicht mit für auf ein eine wir sie ihr sind zu von den dem des auch werden bei "
        "oder suchen erfahrung ich habe"
    ),
    "fi": _words(
        "ja on ei että se olla mutta kanssa tai kuin myös hän me te sinä etsimme kokemusta olen minä"
    ),
    "fr": _words("et le la les des est une un pour dans que qui sur avec nous vous pas sont du au je suis"),
    "es": _words("y el la los las de que en un una es por con para del se no al somos buscamos"),
    # Polish one-letter words ("i", "w", "z") are left out: Swedish "i" would count for Polish.
    "pl": _words("że się nie jest jak ale od po dla oraz szukamy jestem doświadczenie"),
}
# Swedish and English, in that order, win ties: they are the languages MIMIS reads.
_ORDER = ("sv", "en", "da", "nb", "de", "fi", "fr", "es", "pl")
READABLE = ("sv", "en")


def detect_language(text: str) -> str:
    """``sv``, ``en``, another ISO 639-1 code, or ``und`` when there are too few words to tell."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if not words:
        return "und"
    latin = sum(1 for word in words if all(char < "\u0250" for char in word))
    if latin < len(words) / 2:
        return _script_language(text)
    scores = {code: sum(1 for word in words if word in _STOPWORDS[code]) for code in _ORDER}
    # Danish and Norwegian share many words with Swedish; æ and ø decide, å/ä/ö speak for Swedish.
    lowered = text.casefold()
    if "æ" in lowered or "ø" in lowered:
        scores["sv"] = 0 if not any(char in lowered for char in "åäö") else scores["sv"] // 2
    if "ä" in lowered or "ö" in lowered:
        scores["da"] = scores["nb"] = 0
    best = max(_ORDER, key=lambda code: (scores[code], -_ORDER.index(code)))
    if scores[best] == 0:
        # A list of words without function words ("Truckkort, B-körkort"): Swedish letters say Swedish.
        if any(char in lowered for char in "åäö"):
            return "sv"
        return "und"
    return best


def _script_language(text: str) -> str:
    for char in text:
        if "\u0600" <= char <= "\u06ff":
            return "ar"
        if "\u0400" <= char <= "\u04ff":
            return "ru"
        if "\u0370" <= char <= "\u03ff":
            return "el"
        if "\u4e00" <= char <= "\u9fff":
            return "zh"
    return "und"
