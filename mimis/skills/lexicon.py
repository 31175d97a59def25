"""The words skills are found by: taxonomy labels, keys derived from them, and the curated synonym lists.

Built once per process, language and taxonomy state (``lexicon_for``), not per request. Every key is a
sequence of word *forms*: for Swedish the light stem (``mimis.taxonomy.text.stem``) of the simplemma lemma
(of the word itself when simplemma does not know it), so "dokumentationen", "vårdade", "kassan" and
"demensvården" meet their labels; for English the lemma.

Keys derived from a label (``derive_keys``): the label itself; each side of a slash
("Digital marknadsföring/Onlinemarknadsföring"); the part before a comma when the part after it names a
kind of thing ("SOAP, kommunikationsprotokoll" → "SOAP", but not "Engelska, undervisning"); the product
after a category prefix ("Ljud-Sony Creative Software ACID Pro" → "Sony Creative Software ACID Pro"); a
label without its parenthesis; what a certificate certifies ("Utbildningsbevis, fallskydd" → "fallskydd",
"plattsättare med yrkesbevis"); "erfarenhet av X" for "X, erfarenhet"; "kunskap om X" for "X,
produktkunskap"; "CNC-svarvning" for "Svarvning, CNC"; and verb phrases for activity labels
("Ritningsläsning" → "läsa ritning", see ``verb_phrases``). A derived key that several concepts share is
dropped: it names none of them.
"""

from __future__ import annotations

import csv
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import simplemma

from mimis.taxonomy.text import normalise, stem

#: How a key came about, best first; a text match takes the best key's concepts only.
PRIORITY_LABEL = 0
PRIORITY_SYNONYM = 1
PRIORITY_DERIVED = 2

# A word as ``mimis.taxonomy.text.normalise`` splits them: hyphens and dots separate ("HLR-utbildning").
TOKEN = re.compile(r"(?:[^\W_]|[+#])+")

# Comma tails after which the head is a different skill ("Engelska, undervisning" is teaching, not English).
_HEAD_IS_OTHER_SKILL = re.compile(
    r"undervisning|cirkelledning|specialist|instruktör|tränare|utbildning|professionell utövning|"
    r"konstnärlig|behörighet|examen|legitimation|ledning|ansvar|tillverkning|reparation|underhåll|"
    r"installation|service|försäljning|handel|skötsel|körvana|bygg|produktkunskap|materialkunskap|"
    r"specialisering|konst|teater|film|scen|TV|musik|sjöfart|flyg|personaladministration",
    re.IGNORECASE,
)
# Comma tails that say the head is a product name ("Monitor, affärssystem"): found only where the text
# writes the name with a capital, so the word "monitor" or "grunden" is not the product.
_PRODUCT_TAIL = re.compile(
    r"system|språk|verktyg|ramverk|plattform|CMS|editor|databashanterare|protokoll|bibliotek|motor|"
    r"pakethanterare|utvecklingsmiljö|frågespråk|modell",
)
#: Certificates whose tail names the skill ("Utbildningsbevis, fallskydd"; "Yrkesbevis, SRY").
_CERTIFICATE_HEAD = re.compile(
    r"^(?:Utbildningsbevis|Yrkesbevis|Kompetensbevis|Certifikat|Utbildningsintyg)$"
)
_CATEGORY_PREFIX = re.compile(r"^([A-ZÅÄÖ0-9][\w/ ]*[a-zåäö][\w/ ]*)-(?=[A-Z0-9])(.+)$")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*")
_MIN_KEY_CHARS = 2


@dataclass(frozen=True)
class Entry:
    """One key of one concept."""

    concept_id: int
    priority: int
    surface: str  # the key as written, normalised: tells a literal match from an inflected one
    cased: bool = False  # found only where the text starts the word with a capital (product names)


