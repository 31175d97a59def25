"""The catalogue on a phone (390 px wide): the filters start folded, the first result is in the first screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.a11y.test_axe import CHROMIUM, CHROMIUM_ARGS
from tests.demo_snapshot import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(settings):
    settings.DEMO_MODE = True  # the demo banner takes room at the top too
    load_demo()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        browser.close()


@pytest.mark.parametrize("path", ["/microcredentials/", "/en/microcredentials/"])
def test_first_result_is_in_the_first_screen_at_390_px(live_server, page, path):
    page.goto(f"{live_server.url}{path}")
    assert page.locator("#filter-details").evaluate("d => d.open") is False
    count_top = page.locator(".result-count").bounding_box()["y"]
    first = page.locator(".results li").first.bounding_box()
    assert count_top < first["y"] <= 700, first
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The filters are one tap away, and choosing one keeps them open and shows the results.
    page.locator("#filter-details summary").click()
    assert page.locator("#id_target_group").is_visible()


def test_filters_stay_open_on_a_wide_screen(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/microcredentials/")
    assert page.locator("#filter-details").evaluate("d => d.open") is True


def test_occupation_picker_works_by_keyboard_and_keeps_ticked_ones(live_server, page):
    from tests.a11y.test_axe import sign_in

    sign_in(page, live_server.url, "karin.hkr")
    page.goto(f"{live_server.url}/microcredentials/forflyttning-och-ergonomi/edit/basics/")
    page.focus("#id_occupations-q")
    with page.expect_response(lambda r: "concept-picker" in r.url and "q-occupations=unders" in r.url):
        page.keyboard.type("undersköt")
    page.wait_for_selector("#id_occupations-choices input:not(:checked)")
    new = page.locator("#id_occupations-choices input:not(:checked)").first
    value = new.get_attribute("value")
    new.focus()
    page.keyboard.press("Space")
    page.focus("#id_occupations-q")
    page.fill("#id_occupations-q", "")
    with page.expect_response(lambda r: "concept-picker" in r.url and "q-occupations=kock" in r.url):
        page.keyboard.type("kock")
    page.wait_for_timeout(200)  # htmx swaps the answer in
    assert page.locator(f"#id_occupations-choices input[value='{value}']").is_checked()
    page.click("button[name=stay]")
    page.wait_for_load_state()
    assert page.locator(f"#id_occupations-choices input[value='{value}']").is_checked()
