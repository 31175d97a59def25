"""Automated accessibility check: axe-core in headless Chromium finds no serious or critical violation.

Runs the real pages from a live server, signed in as the demo personas, in Swedish and English, at
desktop and phone widths. Needs Debian's chromium (installed by scripts/test).
"""

from __future__ import annotations

import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from mimis.demo.data import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from mimis.issuing.models import Credential
from tests.demo_snapshot import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PUBLIC = [
    "/",
    "/account/login/",
    "/account/register/",
    "/account/password-reset/",
    "/organisations/",
    "/microcredentials/",
    "/microcredentials/?q=omsorg&seqf_level=3",
    "/microcredentials/demensvard-grund/",
    "/pathways/",
    "/organisations/hkr/",
    "/verify/",
    "/quality/criteria/",
    "/accessibility/",
    "/privacy/",
    "/contact/",
]
# Pages outside the language prefixes (the API's documentation follows the browser's language).
UNPREFIXED = ["/api/v1/docs"]
PERSONA_PAGES = {
    "sara.medborgarskolan": [
        "/organisations/medborgarskolan-syd/credentials/",
        "/organisations/medborgarskolan-syd/participants/new/",
    ],
    "fatima": [
        "/start/",
        "/my/credentials/",
        "/account/",
        "/account/two-factor/",
        "/account/tokens/",
        "/account/password/",
        "/my/sharing/",
        "/my/credentials/import/",
        "/my/email-addresses/",
        "/my/privacy/",
        "/my/privacy/delete/",
        "/skills/",
    ],
    "karin.hkr": [
        "/start/",
        "/organisations/hkr/",
        "/organisations/hkr/members/",
        "/organisations/hkr/edit/",
        "/organisations/hkr/tokens/",
        "/organisations/hkr/keys/",
        "/organisations/hkr/keys/rotate/Ed25519/",
        "/organisations/hkr/keys/ed25519-1/compromise/",
        "/microcredentials/forflyttning-och-ergonomi/edit/preview/",
        "/microcredentials/forflyttning-och-ergonomi/edit/basics/",
        "/microcredentials/demensvard-grund/occasions/",
        "/organisations/hkr/pathways/new/",
        "/pathways/digitalt-smaforetagande/edit/",
    ],
    "eva.region": [
        "/start/",
        "/platform/organisations/",
        "/platform/audit/",
        "/organisations/new/",
        "/quality/",
        "/quality/criteria/new/",
    ],
    "jonas.hkr": ["/organisations/hkr/credentials/", "/organisations/hkr/credentials/batches/new/"],
    "maria.kvalitet": ["/start/", "/quality/"],
    "per.kvalitet": ["/quality/"],
    "lena.omsorg": ["/microcredentials/basal-hygien-i-vard-och-omsorg/"],
    "omar.bageri": ["/organisations/osterlens-bageri/microcredentials/"],
    "ali.natverket": [
        "/organisations/natverket-ideburen-sektor-skane/microcredentials/",
        "/organisations/natverket-ideburen-sektor-skane/microcredentials/new/",
        "/microcredentials/anhorigstod-i-foreningslivet/edit/basics/",
        "/microcredentials/anhorigstod-i-foreningslivet/edit/outcomes/",
        "/microcredentials/anhorigstod-i-foreningslivet/edit/assessment/",
        "/microcredentials/anhorigstod-i-foreningslivet/edit/stacking/",
        "/microcredentials/anhorigstod-i-foreningslivet/edit/preview/",
    ],
}


# The verification page of a credential id MIMIS does not know: a 404 with its own explanation.
UNKNOWN_CREDENTIAL = "/verify/credentials/00000000-0000-4000-8000-000000000000/"


@pytest.fixture
def demo(settings):
    # Before the browser starts: Playwright runs an event loop in this thread, and the ORM refuses that.
    settings.DEMO_MODE = True
    load_demo()
    # Public pages that need a demo credential's random id: the page a certificate's QR code opens.
    credential = Credential.objects.order_by("issued_at").first()
    # …and the page for an id MIMIS does not know (a 404 with its own explanation).
    return [
        f"/verify/credentials/{credential.pk}/",
        UNKNOWN_CREDENTIAL,
    ]


