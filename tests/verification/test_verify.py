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
from tests.vc.conftest import build_sample_credential

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
    document = build_sample_credential()
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
        assert "Klistra in en merit eller välj en fil" in Client().post("/verify/", {}).content.decode()
        body = Client().post("/verify/", {"pasted": "hej"}).content.decode()
        assert 'aria-invalid="true"' in body
