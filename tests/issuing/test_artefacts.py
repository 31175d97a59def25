"""Badge images, baked badges and the PDF certificate of an issued credential."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
import subprocess

import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from mimis.catalog import services as catalog_services
from mimis.issuing import artefacts
from mimis.issuing import services as issuing
from mimis.quality.selectors import qa_record
from mimis.vc import baking
from mimis.verification.services import verify
from tests.conftest import verified_client
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(draft, region_admin, provider_editor, skills):
    draft.title_en = "Dementia care – basics"
    draft.save()
    catalog_services.set_learning_outcomes(
        version=draft,
        acting_user=provider_editor,
        outcomes=[
            {
                "text": "Beskriva hur demens påverkar omsorgen.",
                "text_en": "Describe how dementia affects care.",
                "skills": [skills[0].pk],
            },
            {"text": "Bemöta personer med demens personcentrerat.", "skills": [skills[1].pk]},
        ],
    )
    return publish(draft)


def issue(version, credential_format="ldp"):
    return issuing.issue_credential(
        version=version,
        email="fatima@example.se",
        name="Fatima Åström",
        acting_user=None,
        credential_format=credential_format,
    ).credential


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def decode_qr_codes(pdf: bytes, tmp_path) -> list[str]:
    """Render the first page as a person's screen or printer would (poppler) and read its QR codes."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: run scripts/test, which installs Debian's poppler-utils.")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    return [code.text for code in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))]


class TestBadgeImages:
    def test_svg_badge_is_accessible_text_with_title_and_description(self, version):
        svg = artefacts.badge_svg(version)
        assert 'role="img"' in svg and 'aria-labelledby="badge-title badge-desc"' in svg
        assert re.search(r'<title id="badge-title">MIKROMERIT: Demensvård – grunder</title>', svg, re.I)
        # The badge is too small to say "proposed": only a level MYH decided is printed on it.
        assert "Högskolan Kristianstad · 1,5 ECTS" in svg and "SeQF" not in svg
        assert "<script" not in svg and "href" not in svg

    def test_svg_badge_escapes_the_authors_text(self, version):
        version.title = 'Säkerhet <script>alert("x")</script> & sånt'
        svg = artefacts.badge_svg(version)
        assert "<script" not in svg and "&lt;script&gt;" in svg and "&amp; sånt" in svg

    def test_badge_follows_the_active_language(self, version):
        with translation.override("en"):
            svg = artefacts.badge_svg(version)
        assert "Dementia care" in svg and "MICRO-CREDENTIAL" in svg and "1.5 ECTS" in svg

    def test_png_badge_is_a_600_pixel_image_with_a_title(self, version):
        image = Image.open(io.BytesIO(artefacts.badge_png(version)))
        assert image.format == "PNG" and image.size == (600, 600)
        assert image.text["Title"] == "Mikromerit: Demensvård – grunder"

    def test_a_long_title_is_wrapped_and_cut_to_fit(self, version):
        version.title = "Mycket lång titel " * 20
        svg = artefacts.badge_svg(version)
        assert 1 < svg.count('font-size="28"') <= 4 and "…" in svg
        artefacts.badge_png(version)


@pytest.mark.parametrize("credential_format", ["ldp", "jwt"])
class TestBakedBadges:
    def test_baked_png_holds_exactly_the_stored_credential_and_verifies(self, version, credential_format):
        credential = issue(version, credential_format)
        extracted = baking.extract_png(artefacts.baked_png(credential))
        assert extracted == artefacts.signed_credential(credential)
        assert extracted == (credential.token if credential_format == "jwt" else credential.document)
        assert verify(artefacts.baked_png(credential)).verified

    def test_baked_svg_holds_exactly_the_stored_credential_and_verifies(self, version, credential_format):
        credential = issue(version, credential_format)
        baked = artefacts.baked_svg(credential)
        assert baking.extract_svg(baked) == artefacts.signed_credential(credential)
        assert verify(baked).verified
        assert b"<title" in baked


