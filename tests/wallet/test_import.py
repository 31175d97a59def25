"""Importing Open Badges 2.0 and 3.0 credentials (and other W3C verifiable credentials) from other platforms:
verified on import, stored as external, shown with their status; tampered, unsupported, oversized files and
image bombs store nothing."""

from __future__ import annotations

import copy
import io
import json
import struct
import uuid
import zlib

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mimis.audit.models import AuditEntry
from mimis.vc import baking, credentials
from mimis.vc.dids import did_key_from_public_key
from mimis.vc.keys import b64url_encode, generate_key
from mimis.wallet import imports
from mimis.wallet.models import ExternalCredential
from tests.conftest import signed_in
from tests.vc.conftest import build_sample_credential

pytestmark = pytest.mark.django_db

ISSUER = "https://badges.example.org/issuer"
KEY_URL = "https://badges.example.org/keys/1"


# --- what other platforms give learners --------------------------------------------------------------


LEARNER_EMAIL = "fatima@example.se"  # the ``learner`` fixture's address


def issued_to(email: str = LEARNER_EMAIL, name: str = "Fatima Ahmed", **extra) -> dict:
    """A sample credential (unsigned) whose recipient is ``email``, hashed as MIMIS and others issue it."""
    return build_sample_credential(learner=credentials.Learner(email=email, name=name, **extra))


def ob3_credential(email: str = LEARNER_EMAIL, name: str = "Fatima Ahmed", **extra) -> dict:
    """An OB 3.0 credential from another platform, signed by a did:key issuer (verifiable offline)."""
    key = generate_key()
    did = did_key_from_public_key(key.public_key)
    document = issued_to(email, name, **extra)
    document["issuer"] = document["issuer"] | {"id": did, "name": "Svetsskolan Syd"}
    document.pop("credentialStatus", None)
    return credentials.sign_credential(document, key, f"{did}#{did.split(':')[-1]}")


def png(text_chunks: list[bytes] = ()) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    data = buffer.getvalue()
    end = data.rindex(b"IEND") - 4
    return data[:end] + b"".join(text_chunks) + data[end:]


def chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def ob2_assertion(verification: dict | None = None) -> dict:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"https://badges.example.org/assertions/{uuid.uuid4()}",
        "recipient": {"type": "email", "hashed": False, "identity": "fatima@example.se"},
        "issuedOn": "2024-03-01T10:00:00Z",
        "badge": {
            "type": "BadgeClass",
            "id": "https://badges.example.org/badges/first-aid",
            "name": "Första hjälpen",
            "description": "Kan ge första hjälpen.",
            "criteria": {"narrative": "Godkänd kurs."},
            "issuer": {"type": "Profile", "id": ISSUER, "name": "Röda Korset Skåne"},
        },
        "verification": verification or {"type": "SignedBadge", "creator": KEY_URL},
    }


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def sign_ob2(assertion: dict, key) -> str:
    header = b64url_encode(json.dumps({"alg": "RS256"}).encode())
    payload = b64url_encode(json.dumps(assertion).encode())
    signature = key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{b64url_encode(signature)}"


@pytest.fixture
def issuer_server(monkeypatch, rsa_key):
    """What the OB 2.0 issuer's web server would answer, when remote fetching is on (never the network)."""
    pem = rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    documents = {
        KEY_URL: {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "CryptographicKey",
            "id": KEY_URL,
            "owner": ISSUER,
            "publicKeyPem": pem.decode(),
        }
    }

    def fetch(url: str) -> bytes:
        if url not in documents:
            raise imports.VCError(f"{url} answered 404", code="fetch_failed")
        return json.dumps(documents[url]).encode()

    monkeypatch.setattr(imports, "ob2_fetcher", lambda: fetch)
    return documents


def upload(learner, content: bytes, name: str = "badge.json"):
    return signed_in(learner).post(
        "/my/credentials/import/", {"upload": SimpleUploadedFile(name, content)}, follow=True
    )


def assert_nothing_stored(response, message: str) -> None:
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page, page
    assert "Ingenting sparades." in page
    assert ExternalCredential.objects.count() == 0
    assert not AuditEntry.objects.filter(action="credential.imported").exists()


# --- Open Badges 3.0 ---------------------------------------------------------------------------------


