"""The statistics pages in headless Chromium: no serious axe-core violation, in Swedish and English, at
desktop and phone width; the region officer's question answered on the page; filters work in place."""

from __future__ import annotations

import pytest

from mimis.insights import rollups
from tests.a11y.test_axe import browser, demo, serious_violations, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def refreshed(demo):  # type: ignore[no-untyped-def]  # noqa: F811
    rollups.refresh_all()  # before the browser starts (Playwright's event loop forbids the ORM)


PAGES = ["/insights/", "/insights/?dimension=provider&period=all", "/insights/supply/"]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_statistics_pages_have_no_serious_violations(live_server, refreshed, browser, viewport) -> None:  # noqa: F811
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    for prefix in ("", "/en"):
        for path in PAGES:
            assert page.goto(live_server.url + prefix + path).status == 200
            problems += serious_violations(page)
    sign_in(page, live_server.url, "eva.region")
    for path in [*PAGES, "/insights/job-ads/"]:
        assert page.goto(live_server.url + path).status == 200
        problems += serious_violations(page)
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    context.close()
    assert problems == []
    assert not wide


def test_a_region_officer_answers_the_care_pilot_question_on_the_page(
    live_server,
    refreshed,
    browser,  # noqa: F811
) -> None:
    page = browser.new_page()
    sign_in(page, live_server.url, "eva.region")
    page.goto(live_server.url + "/insights/")
    page.select_option("#id_period", "quarter")
    page.select_option("#id_target_group", "health_social_care")
    page.wait_for_url("**target_group=health_social_care**")
    summary = page.locator("#fig-issued_over_time ~ p.summary").first.inner_text()
    assert "utfärdades" in summary  # "N credentials were issued in the period" (or "fewer than 5")
    page.goto(live_server.url + "/insights/supply/?target_group=health_social_care")
    assert page.locator("#uncovered-h").is_visible()