@dataclass
class Lexicon:
    language: str
    #: concept id → (source id, preferred label)
    concepts: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: key forms → entries of the best priority for that key
    keys: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    #: first form → the lengths of keys starting with it, longest first
    lengths: dict[str, list[int]] = field(default_factory=dict)
    #: one-word key surfaces and forms of five letters or more, for compound parts
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: words of the keys (seven letters or more) → their form, for typo correction
    words: dict[str, str] = field(default_factory=dict)
    #: the same words by first letter, so a typo is compared with a few hundred words, not all
    words_by_initial: dict[str, list[str]] = field(default_factory=dict)
    #: forms that never make a match on their own (too general: "service", "data")
    stop_forms: frozenset[tuple[str, ...]] = frozenset()
    #: one-word keys written in capitals ("HLR", "ADL"): found only where the text writes them so too
    abbreviations: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, forms: tuple[str, ...], entry: Entry, *, phrase: str = "") -> None:
        if not forms:
            return
        if forms in self.stop_forms and entry.priority != PRIORITY_SYNONYM:
            return  # the stop list silences labels; a curated synonym with the same words is kept
        if len(forms) == 1:
            word = phrase.strip()
            if len(word) <= 5 and word.isupper():
                self.abbreviations.add(forms)
            elif len(forms[0]) < 3 or (
                entry.priority == PRIORITY_DERIVED
                and len(forms[0]) <= 4
                and is_known_word(forms[0], self.language)
            ):
                # "Vi, texteditor" must not make every "vi" a text editor.
                return
        current = self.keys.get(forms)
        if current is None or current[0].priority > entry.priority:
            self.keys[forms] = [entry]
        elif current[0].priority == entry.priority and all(e.concept_id != entry.concept_id for e in current):
            current.append(entry)

    def finish(self) -> None:
        # A derived key shared by several concepts names none of them.
        for forms in [f for f, entries in self.keys.items() if entries[0].priority == PRIORITY_DERIVED]:
            if len(self.keys[forms]) > 1:
                del self.keys[forms]
        lengths: dict[str, set[int]] = {}
        for forms in self.keys:
            lengths.setdefault(forms[0], set()).add(len(forms))
        self.lengths = {first: sorted(values, reverse=True) for first, values in lengths.items()}
        for forms, entries in self.keys.items():
            if len(forms) == 1 and len(forms[0]) >= 5:
                self.parts.setdefault(forms[0], forms)
                for entry in entries:
                    if " " not in entry.surface and len(entry.surface) >= 5:
                        self.parts.setdefault(entry.surface, forms)
            for entry in entries:
                for word, form in zip(entry.surface.split(), forms, strict=False):
                    if len(word) >= 7:
                        self.words.setdefault(word, form)
        for word in self.words:
            self.words_by_initial.setdefault(word[0], []).append(word)


@lru_cache(maxsize=200_000)
def word_form(word: str, language: str) -> str:
    """The form a word is matched by (``word`` lower-cased)."""
    if language == "sv":
        # The lemma, then the light stem: simplemma knows "kassan" but not "kassa", "städar" only as
        # "städare"; stemming both sides makes them meet ("kass", "städ").
        lemma = (
            simplemma.lemmatize(word, lang="sv").casefold() if simplemma.is_known(word, lang="sv") else word
        )
        if lemma.endswith("are") and len(lemma) > 6 and word != lemma[:-1]:
            # An agent noun is a job title: "betongarbetare" is not "betongarbete". (The verb "städar",
            # which simplemma reads as "städare", still meets "städa".)
            return lemma
        return stem(normalise(lemma)) if lemma else lemma
    if simplemma.is_known(word, lang="en"):
        return simplemma.lemmatize(word, lang="en").casefold()
    return word


def is_known_word(word: str, language: str) -> bool:
    return simplemma.is_known(word, lang=language)


def tokens(text: str) -> list[re.Match[str]]:
    return list(TOKEN.finditer(text))


def key_forms(phrase: str, language: str) -> tuple[tuple[str, ...], str]:
    """The forms and the normalised surface of a key phrase."""
    surface = normalise(phrase)
    return tuple(word_form(word, language) for word in surface.split()), surface


def derive_keys(label: str) -> list[str]:
    """Key phrases a taxonomy label is found by, the label first."""
    return [phrase for phrase, _cased in derive_keys_cased(label)]