class TestCertificate:
    def test_swedish_certificate(self, version, tmp_path):
        credential = issue(version)
        pdf = artefacts.certificate_pdf(credential, "sv")
        assert pdf.startswith(b"%PDF-")
        text = pdf_text(pdf)
        for expected in [
            "Intyg om mikromerit".upper(),
            "Fatima Åström",
            "Demensvård – grunder",
            "Högskolan Kristianstad",
            "Beskriva hur demens påverkar omsorgen.",
            "Skriftligt prov",
            "Föreslagen nivå: SeQF 4 (inte beslutad av MYH).",
            "1,5 högskolepoäng",
            "Kvalitetssäkrad av",
            qa_record(version).qa_body.name,
            "Kriterieversion 1",
            "Nästa granskning",
            "Ingen tidsgräns",
            str(credential.pk),
        ]:
            assert expected in text, expected
        assert "Learning outcomes" not in text
        url = f"http://testserver/verify/credentials/{credential.pk}/"
        assert url in text.replace("\n", "")
        assert decode_qr_codes(pdf, tmp_path) == [url]

    def test_english_certificate(self, version, tmp_path):
        credential = issue(version, "jwt")
        pdf = artefacts.certificate_pdf(credential, "en")
        text = pdf_text(pdf)
        for expected in [
            "MICRO-CREDENTIAL CERTIFICATE",
            "Dementia care – basics",
            "Describe how dementia affects care.",
            "Bemöta personer med demens personcentrerat.",  # no English text given: the Swedish one
            "Written test",
            "Quality assured by",
            "Criteria version 1",
            "Learning outcomes",
        ]:
            assert expected in text, expected
        assert "Lärandemål" not in text
        assert "Published in the MIMIS catalogue" not in text
        url = f"http://testserver/en/verify/credentials/{credential.pk}/"
        assert decode_qr_codes(pdf, tmp_path) == [url]

    def test_metadata_names_the_document_and_its_language(self, version):
        credential = issue(version)
        reader = PdfReader(io.BytesIO(artefacts.certificate_pdf(credential, "sv")))
        assert reader.metadata.title == "Intyg: Demensvård – grunder – Fatima Åström"
        assert reader.metadata.author == "Högskolan Kristianstad"
        assert reader.trailer["/Root"]["/Lang"] == "sv"
        reader = PdfReader(io.BytesIO(artefacts.certificate_pdf(credential, "en")))
        assert reader.trailer["/Root"]["/Lang"] == "en"

    def test_the_font_is_embedded(self, version):
        pdf = artefacts.certificate_pdf(issue(version), "sv")
        fonts = {
            str(font["/BaseFont"])
            for page in PdfReader(io.BytesIO(pdf)).pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts and all("MimisSans" in name or "DejaVu" in name for name in fonts)
        assert b"/FontFile2" in pdf

    def test_an_unknown_language_falls_back_to_swedish(self, version):
        assert "Intyg om mikromerit".upper() in pdf_text(artefacts.certificate_pdf(issue(version), "fr"))

    def test_a_revoked_credential_says_so(self, version):
        credential = issue(version)
        issuing.revoke_credential(credential=credential, reason="Fel", acting_user=None)
        credential.refresh_from_db()
        assert "Återkallad" in pdf_text(artefacts.certificate_pdf(credential, "sv"))

    @pytest.mark.parametrize("credential_format", ["ldp", "jwt"])
    def test_the_signed_credential_is_embedded_exactly_and_the_pdf_verifies(self, version, credential_format):
        credential = issue(version, credential_format)
        pdf = artefacts.certificate_pdf(credential, "sv")
        attachments = PdfReader(io.BytesIO(pdf)).attachments
        if credential_format == "jwt":
            assert attachments == {"credential.jwt": [credential.token.encode()]}
        else:
            assert list(attachments) == ["credential.json"]
            assert json.loads(attachments["credential.json"][0]) == credential.document
        report = verify(pdf)
        assert report.verified and report.source == "pdf_attachment"
        assert report.subject.holder_name == "Fatima Åström"

    def test_the_quality_assurance_is_the_qa_bodys_decision(self, version):
        record = qa_record(version)
        with translation.override("sv"):
            facts = dict(artefacts.credential_facts(issue(version)))
        assert facts["Kvalitetssäkrad av"] == record.qa_body.name
        assert facts["Godkänd den"] == artefacts._date(record.decided_at)
        assert facts["Kvalitetskriterier"] == "Kriterieversion 1"
        assert facts["Nästa granskning"].startswith("senast ")

    def test_a_lapsed_approval_says_so(self, version):
        credential = issue(version)
        version.review_by = datetime.date(2020, 1, 31)
        version.save(update_fields=["review_by"])
        credential.refresh_from_db()
        credential.version.refresh_from_db()
        text = pdf_text(artefacts.certificate_pdf(credential, "sv")).replace("\n", " ")
        assert "Godkännandet gällde till 31 januari 2020" in text
        with translation.override("en"):
            facts = dict(artefacts.credential_facts(credential))
        assert facts["Next review"].startswith("The approval passed its review-by date on")

    def test_many_learning_outcomes_flow_onto_a_second_page(self, version, provider_editor, skills):
        many = [
            {"text": f"Läranderesultat nummer {n} om omsorg och bemötande.", "skills": []} for n in range(40)
        ]
        version.learning_outcomes.all().delete()
        for n, outcome in enumerate(many):
            version.learning_outcomes.create(position=n, text=outcome["text"])
        pdf = artefacts.certificate_pdf(issue(version), "sv")
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
        assert "nummer 39" in pdf_text(pdf)


class TestIssuerDownloads:
    def test_issuer_downloads_badges_and_certificates_from_the_list(self, version, provider):
        credential = issue(version, "jwt")
        browser = verified_client(member(provider, "issuer"))
        page = browser.get(reverse("issuer_credentials", args=[provider.slug])).content.decode()
        base = f"/organisations/{provider.slug}/credentials/{credential.pk}/"
        for link in ["badge.png", "badge.svg", "certificate.pdf?lang=sv", "certificate.pdf?lang=en"]:
            assert f'href="{base}{link}"' in page, link
        assert baking.extract_png(browser.get(base + "badge.png").content) == credential.token
        assert baking.extract_svg(browser.get(base + "badge.svg").content) == credential.token
        response = browser.get(base + "certificate.pdf?lang=en")
        assert response["Content-Disposition"] == 'attachment; filename="demensvard-grunder-en.pdf"'
        assert "Fatima Åström" in pdf_text(response.content)

    def test_another_organisations_credential_is_404(self, version, provider, other_provider):
        credential = issue(version)
        outsider = verified_client(member(other_provider, "issuer"))
        for name in ["badge.png", "badge.svg", "certificate.pdf"]:
            # Through their own organisation's address, and through the issuer's.
            assert (
                outsider.get(
                    f"/organisations/{other_provider.slug}/credentials/{credential.pk}/{name}"
                ).status_code
                == 404
            )
            assert (
                outsider.get(f"/organisations/{provider.slug}/credentials/{credential.pk}/{name}").status_code
                == 404
            )

    def test_members_who_may_not_issue_are_refused(self, version, provider_editor):
        credential = issue(version)
        url = f"/organisations/hkr/credentials/{credential.pk}/certificate.pdf"
        assert verified_client(provider_editor).get(url).status_code == 403
        response = Client().get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