class TestOpenBadges3:
    def test_a_valid_credential_is_verified_stored_as_external_and_listed(self, learner):
        document = ob3_credential()
        response = upload(learner, json.dumps(document).encode())
        page = response.content.decode()
        assert "Meriten är importerad: Grundläggande svetsning (MIG/MAG)." in page
        assert "Meriten är äkta och giltig" in page and "Svetsskolan Syd" in page
        external = ExternalCredential.objects.get()
        assert (external.standard, external.status, external.source) == ("ob3", "verified", "json")
        assert json.loads(external.content) == document
        listing = signed_in(learner).get("/my/credentials/").content.decode()
        assert "Importerade från andra plattformar" in listing and "Kontrollerad" in listing
        assert "Grundläggande svetsning (MIG/MAG)" in listing

    def test_a_baked_png_and_svg_are_read(self, learner):
        baked = baking.bake_png(png(), ob3_credential())
        upload(learner, baked, "badge.png")
        svg = (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
        )
        upload(learner, baking.bake_svg(svg, ob3_credential()), "badge.svg")
        assert sorted(ExternalCredential.objects.values_list("source", "status")) == [
            ("png", "verified"),
            ("svg", "verified"),
        ]

    def test_a_tampered_credential_is_refused(self, learner):
        document = ob3_credential()
        tampered = copy.deepcopy(document)
        tampered["credentialSubject"]["achievement"]["name"] = "Hjärtkirurgi"
        response = upload(learner, json.dumps(tampered).encode())
        assert_nothing_stored(response, "Meriten har ändrats efter att den signerades")

    def test_an_issuer_that_cannot_be_reached_is_stored_as_not_checked(self, learner):
        document = issued_to()  # a did:web issuer hosted elsewhere; remote resolution is off
        document.pop("credentialStatus", None)
        signed = credentials.sign_credential(document, generate_key(), document["issuer"]["id"] + "#key-1")
        response = upload(learner, json.dumps(signed).encode())
        assert ExternalCredential.objects.get().status == "unverifiable"
        assert "Meriten kunde inte kontrolleras helt" in response.content.decode()

    def test_importing_the_same_credential_twice_stores_it_once(self, learner):
        content = json.dumps(ob3_credential()).encode()
        upload(learner, content)
        response = upload(learner, content)
        assert "Meriten finns redan i din plånbok. Ingenting nytt sparades." in response.content.decode()
        assert ExternalCredential.objects.count() == 1


# --- Open Badges 2.0 ---------------------------------------------------------------------------------


class TestOpenBadges2:
    def test_a_signed_assertion_verifies_when_the_issuers_key_can_be_read(
        self, learner, rsa_key, issuer_server
    ):
        token = sign_ob2(ob2_assertion(), rsa_key)
        response = upload(learner, token.encode(), "assertion.jws")
        page = response.content.decode()
        assert "Meriten är importerad: Första hjälpen." in page
        external = ExternalCredential.objects.get()
        assert (external.standard, external.status, external.source) == ("ob2", "verified", "jwt")
        assert external.issuer_name == "Röda Korset Skåne" and external.issuer_id == ISSUER
        assert external.content == token

    def test_a_tampered_signed_assertion_is_refused(self, learner, rsa_key, issuer_server):
        header, _payload, signature = sign_ob2(ob2_assertion(), rsa_key).split(".")
        forged = ob2_assertion()
        forged["badge"]["name"] = "Hjärt-lungräddning, instruktör"
        token = f"{header}.{b64url_encode(json.dumps(forged).encode())}.{signature}"
        assert_nothing_stored(upload(learner, token.encode()), "Meriten har ändrats efter att den signerades")

    def test_a_key_owned_by_someone_else_is_refused(self, learner, rsa_key, issuer_server):
        issuer_server[KEY_URL]["owner"] = "https://evil.example/issuer"
        token = sign_ob2(ob2_assertion(), rsa_key)
        assert_nothing_stored(upload(learner, token.encode()), "Meriten har ändrats efter att den signerades")

    def test_without_the_network_a_signed_assertion_is_stored_honestly_as_not_checked(self, learner, rsa_key):
        token = sign_ob2(ob2_assertion(), rsa_key)
        response = upload(learner, token.encode())
        external = ExternalCredential.objects.get()
        assert external.status == "unverifiable"
        page = response.content.decode()
        assert "Meriten kunde inte kontrolleras helt" in page and "Inte kontrollerat" in page
        assert "Det kräver utfärdarens webbserver, och den kontaktar MIMIS inte här." in page
        assert "Meriten är äkta" not in page

    def test_a_hosted_assertion_without_the_network_is_stored_as_not_checked(self, learner):
        assertion = ob2_assertion({"type": "HostedBadge"})
        response = upload(learner, json.dumps(assertion).encode())
        assert ExternalCredential.objects.get().status == "unverifiable"
        assert "Inte kontrollerat" in response.content.decode()

    def test_a_hosted_assertion_is_verified_against_the_issuers_copy(self, learner, issuer_server):
        assertion = ob2_assertion({"type": "HostedBadge"})
        issuer_server[assertion["id"]] = assertion
        upload(learner, json.dumps(assertion).encode())
        assert ExternalCredential.objects.get().status == "verified"
        changed = copy.deepcopy(assertion) | {"id": assertion["id"] + "x"}
        issuer_server[changed["id"]] = assertion | {"id": changed["id"]}
        changed["badge"]["name"] = "Något annat"
        assert_nothing_stored_after = upload(learner, json.dumps(changed).encode())
        assert "Meriten har ändrats efter att den signerades" in assert_nothing_stored_after.content.decode()
        assert ExternalCredential.objects.count() == 1

    def test_a_hosted_assertion_the_issuer_revoked_shows_revoked(self, learner, issuer_server):
        assertion = ob2_assertion({"type": "HostedBadge"})
        issuer_server[assertion["id"]] = assertion | {"revoked": True}
        upload(learner, json.dumps(assertion).encode())
        assert ExternalCredential.objects.get().status == "revoked"

    def test_baked_ob2_png_and_svg(self, learner, rsa_key, issuer_server):
        token = sign_ob2(ob2_assertion(), rsa_key)
        itxt = chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00" + token.encode())
        upload(learner, png([itxt]), "badge.png")
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
            f'<openbadges:assertion verify="{sign_ob2(ob2_assertion(), rsa_key)}"></openbadges:assertion>'
            "<rect/></svg>"
        )
        upload(learner, svg.encode(), "badge.svg")
        assert sorted(ExternalCredential.objects.values_list("standard", "source", "status")) == [
            ("ob2", "png", "verified"),
            ("ob2", "svg", "verified"),
        ]

    def test_a_badge_holding_only_a_web_address_is_explained(self, learner):
        itxt = chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00https://badges.example.org/assertions/1")
        assert_nothing_stored(upload(learner, png([itxt]), "badge.png"), "bara webbadressen")


