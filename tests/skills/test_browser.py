"""The suggestion pages in Chromium: phone and desktop, Swedish and English, with and without JavaScript.

axe finds no serious or critical violation in each state (text written, suggestions shown, courses shown),
and the page does not scroll sideways on a phone. Screenshots go to $MIMIS_SCREENSHOTS if set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.a11y.test_axe import browser, demo, serious_violations, sign_in  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = "Jag har arbetat med Demensvård på ett boende i två år. Jag har också kört B-truckar på ett lager."
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def shoot(page, name: str) -> None:
    folder = os.environ.get("MIMIS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_learner_finds_skills_and_courses(live_server, demo, browser, viewport):  # noqa: F811
    problems: list[str] = []
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    sign_in(page, live_server.url, "fatima")
    for prefix, skill, find, show, yes in (
        ("", "Demensvård", "Hitta färdigheter", "Visa utbildningar", "Ja, det stämmer"),
        ("/en", "Dementia care", "Find skills", "Show courses", "Yes, it fits"),
    ):
        page.goto(f"{live_server.url}{prefix}/skills/")
        problems += serious_violations(page)
        page.click(f"button:has-text('{find}')")  # empty: a form error, in the page's language
        assert page.locator("[aria-invalid=true]").count() == 1
        problems += serious_violations(page)
        page.fill("#id_text", STORY)
        page.click(f"button:has-text('{find}')")
        assert page.locator("mark", has_text="Demensvård").count() == 1
        assert page.input_value("#id_text") == STORY
        problems += serious_violations(page)
        shoot(page, f"learner-{viewport}{prefix.replace('/', '-')}-suggestions")
        page.get_by_role("group", name=skill, exact=True).get_by_label(yes).check()
        page.click(f"button:has-text('{show}')")
        assert page.locator(".results a").count() >= 1
        problems += serious_violations(page)
        assert no_sideways_scroll(page)
        shoot(page, f"learner-{viewport}{prefix.replace('/', '-')}-courses")
    context.close()
    assert problems == []


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_author_accepts_a_suggestion_for_a_learning_outcome(
    live_server,
    demo,  # noqa: F811
    browser,  # noqa: F811
    viewport,
    javascript,
    monkeypatch,
):
    from mimis.catalog.models import LearningOutcome

    # The saved skills are read while Playwright's event loop runs in this thread; the reads are plain.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    slug = "anhorigstod-i-foreningslivet"
    context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, live_server.url, "ali.natverket")
    problems: list[str] = []
    # The skill's name is in the page's language; the marked evidence is the text's own words.
    for prefix, skill, words, suggest, yes, save in (
        ("/en", "Dementia care", "Demensvård", "Suggest skills from the text", "Yes, add it", "Save and add"),
        (
            "",
            "Omvårdnad",
            "Omvårdnad",
            "Föreslå färdigheter från texten",
            "Ja, lägg till",
            "Spara och lägg till",
        ),
    ):
        page.goto(f"{live_server.url}{prefix}/microcredentials/{slug}/edit/outcomes/")
        page.fill("#text-0", "Ge Anhörigstöd i föreningen, med Demensvård och Omvårdnad.")
        page.locator("fieldset.outcome").first.get_by_role("button", name=suggest).click()
        suggestion = page.locator("#suggestions-0").get_by_role("group", name=skill, exact=True)
        suggestion.wait_for()
        assert page.locator("#suggestions-0 mark", has_text=words).count() == 1
        assert page.input_value("#text-0").startswith("Ge Anhörigstöd")
        if (
            javascript
        ):  # axe and the scroll check run as scripts in the page; without them the markup is the same
            problems += serious_violations(page)
            assert no_sideways_scroll(page)
        shoot(page, f"author-{viewport}{prefix.replace('/', '-')}-js{int(javascript)}")
        suggestion.get_by_label(yes).check()
        page.get_by_role("button", name=save).click()
        page.wait_for_load_state()
        first = (
            LearningOutcome.objects.filter(version__microcredential__slug=slug).order_by("position").first()
        )
        assert words in {concept.preferred_label for concept in first.skills.all()}
    context.close()
    assert problems == []
