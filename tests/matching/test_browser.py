"""The matching pages in a real browser: no serious accessibility violation (axe-core), nothing scrolls
sideways on a phone, in Swedish and English; Fatima sees her gap to vårdbiträde on a phone."""

from __future__ import annotations

import pytest

from mimis.demo.data import DEMO_EMAIL_DOMAIN
from tests.a11y.test_axe import browser, demo, serious_violations, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pages(demo):  # type: ignore[no-untyped-def]  # noqa: F811
    from mimis.accounts.models import User
    from mimis.matching.models import RoleProfile
    from mimis.taxonomy.models import Concept

    template = RoleProfile.objects.get(is_template=True, current_version__title="Vårdbiträde")
    lenas = RoleProfile.objects.get(organisation__slug="vard-och-omsorg-kristianstad")
    group = Concept.objects.get(source_id="tAJS_JNb_hDH")
    assert User.objects.filter(email=f"fatima@{DEMO_EMAIL_DOMAIN}").exists()
    return {
        "fatima": [
            "/my/paths-to-jobs/",
            "/my/paths-to-jobs/?all=1",
            f"/my/paths-to-jobs/role/{template.pk}/",
            f"/my/paths-to-jobs/occupation/{group.pk}/",
        ],
        "lena.omsorg": [
            "/organisations/vard-och-omsorg-kristianstad/role-profiles/",
            f"/organisations/vard-och-omsorg-kristianstad/role-profiles/{lenas.pk}/",
            f"/organisations/vard-och-omsorg-kristianstad/role-profiles/{lenas.pk}/?q=demens",
            "/organisations/vard-och-omsorg-kristianstad/role-profiles/new/?q=omsorg",
            "/organisations/vard-och-omsorg-kristianstad/role-profiles/job-ad/",
        ],
        "eva.region": ["/platform/shortage-occupations/"],
    }


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_matching_pages_are_accessible_and_fit_a_phone(live_server, pages, browser, viewport):  # noqa: F811
    problems: list[str] = []
    wide: list[tuple[str, int]] = []
    for persona, paths in pages.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, live_server.url, persona)
        for prefix in ("", "/en"):
            for path in paths:
                response = page.goto(live_server.url + prefix + path)
                assert response.status == 200, (persona, prefix + path, response.status)
                problems += serious_violations(page)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    wide.append((prefix + path, width))
        context.close()
    assert problems == []
    assert wide == []


def test_fatima_sees_the_two_micro_credentials_that_close_her_gap_on_a_phone(live_server, pages, browser):  # noqa: F811
    page = browser.new_page(viewport=PHONE)
    sign_in(page, live_server.url, "fatima")
    page.goto(live_server.url + "/my/paths-to-jobs/")
    page.get_by_role("link", name="Vårdbiträde", exact=True).click()
    recommended = page.locator("#recommended-title + p")
    assert "De här 2 mikromeriterna" in recommended.inner_text()
    cards = page.locator("section[aria-labelledby=recommended-title] .card h3").all_inner_texts()
    assert sorted(cards) == ["Demensvård – grunder", "Förflyttningsteknik och ergonomi"]
    assert page.is_visible("text=Täcker Ergonomi och Personlig omvårdnad")