@pytest.fixture
def wallet_pages(demo):
    """Fatima's pages that need her demo credential's id, and the public page she shares it on."""
    from mimis.accounts.models import User
    from mimis.wallet import selectors as wallet_selectors
    from mimis.wallet import services as wallet_services

    fatima = User.objects.get(email=f"fatima@{DEMO_EMAIL_DOMAIN}")
    held = wallet_selectors.credentials_for_learner(learner=fatima).first()
    link = wallet_services.create_share_link(user=fatima, credential_ids=[str(held.pk)])
    # A portfolio with a credential imported from another platform, shown with its own status.
    import json

    from mimis.wallet import imports
    from tests.wallet.test_import import ob3_credential

    external = imports.import_credential(
        user=fatima, data=json.dumps(ob3_credential(fatima.email, fatima.name)).encode()
    )
    portfolio = wallet_services.create_share_link(
        user=fatima, credential_ids=[str(held.pk)], imported_ids=[str(external.pk)], title="Portfolio"
    )
    return {
        "fatima": [f"/my/credentials/{held.pk}/", f"/my/credentials/imported/{external.pk}/"],
        "public": [f"/shared/{link.token}/", f"/shared/{portfolio.token}/"],
    }


@pytest.fixture
def quality_pages(demo):
    """The review Maria has in progress, and the public page of the demo's signed endorsement."""
    from mimis.catalog.models import CoDesigner
    from mimis.quality.models import Endorsement, Review

    review = Review.objects.get(status="in_progress", reviewer__email=f"maria.kvalitet@{DEMO_EMAIL_DOMAIN}")
    # Resubmitted after changes: the page shows what changed since the decision.
    resubmitted = Review.objects.get(
        status="assigned", version__microcredential__slug="svenska-for-vard-och-omsorg"
    )
    invitation = CoDesigner.objects.get(status="invited")
    endorsement = Endorsement.objects.select_related("microcredential").get()
    return {
        "maria.kvalitet": [f"/quality/reviews/{review.pk}/", f"/quality/reviews/{resubmitted.pk}/"],
        "omar.bageri": ["/codesign/", f"/codesign/{invitation.pk}/"],
        "public": [f"/microcredentials/{endorsement.microcredential.slug}/endorsements/{endorsement.pk}/"],
    }


@pytest.fixture
def batch_pages(demo):
    """Jonas's batch pages: a list being checked, and a batch that has run."""
    from mimis.accounts.models import User
    from mimis.catalog.models import MicroCredentialVersion
    from mimis.issuing import batches
    from mimis.issuing.tabular import example_workbook

    jonas = User.objects.get(email=f"jonas.hkr@{DEMO_EMAIL_DOMAIN}")
    version = MicroCredentialVersion.objects.filter(
        microcredential__provider__slug="hkr", status="published"
    ).first()
    made = [
        batches.create_batch(
            organisation=version.microcredential.provider,
            version=version,
            credential_format="ldp",
            filename="deltagare.xlsx",
            content=example_workbook(language="sv"),
            acting_user=jonas,
        )
        for _ in range(2)
    ]
    batches.start_batch(batch=made[1], mapping=made[1].mapping, acting_user=jonas)
    held = Credential.objects.filter(organisation__slug="hkr", state="valid").order_by("issued_at").first()
    return {
        "jonas.hkr": [f"/organisations/hkr/credentials/batches/{batch.pk}/" for batch in made]
        # The second look before revoking, and the issued list narrowed by a search.
        + [f"/organisations/hkr/credentials/{held.pk}/revoke/", "/organisations/hkr/credentials/?q=fatima"]
    }


@pytest.fixture
def browser():
    if not shutil.which("chromium") and not shutil.which(CHROMIUM):
        pytest.fail("Chromium is missing: run scripts/test, which installs Debian's chromium package.")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def sign_in(page, base: str, local_part: str) -> None:
    page.goto(f"{base}/account/login/")
    page.fill("#id_username", f"{local_part}@{DEMO_EMAIL_DOMAIN}")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    # The start page opens in the persona's own language (/start/ or /en/start/).
    page.wait_for_url(re.compile(re.escape(base) + r"(/en)?/start/$"))


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_main_pages_have_no_serious_accessibility_violations(
    live_server, demo, wallet_pages, quality_pages, batch_pages, browser, viewport
):
    problems: list[str] = []
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for prefix in ("", "/en"):
        for path in PUBLIC + demo + wallet_pages["public"] + quality_pages["public"]:
            response = page.goto(live_server.url + prefix + path)
            # An error page can be accessible too; checking it must not pass for the page meant.
            expected = 404 if path == UNKNOWN_CREDENTIAL else 200
            assert response.status == expected, (prefix + path, response.status)
            problems += serious_violations(page)
    for path in UNPREFIXED:
        response = page.goto(live_server.url + path)
        assert response.status == 200, (path, response.status)
        page.wait_for_selector(".swagger-ui .info")  # Swagger UI draws the page with JavaScript
        problems += serious_violations(page)
    context.close()
    for persona, paths in PERSONA_PAGES.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, live_server.url, persona)
        for prefix in ("", "/en"):
            extra = (
                wallet_pages.get(persona, []) + quality_pages.get(persona, []) + batch_pages.get(persona, [])
            )
            for path in paths + extra:
                response = page.goto(live_server.url + prefix + path)
                assert response.status == 200, (persona, prefix + path, response.status)
                problems += serious_violations(page)
        context.close()
    assert problems == []


