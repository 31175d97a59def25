"""The learner downloads the baked badge and the PDF certificate of their own credentials, nobody else's."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from mimis.vc import baking
from tests.conftest import verified_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


class TestLearnerDownloads:
    def test_wallet_links_to_every_download(self, credential, learner):
        page = verified_client(learner).get(f"/my/credentials/{credential.pk}/").content.decode()
        base = f"/my/credentials/{credential.pk}/"
        for link in ["badge.png", "badge.svg", "certificate.pdf?lang=sv", "certificate.pdf?lang=en"]:
            assert f'href="{base}{link}"' in page, link
        assert f'href="/verify/credentials/{credential.pk}/"' in page
        assert "Intyg på svenska (PDF)" in page and "Öppen sida för kontroll" in page
        # Plain words first, the technical name after.
        assert (
            'Digital merit (fil för andra plånböcker)</a> <span class="meta">(tekniskt: Open Badges 3.0'
            in page
        )
        # The quality assurance is the QA body's decision, not "published in the catalogue".
        assert "Kvalitetssäkrad av" in page and "Kriterieversion 1" in page and "Nästa granskning" in page
        assert "Publicerad i MIMIS katalog" not in page

    def test_learner_downloads_the_baked_png(self, credential, learner):
        response = verified_client(learner).get(f"/my/credentials/{credential.pk}/badge.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response["Content-Disposition"] == 'attachment; filename="demensvard-grunder.png"'
        assert baking.extract_png(response.content) == credential.document

    def test_learner_downloads_the_baked_svg(self, credential, learner):
        response = verified_client(learner).get(f"/my/credentials/{credential.pk}/badge.svg")
        assert response["Content-Type"].startswith("image/svg+xml")
        assert response["Content-Security-Policy"].startswith("default-src 'none'")
        assert baking.extract_svg(response.content) == credential.document

    def test_certificate_language_follows_the_lang_parameter_then_the_page(self, credential, learner):
        browser = verified_client(learner)
        base = f"/my/credentials/{credential.pk}/certificate.pdf"
        swedish = browser.get(base + "?lang=sv")
        assert swedish["Content-Type"] == "application/pdf" and swedish.content.startswith(b"%PDF")
        assert "INTYG OM MIKROMERIT" in pdf_text(swedish)
        assert "MICRO-CREDENTIAL CERTIFICATE" in pdf_text(browser.get(base + "?lang=en"))
        assert "MICRO-CREDENTIAL CERTIFICATE" in pdf_text(browser.get("/en" + base))
        assert "INTYG OM MIKROMERIT" in pdf_text(browser.get(base + "?lang=xx"))

    def test_another_learner_gets_404(self, credential):
        browser = verified_client(UserFactory())
        for name in ["badge.png", "badge.svg", "certificate.pdf"]:
            assert browser.get(f"/my/credentials/{credential.pk}/{name}").status_code == 404

    def test_anonymous_visitors_are_sent_to_sign_in(self, credential):
        for name in ["badge.png", "badge.svg", "certificate.pdf"]:
            response = Client().get(f"/my/credentials/{credential.pk}/{name}")
            assert response.status_code == 302 and "/account/login/" in response["Location"]


class TestForOtherWallets:
    def test_the_wallet_certificates_qr_code_opens_the_public_verification_page(
        self, credential, learner, tmp_path
    ):
        from tests.issuing.test_artefacts import decode_qr_codes

        pdf = verified_client(learner).get(f"/my/credentials/{credential.pk}/certificate.pdf?lang=en").content
        [url] = decode_qr_codes(pdf, tmp_path)
        assert url == f"http://testserver/en/verify/credentials/{credential.pk}/"
        page = Client().get(url.removeprefix("http://testserver")).content.decode()
        assert "The credential is genuine and valid" in page

    def test_the_europass_export_is_an_elm_credential_without_the_email(self, credential, learner):
        response = verified_client(learner).get(f"/my/credentials/{credential.pk}/europass.jsonld")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/ld+json; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="demensvard-grunder.europass.jsonld"'
        document = response.json()
        assert document["@context"] == [
            "https://www.w3.org/2018/credentials/v1",
            "http://data.europa.eu/snb/model/context/edc-ap",
        ]
        assert document["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
        subject = document["credentialSubject"]
        assert subject["type"] == "Person" and subject["fullName"] == {"sv": "Fatima Ahmed"}
        [claim] = subject["hasClaim"]
        assert claim["type"] == "LearningAchievement"
        assert claim["awardedBy"]["awardingBody"][0]["legalName"] == {"sv": "Högskolan Kristianstad"}
        specification = claim["specifiedBy"]
        assert specification["type"] == "LearningAchievementSpecification"
        assert specification["title"] == {"sv": "Demensvård – grunder"}
        assert specification["creditPoint"]["point"] == "1.5"
        assert claim["supplementaryDocument"][0]["contentURL"] == (
            f"http://testserver/verify/credentials/{credential.pk}/"
        )
        assert learner.email not in response.content.decode()

    def test_someone_elses_europass_export_is_404(self, credential):
        assert (
            verified_client(UserFactory()).get(f"/my/credentials/{credential.pk}/europass.jsonld").status_code
            == 404
        )
