"""Importing credentials from other platforms through the REST API (/api/v1/me/credentials/import and
/imported): the same service, limits and refusals as the page; personal tokens only."""

from __future__ import annotations

import copy
import json
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mimis.accounts.services import create_api_token
from mimis.audit.models import AuditEntry
from mimis.vc import baking
from mimis.wallet.models import ExternalCredential
from tests.factories import UserFactory, member
from tests.wallet.test_import import chunk, ob3_credential, png

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/credentials/import"


def token(user, scopes=("read", "write"), organisation=None) -> str:  # type: ignore[no-untyped-def]
    return create_api_token(user=user, name="wallet", scopes=list(scopes), organisation=organisation)[1]


def send_file(secret: str, content: bytes, name: str = "badge.json"):  # type: ignore[no-untyped-def]
    return Client().post(
        URL, {"file": SimpleUploadedFile(name, content)}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )


def send_json(secret: str, body: object):  # type: ignore[no-untyped-def]
    return Client().post(
        URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )


def assert_refused(response, message: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "import_rejected"
    assert message in body["message"] and "Ingenting sparades." in body["message"]
    assert not ExternalCredential.objects.exists()
    assert not AuditEntry.objects.filter(action="credential.imported").exists()


class TestImport:
    def test_a_file_upload_is_verified_stored_and_answered_with_201(self, learner):
        response = send_file(token(learner), json.dumps(ob3_credential()).encode())
        assert response.status_code == 201, response.content
        body = response.json()
        external = ExternalCredential.objects.get()
        assert body["id"] == str(external.pk) and external.user == learner
        assert (body["standard"], body["format"], body["status"]) == ("ob3", "json", "verified")
        assert body["status_label"] == "Kontrollerad"
        assert (
            body["title"] == "Grundläggande svetsning (MIG/MAG)" and body["issuer_name"] == "Svetsskolan Syd"
        )
        assert body["checks"] and all(check["ok"] for check in body["checks"])

    def test_a_baked_png_and_svg_upload(self, learner):
        secret = token(learner)
        assert (
            send_file(secret, baking.bake_png(png(), ob3_credential()), "badge.png").json()["format"] == "png"
        )
        svg = (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
        )
        response = send_file(secret, baking.bake_svg(svg, ob3_credential()), "badge.svg")
        assert response.status_code == 201 and response.json()["format"] == "svg"

    def test_a_json_body_with_the_credential(self, learner):
        document = ob3_credential()
        response = send_json(token(learner), {"credential": document})
        assert response.status_code == 201
        assert json.loads(ExternalCredential.objects.get().content) == document
        again = send_json(token(learner), document)  # the bare credential is read too
        assert again.status_code == 409 and again.json()["code"] == "import_duplicate"
        assert ExternalCredential.objects.count() == 1

    def test_a_tampered_credential_is_refused(self, learner):
        tampered = copy.deepcopy(ob3_credential())
        tampered["credentialSubject"]["achievement"]["name"] = "Hjärtkirurgi"
        assert_refused(send_json(token(learner), {"credential": tampered}), "Meriten har ändrats")
        assert_refused(send_file(token(learner), json.dumps(tampered).encode()), "Meriten har ändrats")

    def test_a_50_mb_upload_is_refused(self, learner):
        huge = b"{" + b" " * (50 * 1024 * 1024) + b"}"
        assert_refused(send_file(token(learner), huge, "huge.json"), "Filen är större än 10 MB.")
        response = Client().post(
            URL, huge, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token(learner)}"
        )
        assert_refused(response, "Filen är större än 10 MB.")

    def test_a_png_bomb_is_refused(self, learner):
        bomb = zlib.compress(b"{" + b" " * (20 * 1024 * 1024) + b"}", 9)
        data = png([chunk(b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00" + bomb)])
        assert_refused(
            send_file(token(learner), data, "bomb.png"), "Bilden innehåller mer data än en merit kan ha."
        )

    def test_what_is_not_a_credential_is_refused(self, learner):
        assert_refused(
            send_json(token(learner), {"name": "Mitt CV"}),
            "ingen merit som MIMIS kan kontrollera (Open Badges 2.0 eller 3.0",
        )
        response = Client().post(
            URL,
            {"other": SimpleUploadedFile("cv.pdf", b"%PDF")},
            HTTP_AUTHORIZATION=f"Bearer {token(learner)}",
        )
        assert response.status_code == 422 and response.json()["field"] == "file"


class TestAccess:
    def test_a_read_token_cannot_import_and_organisation_tokens_are_refused(self, learner, provider):
        content = json.dumps(ob3_credential()).encode()
        response = send_file(token(learner, scopes=("read",)), content)
        assert response.status_code == 403 and response.json()["code"] == "insufficient_scope"
        admin = member(provider, "admin")
        response = send_file(token(admin, organisation=provider), content)
        assert response.status_code == 403 and response.json()["code"] == "personal_token_needed"
        response = Client().get(
            "/api/v1/me/credentials/imported",
            HTTP_AUTHORIZATION=f"Bearer {token(admin, organisation=provider)}",
        )
        assert response.status_code == 403 and response.json()["code"] == "personal_token_needed"
        assert Client().post(URL).status_code == 401
        assert not ExternalCredential.objects.exists()


class TestImportedList:
    def test_list_one_checked_again_and_remove(self, learner):
        secret = token(learner)
        created = send_file(secret, json.dumps(ob3_credential()).encode()).json()
        auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        listed = Client().get("/api/v1/me/credentials/imported", **auth).json()
        assert [item["id"] for item in listed] == [created["id"]]
        assert listed[0]["status"] == "verified"
        one = Client().get(f"/api/v1/me/credentials/imported/{created['id']}", **auth).json()
        assert one["credential"]["type"][0] == "VerifiableCredential" and one["status"] == "verified"
        # Someone else sees nothing of it, and cannot remove it.
        other = {"HTTP_AUTHORIZATION": f"Bearer {token(UserFactory())}"}
        assert Client().get("/api/v1/me/credentials/imported", **other).json() == []
        assert Client().delete(f"/api/v1/me/credentials/imported/{created['id']}", **other).status_code == 404
        read_only = {"HTTP_AUTHORIZATION": f"Bearer {token(learner, scopes=('read',))}"}
        assert (
            Client().delete(f"/api/v1/me/credentials/imported/{created['id']}", **read_only).status_code
            == 403
        )
        assert Client().delete(f"/api/v1/me/credentials/imported/{created['id']}", **auth).status_code == 204
        assert not ExternalCredential.objects.exists()
        assert Client().get(f"/api/v1/me/credentials/imported/{created['id']}", **auth).status_code == 404