# Main pages checked at phone width for a page that scrolls sideways (a table or a long word too wide).
PHONE_PAGES = {
    None: [
        "/",
        "/microcredentials/",
        "/organisations/",
        "/verify/",
        "/accessibility/",
        "/privacy/",
        "/contact/",
    ],
    "eva.region": ["/start/", "/platform/audit/", "/platform/organisations/", "/quality/"],
    "karin.hkr": [
        "/start/",
        "/organisations/hkr/",
        "/organisations/hkr/members/",
        "/organisations/hkr/tokens/",
    ],
    "jonas.hkr": ["/organisations/hkr/credentials/"],
    "fatima": ["/start/", "/my/credentials/", "/my/sharing/", "/my/privacy/", "/account/"],
}


def test_main_pages_do_not_scroll_sideways_on_a_phone(live_server, demo, browser):
    wide: list[tuple[str | None, str, int]] = []
    for persona, paths in PHONE_PAGES.items():
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        if persona:
            sign_in(page, live_server.url, persona)
        for prefix in ("", "/en"):
            for path in paths:
                response = page.goto(live_server.url + prefix + path)
                assert response.status == 200, (persona, prefix + path, response.status)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 390:
                    wide.append((persona, prefix + path, width))
        context.close()
    assert wide == []


def test_phone_menu_opens_and_closes_by_keyboard(live_server, demo, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, live_server.url, "sara.medborgarskolan")
    assert not page.is_visible(".main-nav")  # closed on a phone
    page.focus(".site-menu > summary")
    page.keyboard.press("Enter")
    assert page.is_visible(".main-nav")
    page.focus(".nav-group summary")
    page.keyboard.press("Enter")
    assert page.is_visible("text=Utfärda meriter")
    page.keyboard.press("Escape")
    assert not page.is_visible("text=Utfärda meriter")
    assert serious_violations(page) == []


def test_desktop_menu_of_a_person_with_several_roles_is_one_row(live_server, demo, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "eva.region")
    tops = page.evaluate(
        "[...document.querySelectorAll('.main-nav > ul:first-child > li')].map(li => li.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1, tops


def test_form_errors_are_announced_and_the_page_works_by_keyboard(live_server, browser):
    page = browser.new_page()
    page.goto(live_server.url + "/account/register/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    page.fill("#id_email", "inte-en-adress")
    page.focus("#id_password")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.get_attribute("#id_email", "aria-invalid") == "true"
    assert page.locator("[role=alert]").count() == 1
    assert serious_violations(page) == []


def test_provider_drafts_a_microcredential_by_keyboard_in_swedish(live_server, demo, browser):
    """A new author, keyboard only: basics, a learning outcome with a skill from the picker, then preview."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "ali.natverket")
    page.goto(live_server.url + "/organisations/natverket-ideburen-sektor-skane/microcredentials/new/")

    def tab_to(selector: str) -> None:
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
                return
        raise AssertionError(f"could not reach {selector} with Tab")

    tab_to("#id_title")
    page.keyboard.type("Föreningskunskap för nya ledare")
    tab_to("#id_summary")
    page.keyboard.type("Grunderna i att leda en förening.")
    tab_to("#id_languages_0")
    page.keyboard.press("Space")
    tab_to("main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/outcomes/")
    assert "Utkastet är sparat" in page.inner_text(".messages")

    tab_to("#text-0")
    page.keyboard.type("Leda ett möte så att alla kommer till tals.")
    tab_to("#q-0")
    page.keyboard.type("anhörig")
    page.wait_for_selector("#picker-0 input[type=checkbox]")
    tab_to("#picker-0 input[type=checkbox]")
    page.keyboard.press("Space")
    ticked = page.evaluate("document.querySelector('#picker-0 input:checked').value")
    # Searching again must not drop the skill just ticked.
    with page.expect_response(lambda response: "skill-picker" in response.url):
        page.fill("#q-0", "förening")
    page.wait_for_selector(f"#picker-0 input[value='{ticked}']:checked")
    # Past each outcome's "Föreslå färdigheter från texten" button to "Spara och fortsätt".
    tab_to("main form .actions button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/assessment/")

    page.goto(page.url.replace("/assessment/", "/preview/"))
    body = page.inner_text("main")
    assert "Leda ett möte så att alla kommer till tals." in body
    assert "Checklista före publicering" in body
    assert serious_violations(page) == []


def test_verification_result_page_is_accessible(live_server, demo, browser):
    page = browser.new_page()
    page.goto(live_server.url + "/verify/")
    page.fill("#id_pasted", '{"not": "a credential"}')
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert serious_violations(page) == []
