"""The validation pages in headless Chromium: no serious or critical axe-core violation, in Swedish and
English, at phone and desktop widths, and no sideways scrolling on a phone. Needs Debian's chromium."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from mimis.validation import services
from mimis.validation.models import ValidationCase
from tests.a11y.test_axe import browser, serious_violations, sign_in  # noqa: F401
from tests.demo_snapshot import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(settings):  # type: ignore[no-untyped-def]
    settings.DEMO_MODE = True
    load_demo()
    fatima = ValidationCase.objects.get(person__email__startswith="fatima@")
    johan = ValidationCase.objects.get(person__email__startswith="johan@")
    services.request_statement(
        case=fatima,
        acting_user=fatima.person,
        email="chef@example.se",
        title="Chefens intyg",
        outcomes=[o.pk for o in fatima.version.learning_outcomes.all()],
    )
    token = re.search(r"/validering/intyg/([^/\s]+)/", mail.outbox[-1].body).group(1)
    return {
        None: [
            f"/validering/start/{fatima.version.microcredential.slug}/",
            f"/microcredentials/{fatima.version.microcredential.slug}/",
            f"/validering/intyg/{token}/",
            "/validering/intyg/okand-lank/",
        ],
        "fatima": ["/validering/", f"/validering/{fatima.pk}/", "/validering/samtycke/"],
        "johan": [f"/validering/{johan.pk}/"],
        "jonas.hkr": ["/organisations/hkr/validering/", f"/validering/{johan.pk}/"],
    }


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_validation_pages_are_accessible_and_fit_a_phone(live_server, pages, browser, viewport):  # type: ignore[no-untyped-def]  # noqa: F811
    problems: list[str] = []
    wide: list[tuple[str, int]] = []
    for persona, paths in pages.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        if persona:
            sign_in(page, live_server.url, persona)
        for prefix in ("", "/en"):
            for path in paths:
                response = page.goto(live_server.url + prefix + path)
                expected = 410 if "okand-lank" in path else 200
                assert response.status == expected, (persona, prefix + path, response.status)
                problems += serious_violations(page)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    wide.append((prefix + path, width))
        context.close()
    assert problems == []
    assert wide == []
