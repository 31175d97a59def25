"""The pages a public-sector service must have, linked from every page's footer; no promises of features
MIMIS does not have."""

from __future__ import annotations

import re

import pytest

from tests.conftest import signed_in, verified_client

pytestmark = pytest.mark.django_db

OPERATOR = {
    "name": "Region Skåne",
    "email": "mimis@skane.example",
    "phone": "044-309 30 00",
    "address": "Region Skåne, 291 89 Kristianstad",
    "website": "https://skane.example",
    "dpo_email": "dataskydd@skane.example",
}


@pytest.mark.parametrize("path", ["/", "/organisations/", "/account/login/", "/accessibility/", "/privacy/"])
def test_every_page_footer_links_the_statements_contact_and_the_other_language(client, path):
    sv = client.get(path).content.decode()
    footer = sv[sv.index('<footer class="site-footer">') :]
    for link in ('href="/accessibility/"', 'href="/privacy/"', 'href="/contact/"', 'href="/api/v1/docs"'):
        assert link in footer, (path, link)
    assert f'href="/en{path}" hreflang="en" lang="en">In English</a>' in footer
    en = client.get("/en" + path).content.decode()
    footer = en[en.index('<footer class="site-footer">') :]
    assert 'href="/en/accessibility/"' in footer and 'href="/en/privacy/"' in footer
    assert f'href="{path}" hreflang="sv" lang="sv">På svenska</a>' in footer


def test_accessibility_statement_follows_diggs_form(client, settings):
    settings.MIMIS_OPERATOR = OPERATOR
    html = client.get("/accessibility/").content.decode()
    assert "<h1>Tillgänglighet för MIMIS</h1>" in html
    assert "Region Skåne står bakom den här webbplatsen" in html
    assert (
        "Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service"
        in html
    )
    assert "inte en taggad PDF" in html  # a known deficiency
    assert 'href="mailto:mimis@skane.example"' in html  # how to report problems
    assert 'href="https://www.digg.se/tdosanmalan"' in html  # the supervisory authority
    assert "Hur vi testat webbplatsen" in html
    assert re.search(r"Redogörelsen sågs senast över den \d{1,2} \w+ \d{4}", html)
    en = client.get("/en/accessibility/").content.decode()
    assert "This website is partially compliant" in en
    assert "Agency for Digital Government (Digg)" in en


def test_privacy_notice_names_the_controller_the_data_and_the_rights(client, settings):
    settings.MIMIS_OPERATOR = OPERATOR
    html = client.get("/privacy/").content.decode()
    assert "Region Skåne driver MIMIS och är personuppgiftsansvarig" in html
    assert 'href="mailto:dataskydd@skane.example"' in html
    for stored in (
        "Ditt konto",
        "Dina meriter",
        "Granskningsloggen",
        "Delningslänkar",
        "Uppgifter om inloggningar",
    ):
        assert stored in html, stored
    assert "artikel 6.1 e i dataskyddsförordningen" in html
    assert 'href="/my/privacy/"' in html  # export
    assert 'href="/my/privacy/delete/"' in html  # erasure
    assert "imy.se" in html
    assert "efter 12 timmar" in html  # the session length comes from the settings
    en = client.get("/en/privacy/").content.decode()
    assert "Region Skåne runs MIMIS and is the controller" in en


def test_contact_page_shows_the_configured_operator(client, settings):
    settings.MIMIS_OPERATOR = OPERATOR
    html = client.get("/contact/").content.decode()
    assert "MIMIS drivs av Region Skåne." in html
    assert 'href="tel:044-3093000"' in html
    assert "291 89 Kristianstad" in html
    assert "påhittade" not in html  # not a demo


def test_demo_says_the_operator_is_made_up(client, settings):
    settings.DEMO_MODE = True
    html = client.get("/contact/").content.decode()
    assert "MIMIS drivs av MIMIS Demo." in html
    assert "den som driver tjänsten och kontaktuppgifterna är påhittade" in html


def test_api_docs_page_has_a_language_a_way_back_and_local_assets(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert 'href="/"' in html
    assert "<main" in html
    assert not re.search(r'(src|href)="https?://', html)  # no CDN
    assert "/static/mimis/swagger-overrides.css" in html
    assert '<html lang="en">' in client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="en").content.decode()


class TestNoPromisesOfMissingFeatures:
    def test_home_page_does_not_promise_role_profiles_or_gap_analysis(self, client):
        sv = client.get("/").content.decode()
        en = client.get("/en/").content.decode()
        assert "beskriv vilken kompetens en roll kräver" not in sv
        assert "describe the skills a role needs" not in en
        assert "see where training is needed" not in en
        assert "Kontrollera på ett ögonblick att en merit är äkta" in sv

    def test_wallet_privacy_page_links_to_the_consent_page_that_explains_what_employers_see(self, learner):
        html = signed_in(learner).get("/my/privacy/").content.decode()
        assert 'name="findable_by_skills"' not in html
        assert "kan kontakta dig via MIMIS" not in html
        # The choice itself lives on the matching page "Arbetsgivare och du", which explains what is seen.
        assert 'href="/my/paths-to-jobs/employers/"' in html
        assert "bara om du säger ja" in html
        assert 'href="/privacy/"' in html
        en = signed_in(learner).get("/en/my/privacy/").content.decode()
        assert "can contact you through MIMIS" not in en
        assert "only if you say yes" in en


def test_audit_log_table_scrolls_in_its_own_region(region_admin):
    html = verified_client(region_admin).get("/platform/audit/").content.decode()
    assert '<div class="table-wrap" role="region" aria-label="Loggposter" tabindex="0">' in html