def derive_keys_cased(label: str) -> list[tuple[str, bool]]:
    """Key phrases of a label, each with whether the text must write it with a capital."""
    label = " ".join(label.replace("\u00ad", " ").replace("\u00a0", " ").split())
    found: list[str] = [label]
    cased: set[str] = set()

    def more(phrase: str, *, capital: bool = False) -> None:
        phrase = phrase.strip(" ,-")
        if len(phrase) >= _MIN_KEY_CHARS and phrase not in found:
            found.append(phrase)
            if capital:
                cased.add(phrase)

    without = _PARENTHESIS.sub(" ", label).strip()
    if without != label:
        more(" ".join(without.split()))
        for inner in _PARENTHESIS.findall(label):
            if len(inner) >= 2 and inner.replace(" ", "").isupper():
                more(inner)
    for phrase in list(found):
        if ", " in phrase:
            head, tail = phrase.split(", ", 1)
            if tail in ("erfarenhet", "omsorgserfarenhet", "vårderfarenhet"):
                # "Försäljning, erfarenhet" is what "erfarenhet av försäljning" asks for.
                for preposition in ("av", "inom", "från"):
                    more(f"erfarenhet {preposition} {head}")
            if tail == "produktkunskap":
                more(f"kunskap om {head}")
                more(f"produktkunskap om {head}")
            if tail.isupper() and len(tail) <= 5 and " " not in head:
                more(f"{tail}-{head}")  # "Svarvning, CNC" is written "CNC-svarvning"
            if _CERTIFICATE_HEAD.match(head):
                more(f"{head} som {tail}")
                more(f"{head} i {tail}")
                more(f"{tail} med {head}")
                if head != "Yrkesbevis" or tail.isupper():
                    more(tail)
            elif not _HEAD_IS_OTHER_SKILL.search(tail):
                more(head, capital=bool(_PRODUCT_TAIL.search(tail)) and " " not in head)
    for phrase in list(found):
        if "/" in phrase:
            sides = phrase.split("/")
            if all(len(side.strip()) >= 3 for side in sides):
                for side in sides:
                    more(side)
    for phrase in list(found):
        category = _CATEGORY_PREFIX.match(phrase)
        if category and len(category.group(2)) >= 3:
            more(category.group(2))
    return [(phrase, phrase in cased) for phrase in found]


def verb_phrases(label: str) -> list[str]:
    """What an ad writes for a one-word Swedish label naming an activity on a thing.

    "Ritningsläsning" → "läsa ritning" (found in "läsa ritningar"), "Fönsterputsning" → "putsa fönster",
    "Orderplockning" → "plocka order": the label's head is a known noun in -ning whose verb is known,
    and the part before it (without a linking s) is a known word.
    """
    word = label.strip().casefold()
    if not word.isalpha() or not word.endswith("ning"):
        return []
    for cut in range(3, len(word) - 5):
        head, modifier = word[cut:], word[:cut]
        verb = head[:-4] + "a"
        if not (simplemma.is_known(head, lang="sv") and simplemma.is_known(verb, lang="sv")):
            continue
        for thing in (modifier[:-1] if modifier.endswith("s") else "", modifier):
            if len(thing) >= 3 and simplemma.is_known(thing, lang="sv"):
                return [f"{verb} {thing}"]
        return []
    return []


@dataclass(frozen=True)
class Synonym:
    phrase: str
    source_ids: tuple[str, ...]
    comment: str


def synonyms(language: str) -> list[Synonym]:
    """The curated synonym list of ``language`` (``mimis/skills/data/synonyms_<language>.tsv``)."""
    return _read_synonyms(f"synonyms_{language}.tsv")


def stop_phrases(language: str) -> list[str]:
    """Phrases that are never a skill on their own (``mimis/skills/data/stop_<language>.tsv``)."""
    path = resources.files("mimis.skills") / "data" / f"stop_{language}.tsv"
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        phrase = line.split("\t", 1)[0].strip()
        if phrase and not phrase.startswith("#"):
            rows.append(phrase)
    return rows


