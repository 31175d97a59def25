"""Every page a persona reaches from the navigation renders, in Swedish at / and in English at /en/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/account/login/", "/account/register/", "/account/password-reset/", "/organisations/"]


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"#]+)"', nav)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render_in_swedish_and_english(client, path):
    sv = client.get(path)
    en = client.get("/en" + path)
    assert sv.status_code == en.status_code == 200
    assert '<html lang="sv">' in sv.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert 'hreflang="en"' in sv.content.decode()


def test_language_switch_points_at_the_same_page_in_the_other_language(client):
    html = client.get("/organisations/").content.decode()
    assert 'href="/en/organisations/" hreflang="en" lang="en">English</a>' in html
    html = client.get("/en/organisations/").content.decode()
    assert 'href="/organisations/" hreflang="sv" lang="sv">Svenska</a>' in html


def test_swedish_is_the_default_even_for_an_english_browser(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="sv">' in html
    assert "Gör kompetens synlig" in html


def test_every_demo_persona_can_open_every_page_in_their_navigation(client):
    from mimis.accounts.models import User

    load_demo()
    for persona in User.objects.filter(is_demo=True):
        browser = verified_client(persona)
        for prefix in ("", "/en"):
            html = browser.get(f"{prefix}/start/").content.decode()
            links = nav_links(html)
            assert links, persona.email
            for link in links:
                response = browser.get(link)
                assert response.status_code == 200, (persona.email, link, response.status_code)
            for extra in ("/account/", "/account/tokens/", "/account/two-factor/"):
                assert browser.get(prefix + extra).status_code == 200, (persona.email, extra)


def test_navigation_shows_each_role_what_it_can_do_next(region_admin, provider_admin, learner):
    learner_html = verified_client(learner).get("/start/").content.decode()
    assert "Mina meriter" in learner_html
    assert "Registrera en organisation" in learner_html
    admin_html = verified_client(provider_admin).get("/start/").content.decode()
    assert "Bjud in en kollega" in admin_html
    assert "Mina meriter" not in admin_html
    region_html = verified_client(region_admin).get("/start/").content.decode()
    assert "Ansökningar" in region_html
    assert "Granskningslogg" in region_html


def test_dates_are_localised(region_admin, on_commit):
    from mimis.accounts import services
    from tests.factories import UserFactory

    services.register_organisation(acting_user=UserFactory(), name="Bageriet", kind="employer")
    browser = verified_client(region_admin)
    sv = browser.get(reverse("accounts:organisation_applications")).content.decode()
    en = browser.get("/en" + reverse("accounts:organisation_applications")).content.decode()
    assert re.search(r"\d{4}-\d{2}-\d{2}", sv)
    assert re.search(r"\d{1,2} [A-Z][a-z]{2} \d{4}", en)  # 24 Nov 2026: day first, as in Europe
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", en)


def test_unknown_page_is_a_friendly_404_in_the_right_language(client):
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()
    response = client.get("/en/nowhere/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forms_are_protected_against_cross_site_requests(learner):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    response = browser.post("/account/", {"name": "Hacked", "language": "sv"})
    assert response.status_code == 403
    learner.refresh_from_db()
    assert learner.name != "Hacked"


@pytest.mark.django_db
def test_a_failed_security_check_explains_itself_in_the_page_language():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.post("/account/login/", {"username": "a@b.se", "password": "x"})
    assert page.status_code == 403
    text = page.content.decode()
    assert "Formuläret har gått ut" in text and "CSRF verification failed" not in text
    english = client.post("/en/account/login/", {"username": "a@b.se", "password": "x"}).content.decode()
    assert "The form has expired" in english
