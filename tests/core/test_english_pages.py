"""English pages are English: walk the /en/ pages each persona reaches by following links, and fail on
Swedish text that comes from the interface or from a Swedish copy that has an English one.

The data is the demo's (``mimis demo``) with every English copy filled in (titles, summaries, learning
outcomes, taxonomy labels, pathways), so a Swedish title on an English page is a leak, not missing data.
What nobody can translate — names of people and organisations, texts people wrote that have no English
field (a portfolio's title, a reviewer's comment, an organisation's description) — is taken out of the page
text before the check: every text value stored in the database, except the Swedish side of a field that
has an English copy.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from mimis.accounts.models import User
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

# Common Swedish words of the interface that are not English words (and so never count in English text).
SWEDISH_WORDS = {
    "och", "för", "att", "är", "inte", "med", "som", "eller", "har", "kan", "det", "på", "av", "från", "du",
    "dina", "ditt", "mina", "mitt", "logga", "sök", "visa", "mikromeriter", "mikromerit", "meriter", "meriten",
    "utfärda", "utfärdad", "utfärdare", "granska", "granskning", "spara", "skicka", "tillbaka", "ändra",
    "alla", "inga", "ingen", "sidan", "länk", "länken", "här", "också", "ska", "efter", "innan", "mer", "mig",
    "dig", "oss", "konto", "lösenord", "e-post", "ladda", "ner", "hämta", "dela", "nästa", "föregående",
    "sida", "kurs", "deltagare", "organisationer", "sektor", "yrke", "yrken", "färdigheter",
    "godkänn", "godkänd", "avbryt", "tillgänglighet", "integritet", "startsida", "välkommen", "hjälp",
}  # fmt: skip
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
# Interface text that is right in Swedish on English pages: the language switchers (menu and footer) name
# the language in itself, marked lang="sv".
ALLOWED = {"Svenska"}
ALLOWED_PHRASES = ("På svenska",)

SKIP = re.compile(
    r"/logout|/download|\.(pdf|png|svg|json|jsonld|jwt|csv|xlsx)$|/api/|/static/|/admin/|/export/|"
    r"/claim/|/verify/[^/]+/[^/]+/$"
)
MAX_PAGES = 60  # per persona: enough to reach every kind of page the start page and menus lead to
MAX_QUERIES = 2  # the same page with other filters or page numbers is the same interface text


class _Text(HTMLParser):
    """The text a person reads or hears: element text, the page title and text in attributes."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")
    # Not read as interface text: code, signed documents shown as they are, and what a form field holds
    # (the Swedish text an editor is editing is theirs to see).
    VERBATIM = ("script", "style", "pre", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0
        self._user_content: list = []  # [tag, depth] while inside an element marked data-user-content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.VERBATIM:
            self._skip += 1
        # Stored content shown as it is, cut into pieces (a reviewer's before/after of the Swedish text):
        # the element says so with data-user-content, and its text is not interface text.
        if self._user_content:
            if tag == self._user_content[0]:
                self._user_content[1] += 1
        elif "data-user-content" in values:
            self._user_content = [tag, 1]
            self._skip += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for name in self.ATTRIBUTES:
            if values.get(name):
                self.parts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VERBATIM and self._skip:
            self._skip -= 1
        if self._user_content and tag == self._user_content[0]:
            self._user_content[1] -= 1
            if not self._user_content[1]:
                self._user_content = []
                self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data)


