"""The menu and start page come from a registry each app fills in; core imports no domain app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mimis.accounts.models import Membership
from tests.conftest import verified_client
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {
    "accounts",
    "audit",
    "taxonomy",
    "catalog",
    "quality",
    "issuing",
    "wallet",
    "verification",
    "demo",
}


def test_core_imports_no_domain_app():
    offenders = []
    for path in (Path(__file__).parents[2] / "mimis" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "mimis" and len(parts) > 1 and parts[1] in DOMAIN_APPS:
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def menu(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def top_level_labels(html: str) -> list[str]:
    """The menu's top-level entries: links, and the summaries of the groups that open."""
    nav = menu(html)
    nav = nav[: nav.index('<ul class="account-nav')]
    nav = re.sub(r"<details>\s*<summary[^>]*>(.*?)</summary>.*?</details>", r"[\1]", nav, flags=re.S)
    return [
        label.strip() for label in re.findall(r">([^<>]+?)</a>|(\[[^\]]+\])", nav) for label in label if label
    ]


def group(html: str, label: str) -> list[str]:
    nav = menu(html)
    match = re.search(r"<summary[^>]*>" + re.escape(label) + r"</summary>(.*?)</details>", nav, re.S)
    return re.findall(r">([^<>]+)</a>", match.group(1))


def test_learner_menu(learner):
    html = verified_client(learner).get("/start/").content.decode()
    assert top_level_labels(html) == [
        "Start",
        "Mina meriter",
        "Vägar till jobb",
        "Vad kan du?",
        "Mikromeriter",
        "Organisationer",
        "Kontrollera en merit",
        "Statistik",
    ]


def test_provider_admin_gets_one_entry_for_the_organisation(provider_admin, provider):
    # An admin who also issues (issuing needs the issuer role, issue 16).
    Membership.objects.create(user=provider_admin, organisation=provider, role="issuer")
    html = verified_client(provider_admin).get("/start/").content.decode()
    assert top_level_labels(html) == [
        "Start",
        "[Högskolan Kristianstad]",
        "Mikromeriter",
        "Organisationer",
        "Kontrollera en merit",
        "Statistik",
    ]
    assert group(html, "Högskolan Kristianstad") == [
        "Översikt",
        "Medlemmar och inbjudningar",
        "Våra mikromeriter",
        "Utfärda meriter",
        "Vår statistik",
    ]


def test_region_admin_has_a_platform_entry(region_admin):
    html = verified_client(region_admin).get("/start/").content.decode()
    assert top_level_labels(html)[:4] == ["Start", "[Plattform]", "Granskning", "[Region Skåne]"]
    assert group(html, "Plattform") == [
        "Ansökningar",
        "Granskningslogg",
        "Bristyrken",
        "Statistik",
        "Platsannonser",
    ]


def test_person_with_several_organisations_gets_one_entry_for_them_all(provider, other_provider, qa_body):
    person = member(provider, "admin", "issuer", email="multi@example.se", name="Mia")
    from mimis.accounts.models import Membership

    Membership.objects.create(user=person, organisation=other_provider, role="editor")
    Membership.objects.create(user=person, organisation=qa_body, role="reviewer")
    bakery = OrganisationFactory(name="Österlens Bageri AB", slug="bageri", kind="employer")
    Membership.objects.create(user=person, organisation=bakery, role="admin")
    html = verified_client(person).get("/start/").content.decode()
    labels = top_level_labels(html)
    assert labels == [
        "Start",
        "Granskning",
        "[Dina organisationer]",
        "Mikromeriter",
        "Organisationer",
        "Kontrollera en merit",
        "Statistik",
    ]
    nav = menu(html)
    for name in ("Högskolan Kristianstad", "Medborgarskolan Syd", "Kvalitetsrådet", "Österlens Bageri AB"):
        assert f'<span class="nav-subhead">{name}</span>' in nav


def test_menu_works_without_javascript_and_collapses_on_phones(learner):
    html = verified_client(learner).get("/start/").content.decode()
    assert '<details class="site-menu" open>' in html  # open unless the script closes it on a phone
    assert "<summary>Meny</summary>" in html


def test_learner_start_page_offers_registering_an_organisation_as_a_plain_link(learner):
    html = verified_client(learner).get("/start/").content.decode()
    cards = html[html.index('<ul class="cards">') : html.index("</ul>", html.index('<ul class="cards">'))]
    assert "Öppna mina meriter" in cards
    assert "/organisations/new/" not in cards
    assert '<a href="/organisations/new/">Registrera en organisation</a>' in html


def test_english_menu_is_in_english(provider_admin, provider):
    # An admin who also issues (issuing needs the issuer role, issue 16).
    Membership.objects.create(user=provider_admin, organisation=provider, role="issuer")
    html = verified_client(provider_admin).get("/en/start/").content.decode()
    assert group(html, "Högskolan Kristianstad") == [
        "Overview",
        "Members and invitations",
        "Our micro-credentials",
        "Issue credentials",
        "Our statistics",
    ]
