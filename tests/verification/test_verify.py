"""Verification for everyone: `mimis verify` exit codes, POST /api/v1/verify, baked images, bad input."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from mimis.issuing import services as issuing
from mimis.vc import baking, credentials
from mimis.vc.keys import generate_key
from tests.factories import publish
from tests.vc.conftest import build_current_credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(draft, region_admin):
    version = publish(draft)
    return issuing.issue_credential(
        version=version, email="fatima@example.se", name="Fatima", acting_user=None
    )


def run_verify(tmp_path, content: bytes | str, *extra: str) -> tuple[int, str]:
    path = tmp_path / "credential"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    out = io.StringIO()
    try:
        call_command("verify", str(path), *extra, stdout=out, stderr=out)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def did_key_credential() -> dict:
    """Signed by an issuer MIMIS does not know (a did:key), verifiable offline."""
    from mimis.vc.dids import did_key_from_public_key

    key = generate_key()
    did = did_key_from_public_key(key.public_key)
    document = build_current_credential()
    document["issuer"] = document["issuer"] | {"id": did}
    document.pop("credentialStatus", None)
    return credentials.sign_credential(document, key, f"{did}#{did.split(':')[-1]}")


class TestCommand:
    def test_valid_credential_from_a_mimis_issuer_exits_0(self, tmp_path, issued, provider):
        code, output = run_verify(tmp_path, json.dumps(issued.signed))
        assert code == 0, output
        assert "VERIFIED" in output and provider.name in output

    def test_valid_credential_from_an_unknown_issuer_exits_3(self, tmp_path):
        code, output = run_verify(tmp_path, json.dumps(did_key_credential()))
        assert code == 3, output

    def test_tampered_revoked_and_unresolvable_credentials_exit_1(self, tmp_path, issued):
        tampered = copy.deepcopy(issued.signed)
        tampered["credentialSubject"]["achievement"]["name"] = "Hjärtkirurgi"
        assert run_verify(tmp_path, json.dumps(tampered))[0] == 1
        issuing.revoke_credential(credential=issued.credential, reason="Fel", acting_user=None)
        code, output = run_verify(tmp_path, json.dumps(issued.signed), "--json")
        assert code == 1
        assert any(e["name"] == "status" for e in json.loads(output)["errors"])

    def test_unreadable_input_exits_2(self, tmp_path, db):
        assert run_verify(tmp_path, "this is not json")[0] == 2
        assert run_verify(tmp_path, b"\x89PNG\r\n\x1a\n broken")[0] == 2
        out = io.StringIO()
        with pytest.raises(SystemExit) as excinfo:
            call_command("verify", str(tmp_path / "missing.json"), stdout=out, stderr=out)
        assert excinfo.value.code == 2

    def test_a_baked_png_is_verified(self, tmp_path, issued):
        png = baking.bake_png(_tiny_png(), issued.signed)
        assert run_verify(tmp_path, png)[0] == 0


class TestApi:
    def test_verify_endpoint_reports_checks(self, issued):
        response = Client().post("/api/v1/verify", issued.signed, content_type="application/json")
        body = response.json()
        assert response.status_code == 200
        assert body["verified"] is True and body["known_issuer"] is True
        assert {c["name"] for c in body["checks"]} >= {"proof", "status", "validity"}
        assert body["errors"] == []

    def test_a_jwt_can_be_posted_as_text(self, draft, region_admin):
        version = publish(draft)
        token = issuing.issue_credential(
            version=version, email="j@example.se", name="J", acting_user=None, credential_format="jwt"
        ).signed
        body = Client().post("/api/v1/verify", token, content_type="text/plain").json()
        assert body["verified"] is True

    def test_garbage_is_a_400_with_a_code(self, db):
        response = Client().post("/api/v1/verify", "nonsense", content_type="text/plain")
        assert response.status_code == 400
        assert response.json()["code"] == "unreadable_input"


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


class TestPage:
    def test_pasting_a_genuine_credential_says_so_in_plain_swedish(self, issued, provider):
        body = Client().post("/verify/", {"pasted": json.dumps(issued.signed)}).content.decode()
        assert "Meriten är äkta och giltig" in body
        assert provider.name in body

    def test_uploading_a_tampered_badge_image_says_what_failed(self, issued):
        from django.core.files.uploadedfile import SimpleUploadedFile

        tampered = copy.deepcopy(issued.signed)
        tampered["credentialSubject"]["achievement"]["name"] = "Något annat"
        png = baking.bake_png(_tiny_png(), tampered)
        body = (
            Client()
            .post("/en/verify/", {"upload": SimpleUploadedFile("badge.png", png, "image/png")})
            .content.decode()
        )
        assert "The credential could not be confirmed" in body
        assert "The signature is intact" in body

    def test_empty_and_unreadable_input_is_explained(self, db):
        assert (
            "Skriv meritens id, välj en fil eller klistra in en merit."
            in Client().post("/verify/", {}).content.decode()
        )
        body = Client().post("/verify/", {"pasted": "hej"}).content.decode()
        assert 'aria-invalid="true"' in body

    def test_a_text_file_is_not_a_credential_in_plain_words(self, db):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("notes.txt", b"Mina anteckningar", content_type="text/plain")
        body = Client().post("/verify/", {"upload": upload}).content.decode()
        assert "Det här är ingen merit som MIMIS kan läsa" in body
        assert "Expecting value" not in body


def certificate_without_attachment(credential, language="sv") -> bytes:
    """A certificate as MIMIS made them before the signed credential was embedded: text and QR code only."""
    from pypdf import PdfReader, PdfWriter

    from mimis.issuing import artefacts

    reader = PdfReader(io.BytesIO(artefacts.certificate_pdf(credential, language)))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    assert PdfReader(io.BytesIO(out.getvalue())).attachments == {}
    return out.getvalue()


def plain_pdf(text: str) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, text)
    canvas.save()
    return out.getvalue()


def upload(name: str, content: bytes, language_prefix: str = ""):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return Client().post(
        f"{language_prefix}/verify/", {"upload": SimpleUploadedFile(name, content, "application/pdf")}
    )


class TestPaperCertificates:
    def test_uploading_the_pdf_certificate_verifies_the_embedded_credential(self, issued):
        from mimis.issuing import artefacts

        pdf = artefacts.certificate_pdf(issued.credential, "sv")
        body = upload("intyg.pdf", pdf).content.decode()
        assert "Meriten är äkta och giltig" in body
        assert "<dt>Utfärdad till</dt><dd>Fatima</dd>" in body
        assert f"<dt>Mikromerit</dt><dd>{issued.credential.version.title}</dd>" in body
        assert "MIMIS har kontrollerat den signerade meriten som finns inuti PDF-filen" in body
        assert "ingen merit som MIMIS kan läsa" not in body

    def test_an_older_pdf_without_attachment_is_checked_by_the_id_printed_on_it(self, issued):
        body = upload(
            "intyg.pdf", certificate_without_attachment(issued.credential, "en"), "/en"
        ).content.decode()
        assert "The credential is genuine and valid" in body
        assert "MIMIS checked the credential with the id printed on it" in body

    def test_a_revoked_credential_on_paper_says_revoked_with_the_reason(self, issued):
        from mimis.issuing import artefacts

        pdf = artefacts.certificate_pdf(issued.credential, "sv")  # made while it was valid
        issuing.revoke_credential(credential=issued.credential, reason="Fel person", acting_user=None)
        body = upload("intyg.pdf", pdf).content.decode()
        assert "Utfärdaren har återkallat meriten" in body
        assert "<dt>Utfärdarens skäl</dt><dd>Fel person</dd>" in body
        assert "Credential status is set for purpose" not in body  # no English on the Swedish page

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"%PDF-1.4\n garbage that is no PDF", "PDF-filen gick inte att läsa. Filen kan vara skadad."),
            (
                plain_pdf("Ett intyg som inte kommer från MIMIS"),
                "PDF-filen innehåller ingen merit och inget merit-id",
            ),
            (
                plain_pdf("Meritens id: 00000000-0000-4000-8000-000000000000"),
                "Det finns ingen merit med det id:t i MIMIS.",
            ),
        ],
    )
    def test_bad_pdfs_get_a_clear_error(self, db, content, message):
        body = upload("x.pdf", content).content.decode()
        assert message in body and 'aria-invalid="true"' in body

    def test_an_encrypted_pdf_is_refused(self, db):
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(plain_pdf("hemligt"))).pages:
            writer.add_page(page)
        writer.encrypt("lösenord")
        out = io.BytesIO()
        writer.write(out)
        assert "PDF-filen är skyddad med lösenord" in upload("x.pdf", out.getvalue()).content.decode()


class TestTypedReferences:
    @pytest.mark.parametrize(
        "reference",
        [
            "{id}",
            "  {id_upper}  ",
            "urn:uuid:{id}",
            "http://testserver/verify/credentials/{id}/",
            "http://testserver/en/verify/credentials/{id}/",
        ],
    )
    def test_a_typed_id_or_verification_address_is_checked(self, issued, reference):
        pk = str(issued.credential.pk)
        typed = reference.format(id=pk, id_upper=pk.upper())
        body = Client().post("/verify/", {"reference": typed}).content.decode()
        assert "Meriten är äkta och giltig" in body
        assert "MIMIS har kontrollerat meriten med det här id:t" in body

    def test_unknown_ids_other_sites_and_nonsense_are_explained(self, db):
        cases = {
            "00000000-0000-4000-8000-000000000000": "Det finns ingen merit med det id:t i MIMIS.",
            "https://elsewhere.example/verify/credentials/00000000-0000-4000-8000-000000000000/": (
                "Adressen är inte en kontrollsida i den här MIMIS (elsewhere.example)."
            ),
            "hej": "Det här är inte ett merit-id eller en kontrolladress.",
        }
        for typed, message in cases.items():
            body = Client().post("/verify/", {"reference": typed}).content.decode()
            assert message in body, typed
            assert f'value="{typed}"' in body  # nothing typed is lost

    def test_an_endorsement_says_what_it_is(self, draft, region_admin):
        from mimis.quality import services as quality
        from tests.factories import OrganisationFactory, member

        version = publish(draft)
        employer = OrganisationFactory(name="Kristianstads kommun", slug="kommun", kind="employer")
        endorsement = quality.endorse_microcredential(
            microcredential=version.microcredential,
            organisation=employer,
            acting_user=member(employer, "editor"),
            comment="Precis vad vi behöver.",
        )
        body = Client().post("/verify/", {"pasted": json.dumps(endorsement.document)}).content.decode()
        assert "Rekommendationen är äkta" in body
        assert f"En rekommendation av mikromeriten ”{version.title}” från Kristianstads kommun." in body
        assert "Meriten är äkta och giltig" not in body


class TestApiAndCommandInputs:
    def test_the_api_takes_a_pdf_and_says_what_was_verified(self, issued):
        from mimis.issuing import artefacts

        pdf = artefacts.certificate_pdf(issued.credential, "sv")
        response = Client().post("/api/v1/verify", pdf, content_type="application/pdf")
        assert response.status_code == 200
        body = response.json()
        assert body["verified"] is True and body["source"] == "pdf_attachment"
        assert body["subject"]["holder_name"] == "Fatima"
        assert body["subject"]["credential_id"] == f"urn:uuid:{issued.credential.pk}"
        assert body["subject"]["kind"] == "microcredential" and body["subject"]["state"] == "valid"

    def test_the_api_takes_an_id_or_address_and_404s_unknown_ones(self, issued):
        url = f"http://testserver/verify/credentials/{issued.credential.pk}/"
        for sent in (url, json.dumps(url), str(issued.credential.pk)):
            response = Client().post("/api/v1/verify", sent, content_type="text/plain")
            assert response.status_code == 200 and response.json()["source"] == "reference", sent
        issuing.revoke_credential(credential=issued.credential, reason="Fel person", acting_user=None)
        body = Client().post("/api/v1/verify", url, content_type="text/plain").json()
        assert body["verified"] is False
        assert body["subject"]["state"] == "revoked" and body["subject"]["state_reason"] == "Fel person"
        unknown = Client().post(
            "/api/v1/verify", "00000000-0000-4000-8000-000000000000", content_type="text/plain"
        )
        assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_credential"

    def test_the_command_verifies_a_pdf_path_and_a_typed_id(self, tmp_path, issued):
        from mimis.issuing import artefacts

        code, output = run_verify(tmp_path, artefacts.certificate_pdf(issued.credential, "sv"))
        assert code == 0 and "VERIFIED" in output and "Awarded to: Fatima" in output
        code, output = run_verify(tmp_path, certificate_without_attachment(issued.credential))
        assert code == 0, output
        out = io.StringIO()
        call_command("verify", str(issued.credential.pk), stdout=out, stderr=out)
        assert "VERIFIED" in out.getvalue()
        with pytest.raises(SystemExit) as excinfo:
            call_command("verify", "00000000-0000-4000-8000-000000000000", stdout=out, stderr=out)
        assert excinfo.value.code == 2
        assert run_verify(tmp_path, plain_pdf("inget här"))[0] == 2


def test_only_ids_and_addresses_count_as_references():
    from mimis.verification.services import reference_id

    pk = "3f2c9a7e-1b4d-4c8e-9f0a-2d6b8e4c1a57"
    assert reference_id(pk) == pk
    assert reference_id(f"/en/verify/credentials/{pk}/") == pk
    # A compact JSON credential that mentions such an address is a credential, not a reference.
    assert reference_id(f'{{"evidence":"http://testserver/verify/credentials/{pk}/"}}') is None
    assert reference_id(f"see {pk}") is None