def user_content() -> list[str]:
    """Every stored text that has no English copy (names, descriptions, comments ...), longest first."""
    texts: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("mimis."):
            continue
        fields = [
            f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        names = {f.name for f in fields}
        kept = [f.name for f in fields if f"{f.name}_en" not in names]
        if not kept:
            continue
        for row in model.objects.values_list(*kept):
            texts.update(value.strip() for value in row if value and value.strip())
    # Only what would count as Swedish matters; short codes ("sv") must not cut words apart.
    return sorted((t for t in texts if len(t) > 3 and swedish_in(t, [])), key=len, reverse=True)


def swedish_in(text: str, removed: list[str]) -> list[str]:
    """The Swedish words left in ``text`` once stored user content is taken out."""
    text = " ".join(text.split())
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    for value in removed:
        value = " ".join(value.split())
        if len(value) > 1:
            text = text.replace(value, " ")
    found = []
    for word in re.findall(r"[\w][\w-]*", text):
        if word in ALLOWED:
            continue
        if SWEDISH_LETTERS.search(word) or word.lower() in SWEDISH_WORDS:
            found.append(word)
    return found


def fill_english_copies() -> None:
    """Where the demo has no English copy, write one, so that every Swedish copy with a field for English
    has an English text to show instead."""
    for model in apps.get_models():
        if not model.__module__.startswith("mimis."):
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        pairs = [name for name in fields if f"{name}_en" in fields]
        for obj in model.objects.all():
            changed = []
            for name in pairs:
                if getattr(obj, name) and not getattr(obj, f"{name}_en"):
                    english = f"English copy {obj.pk} {name}"
                    setattr(obj, f"{name}_en", english[: fields[f"{name}_en"].max_length or None])
                    changed.append(f"{name}_en")
            if changed:
                model.objects.filter(pk=obj.pk).update(**{f: getattr(obj, f) for f in changed})


def crawl(client: Client, starts: list[str]) -> dict[str, list[str]]:
    """Follow links from ``starts`` through English pages; the Swedish words found, by page."""
    removed = user_content()
    seen: set[str] = set()
    queries: dict[str, int] = {}
    queue = deque(starts)
    leaks: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        visited += 1
        parser = _Text()
        parser.feed(response.content.decode())
        words = swedish_in(" \n ".join(parser.parts), removed)
        if words:
            leaks[path] = sorted(set(words))
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/en/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.search(parts.path) or target in seen:
                continue
            if parts.query:
                if queries.get(parts.path, 0) >= MAX_QUERIES:
                    continue
                queries[parts.path] = queries.get(parts.path, 0) + 1
            queue.append(target)
    assert visited >= min(5, len(starts)), f"only {visited} pages reached from {starts}"
    return leaks


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    from tests.demo_snapshot import load_demo

    load_demo()
    fill_english_copies()
    User.objects.update(language="en")


PERSONAS = {
    "anonymous": None,
    "learner": "fatima",
    "provider_editor": "karin.hkr",
    "issuer": "jonas.hkr",
    "reviewer": "maria.kvalitet",
    "region_admin": "eva.region",
}
STARTS = ["/en/", "/en/start/", "/en/catalogue/", "/en/my/credentials/", "/en/my/sharing/", "/en/verify/"]


class TestEnglishPages:
    @pytest.mark.parametrize("persona", list(PERSONAS))
    def test_english_pages_show_no_swedish_interface_text(self, demo, persona):
        from mimis.demo.data import DEMO_EMAIL_DOMAIN

        local_part = PERSONAS[persona]
        client = (
            Client()
            if local_part is None
            else verified_client(User.objects.get(email=f"{local_part}@{DEMO_EMAIL_DOMAIN}"))
        )
        leaks = crawl(client, STARTS)
        assert not leaks, "Swedish on English pages:\n" + "\n".join(f"{p}: {w}" for p, w in leaks.items())

    def test_the_check_catches_a_swedish_title_and_interface_text(self, demo):
        """The check itself: a Swedish title where an English one exists, and Swedish words of the
        interface, are found; names and stored texts without an English copy are not."""
        removed = ["Högskolan Kristianstad", "Fatima Ahmed"]
        assert swedish_in("Högskolan Kristianstad issued it to Fatima Ahmed", removed) == []
        assert swedish_in("Demensvård – grunder, from Högskolan Kristianstad", removed) == ["Demensvård"]
        assert swedish_in("Logga in to see your credentials", removed) == ["Logga"]
        assert swedish_in("Search och find", removed) == ["och"]
        assert swedish_in("Svenska · English", removed) == []