def workplace_ids() -> frozenset[str]:
    """Skills naming a kind of workplace (``mimis/skills/data/workplaces.tsv``)."""
    path = resources.files("mimis.skills") / "data" / "workplaces.tsv"
    return frozenset(
        line.split("\t", 1)[0].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def _read_synonyms(name: str) -> list[Synonym]:
    path = resources.files("mimis.skills") / "data" / name
    if not path.is_file():
        return []
    rows: list[Synonym] = []
    reader = csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    for row in reader:
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        ids = tuple(part.strip() for part in (row[1] if len(row) > 1 else "").split(",") if part.strip())
        rows.append(
            Synonym(phrase=row[0].strip(), source_ids=ids, comment=row[2].strip() if len(row) > 2 else "")
        )
    return rows


def build_lexicon(language: str) -> Lexicon:
    """A lexicon from the skills in the database and the synonym list of ``language``."""
    from mimis.taxonomy.models import Concept, Scheme

    lexicon = Lexicon(language=language)
    lexicon.stop_forms = frozenset(key_forms(p, language)[0] for p in stop_phrases(language))
    by_source: dict[str, int] = {}
    rows = Concept.objects.filter(scheme=Scheme.SKILL, deprecated=False).values_list(
        "id", "source_id", "preferred_label", "alternative_labels"
    )
    for concept_id, source_id, label, alternatives in rows:
        lexicon.concepts[concept_id] = (source_id, label)
        by_source[source_id] = concept_id
        for index, (phrase, cased) in enumerate(derive_keys_cased(label)):
            forms, surface = key_forms(phrase, language)
            priority = PRIORITY_LABEL if index == 0 else PRIORITY_DERIVED
            if language == "en" and len(forms) == 1 and is_known_word(surface, "en"):
                # A Swedish label that is also an English word ("Standard", "Access", "Java") is the
                # skill in English text only where it is written as a name.
                cased = True
            lexicon.add(forms, Entry(concept_id, priority, surface, cased), phrase=phrase)
        if language == "sv":
            for phrase in verb_phrases(label):
                forms, surface = key_forms(phrase, language)
                lexicon.add(forms, Entry(concept_id, PRIORITY_DERIVED, surface), phrase=phrase)
        for alternative in alternatives or []:
            if isinstance(alternative, str):
                forms, surface = key_forms(alternative, language)
                lexicon.add(forms, Entry(concept_id, PRIORITY_SYNONYM, surface), phrase=alternative)
    for synonym in synonyms(language):
        for source_id in synonym.source_ids:
            concept_id = by_source.get(source_id)
            if concept_id is not None:
                forms, surface = key_forms(synonym.phrase, language)
                lexicon.add(forms, Entry(concept_id, PRIORITY_SYNONYM, surface), phrase=synonym.phrase)
    lexicon.finish()
    return lexicon


_cache: dict[tuple[str, tuple[object, ...]], Lexicon] = {}
_lock = threading.Lock()


def taxonomy_state() -> tuple[object, ...]:
    """What the lexicon depends on: the taxonomy version and the skills' count and last change."""
    from django.db.models import Count, Max

    from mimis.taxonomy.models import Concept, Scheme
    from mimis.taxonomy.selectors import taxonomy_version

    stats = Concept.objects.filter(scheme=Scheme.SKILL).aggregate(
        count=Count("id"), changed=Max("updated_at")
    )
    return (taxonomy_version(), stats["count"], stats["changed"])


def lexicon_for(language: str) -> Lexicon:
    """The lexicon of ``language`` for the taxonomy as it is now; rebuilt after an import."""
    state = taxonomy_state()
    key = (language, state)
    lexicon = _cache.get(key)
    if lexicon is None:
        with _lock:
            lexicon = _cache.get(key)
            if lexicon is None:
                lexicon = build_lexicon(language)
                for old in [k for k in _cache if k[0] == language]:
                    del _cache[old]
                _cache[key] = lexicon
    return lexicon
