"""Issue 16, "a stolen credential is shown as verified on someone else's page": an import binds the
credential to the importer. Its recipient (an e-mail identity, hashed or not, an OB 2.0 recipient, a
mailto: subject, or a DID MIMIS knows is theirs) must be one of the importer's verified addresses; anything
else is refused with a clear message, and a credential imported before this check is shown on share pages
as not issued to the person sharing it, naming the holder the credential names."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from mimis.accounts.services import create_api_token
from mimis.issuing import services as issuing
from mimis.vc import credentials
from mimis.vc.dids import did_key_from_public_key
from mimis.vc.keys import generate_key
from mimis.wallet import imports, services
from mimis.wallet.errors import ImportNotIssuedToYou
from mimis.wallet.models import ExternalCredential, LearnerEmail, ShareLink
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.wallet.test_import import issued_to, ob2_assertion, ob3_credential, rsa_key, sign_ob2  # noqa: F401

pytestmark = pytest.mark.django_db

REFUSAL = "Meriten utfärdades till någon annan"


def sign(document: dict) -> dict:
    key = generate_key()
    did = did_key_from_public_key(key.public_key)
    document["issuer"] = document["issuer"] | {"id": did, "name": "Svetsskolan Syd"}
    document.pop("credentialStatus", None)
    return credentials.sign_credential(document, key, f"{did}#{did.split(':')[-1]}")


def api_import(user, content: bytes):  # type: ignore[no-untyped-def]
    secret = create_api_token(user=user, name="wallet", scopes=["read", "write"])[1]
    return Client().post(
        "/api/v1/me/credentials/import",
        content,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


class TestStolenCredential:
    def test_a_credential_downloaded_from_someone_elses_share_link_is_refused_by_the_api(
        self, credential, learner
    ):
        link = services.create_share_link(user=learner, credential_ids=[str(credential.pk)])
        download = Client().get(f"/shared/{link.token}/{credential.pk}/download/")
        assert download.status_code == 200
        thief = UserFactory(email="tjuven@example.se", name="Tjuven")
        response = api_import(thief, download.content)
        assert response.status_code == 422, response.content
        body = response.json()
        assert body["code"] == "import_not_issued_to_you"
        assert REFUSAL in body["message"] and "Ingenting sparades." in body["message"]
        assert not ExternalCredential.objects.exists()

    def test_another_platforms_credential_for_someone_else_is_refused_on_the_page(self, learner):
        stolen = ob3_credential(email="anna.andersson@example.se", name="Anna Andersson")
        response = signed_in(learner).post(
            "/my/credentials/import/",
            {"upload": _file(json.dumps(stolen).encode())},
            follow=True,
        )
        page = response.content.decode()
        assert REFUSAL in page and "Ingenting sparades." in page
        assert not ExternalCredential.objects.exists()

    def test_an_ob2_assertion_for_someone_else_is_refused(self, learner, rsa_key):  # noqa: F811
        assertion = ob2_assertion()
        assertion["recipient"] = {"type": "email", "hashed": False, "identity": "anna@example.se"}
        with pytest.raises(ImportNotIssuedToYou):
            imports.import_credential(user=learner, data=sign_ob2(assertion, rsa_key).encode())

    def test_an_unverified_address_does_not_bind(self, learner):
        LearnerEmail.objects.create(user=learner, email="fatima.jobb@example.se")  # never verified
        with pytest.raises(ImportNotIssuedToYou):
            imports.import_credential(
                user=learner, data=json.dumps(ob3_credential(email="fatima.jobb@example.se")).encode()
            )


class TestBoundCredential:
    def test_a_hashed_address_of_the_importer_binds(self, learner):
        external = imports.import_credential(user=learner, data=json.dumps(ob3_credential()).encode())
        assert external.status == "verified"

    def test_a_verified_further_address_binds(self, learner):
        LearnerEmail.objects.create(user=learner, email="fatima.jobb@example.se", verified_at=timezone.now())
        external = imports.import_credential(
            user=learner, data=json.dumps(ob3_credential(email="Fatima.Jobb@example.se")).encode()
        )
        assert external.status == "verified"

    def test_a_plain_ob2_recipient_and_a_hashed_one_bind(self, learner, rsa_key):  # noqa: F811
        plain = ob2_assertion()  # recipient fatima@example.se, not hashed
        imports.import_credential(user=learner, data=sign_ob2(plain, rsa_key).encode())
        hashed = ob2_assertion()
        hashed["recipient"] = {
            "type": "email",
            "hashed": True,
            "salt": "pepper",
            "identity": credentials.hash_identity("fatima@example.se", "pepper"),
        }
        imports.import_credential(user=learner, data=sign_ob2(hashed, rsa_key).encode())
        assert ExternalCredential.objects.filter(user=learner).count() == 2

    def test_a_did_that_mimis_bound_to_the_learner_binds(self, learner, published):
        holder = did_key_from_public_key(generate_key().public_key)
        issuing.issue_credential(
            version=published, email=learner.email, name=learner.name, acting_user=None, subject_id=holder
        )
        document = ob3_credential(email="inte.fatima@example.se")
        document_for_did = _with_subject_id(holder)
        assert imports.import_credential(user=learner, data=json.dumps(document_for_did).encode())
        with pytest.raises(ImportNotIssuedToYou):
            imports.import_credential(user=learner, data=json.dumps(document).encode())


class TestSharePages:
    def test_an_import_made_before_binding_is_shown_as_not_issued_to_the_sharer(self, credential, learner):
        thief = UserFactory(email="tjuven@example.se", name="Tjuven Tjuvsson")
        stolen = ob3_credential(email="fatima@example.se", name="Fatima Ahmed")
        # Stored as the unbound import used to store it.
        external = imports.import_credential(user=learner, data=json.dumps(stolen).encode())
        ExternalCredential.objects.filter(pk=external.pk).update(user=thief)
        link = services.create_share_link(user=thief, credential_ids=[], imported_ids=[str(external.pk)])
        page = Client().get(f"/shared/{link.token}/").content.decode()
        text = re.sub(r"\s+", " ", page)
        assert "Meriten är äkta och giltig" not in text
        assert "Inte utfärdad till den här personen" in text
        assert "Den här meriten utfärdades inte till Tjuven Tjuvsson." in text
        assert "Utfärdad till: Fatima Ahmed" in text
        external.refresh_from_db()
        assert external.status == "unverifiable"
        assert [c["code"] for c in external.checks if not c["ok"]] == ["not_issued_to_holder"]

    def test_the_holders_own_import_names_them_and_is_genuine(self, credential, learner):
        external = imports.import_credential(user=learner, data=json.dumps(ob3_credential()).encode())
        link = services.create_share_link(
            user=learner, credential_ids=[str(credential.pk)], imported_ids=[str(external.pk)]
        )
        text = re.sub(r"\s+", " ", Client().get(f"/shared/{link.token}/").content.decode())
        assert "Utfärdad till: Fatima Ahmed" in text and "Inte utfärdad till den här personen" not in text
        assert text.count("Meriten är äkta och giltig") == 2
        assert ShareLink.objects.count() == 1


def _with_subject_id(did: str) -> dict:
    """Another platform's credential whose subject is the DID (its e-mail identity is someone else's)."""
    document = issued_to("inte.fatima@example.se", "Fatima Ahmed")
    document["credentialSubject"]["id"] = did
    return sign(document)


def _file(content: bytes):  # type: ignore[no-untyped-def]
    return SimpleUploadedFile("badge.json", content)


class TestEarlierImports:
    def test_the_data_migration_marks_only_imports_not_issued_to_their_holder(self, learner):
        from importlib import import_module

        from django.apps import apps

        migration = import_module("mimis.wallet.migrations.0004_imports_bound_to_recipient")
        own = imports.import_credential(user=learner, data=json.dumps(ob3_credential()).encode())
        stolen = imports.import_credential(
            user=learner, data=json.dumps(ob3_credential(name="Fatima igen")).encode()
        )
        thief = UserFactory(email="tjuven@example.se")
        ExternalCredential.objects.filter(pk=stolen.pk).update(user=thief)
        migration.mark_unbound(apps, None)
        migration.mark_unbound(apps, None)  # a second run changes nothing
        own.refresh_from_db()
        stolen.refresh_from_db()
        assert own.status == "verified" and all(c["ok"] for c in own.checks)
        assert stolen.status == "unverifiable"
        assert [c["code"] for c in stolen.checks if not c["ok"]] == ["not_issued_to_holder"]