# --- bad input ---------------------------------------------------------------------------------------


class TestBadInput:
    def test_a_50_mb_upload_is_refused_before_it_is_read(self, learner):
        response = upload(learner, b"{" + b" " * (50 * 1024 * 1024) + b"}", "huge.json")
        assert_nothing_stored(response, "Filen är större än 10 MB.")

    def test_a_png_bomb_is_refused(self, learner):
        bomb = zlib.compress(b"{" + b" " * (20 * 1024 * 1024) + b"}", 9)
        itxt = chunk(b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00" + bomb)
        data = png([itxt])
        assert len(data) < 100_000
        assert_nothing_stored(
            upload(learner, data, "bomb.png"), "Bilden innehåller mer data än en merit kan ha."
        )

    def test_an_image_without_a_credential_is_refused(self, learner):
        assert_nothing_stored(upload(learner, png(), "photo.png"), "Bilden innehåller ingen merit.")

    def test_an_unsupported_file_is_refused(self, learner):
        assert_nothing_stored(upload(learner, b"%PDF-1.7 not a badge", "cv.pdf"), "Ingenting sparades.")
        response = upload(learner, json.dumps({"name": "Mitt CV"}).encode())
        assert_nothing_stored(
            response, "Det här är ingen merit som MIMIS kan kontrollera (Open Badges 2.0 eller 3.0"
        )

    def test_anonymous_visitors_are_sent_to_sign_in(self, db):
        from django.test import Client

        response = Client().get("/my/credentials/import/")
        assert response.status_code == 302 and "/account/login/" in response["Location"]


class TestImportedCredentialPage:
    def test_it_is_checked_again_on_opening_and_can_be_removed(self, learner, rsa_key, issuer_server):
        upload(learner, sign_ob2(ob2_assertion(), rsa_key).encode())
        external = ExternalCredential.objects.get()
        browser = signed_in(learner)
        issuer_server.clear()  # the issuer's server is gone now
        page = browser.get(f"/my/credentials/imported/{external.pk}/").content.decode()
        assert "Meriten kunde inte kontrolleras helt" in page
        external.refresh_from_db()
        assert external.status == "unverifiable"
        download = browser.get(f"/my/credentials/imported/{external.pk}/download/")
        assert download.content.decode() == external.content
        browser.post(f"/my/credentials/imported/{external.pk}/", {"remove": "1"})
        assert not ExternalCredential.objects.exists()

    def test_someone_elses_import_is_404(self, learner):
        upload(learner, json.dumps(ob3_credential()).encode())
        from tests.factories import UserFactory

        external = ExternalCredential.objects.get()
        assert signed_in(UserFactory()).get(f"/my/credentials/imported/{external.pk}/").status_code == 404


# --- other W3C verifiable credentials ----------------------------------------------------------------


class TestPlainVerifiableCredentials:
    """Issue 11: MIMIS reads any well-formed VC from other issuers and says plainly what kind it is."""

    def test_a_plain_vc_is_stored_as_a_verifiable_credential_named_by_its_type(self, learner, published):
        from pathlib import Path

        from mimis.issuing.services import issue_credential

        signed = (
            Path(__file__).parents[1] / "vc" / "data" / "jsigs-eddsa-rdfc-2022-vc20-plain.json"
        ).read_bytes()
        # Its subject is did:example:alumna, which a MIMIS issuer has bound to the learner.
        issue_credential(
            version=published,
            email=learner.email,
            name=learner.name,
            acting_user=None,
            subject_id="did:example:alumna",
        )
        upload(learner, signed)
        external = ExternalCredential.objects.get()
        assert (external.standard, external.status) == ("vc", "verified")
        assert external.title == "ExampleAlumniCredential"
        assert external.get_standard_display() == "W3C Verifiable Credential"

    def test_an_open_badge_is_still_stored_as_open_badges_3(self, learner):
        upload(learner, json.dumps(ob3_credential()).encode())
        assert ExternalCredential.objects.get().standard == "ob3"
