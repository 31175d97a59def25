"""Status lists are signed when their bits change and stored; readers get the stored bytes with an ETag.
DID documents of MIMIS issuers are cached and dropped when a key changes."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mimis.issuing import keys, services
from mimis.issuing.models import IssuerKey, KeyAlgorithm, KeyStatus, StatusList
from mimis.verification import services as verification
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(draft, region_admin, provider):
    return services.issue_credential(
        version=publish(draft), email="fatima@example.se", name="Fatima", acting_user=None
    )


def list_path(issued) -> str:
    return urlsplit(issued.signed["credentialStatus"]["statusListCredential"]).path


def status_check(report) -> dict:
    return next(c for c in report.checks if c["name"] == "status")


class TestStatusListEndpoint:
    def test_every_reader_gets_the_same_signed_bytes_with_an_etag_and_a_short_cache(self, issued):
        first, second = Client().get(list_path(issued)), Client().get(list_path(issued))
        assert first.status_code == 200 and first.content == second.content
        assert first["ETag"] == second["ETag"] and first["ETag"].startswith('"')
        assert first["Cache-Control"] == "public, max-age=60"
        assert first["Content-Type"] == "application/vc+ld+json"
        assert json.loads(first.content)["proof"]["cryptosuite"] == "eddsa-rdfc-2022"

    def test_a_client_with_the_current_version_gets_304(self, issued):
        etag = Client().get(list_path(issued))["ETag"]
        response = Client().get(list_path(issued), headers={"If-None-Match": etag})
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag
        assert Client().get(list_path(issued), headers={"If-None-Match": '"other"'}).status_code == 200

    def test_reading_never_signs(self, issued, monkeypatch):
        Client().get(list_path(issued))  # published once (a list is signed the first time it is read)

        def fail(*args, **kwargs):
            raise AssertionError("signed on read")

        monkeypatch.setattr(services, "signed_status_list", fail)
        assert Client().get(list_path(issued)).status_code == 200
        assert verification.verify(issued.signed).verified

    def test_a_revocation_is_signed_and_stored_in_its_transaction_and_changes_the_etag(self, issued):
        before = Client().get(list_path(issued))
        services.revoke_credential(credential=issued.credential, reason="Fel person", acting_user=None)
        stored = StatusList.objects.get(pk=issued.credential.revocation_list_id)
        after = Client().get(list_path(issued))
        assert after.content == bytes(stored.signed) and after["ETag"] == f'"{stored.etag}"'
        assert after["ETag"] != before["ETag"]
        assert Client().get(list_path(issued), headers={"If-None-Match": before["ETag"]}).status_code == 200
        assert status_check(verification.verify(issued.signed))["code"] == "revoked"

    def test_suspend_and_reinstate_are_published_at_once(self, issued):
        services.suspend_credential(credential=issued.credential, reason="Granskas", acting_user=None)
        assert status_check(verification.verify(issued.signed))["code"] == "suspended"
        services.reinstate_credential(credential=issued.credential, acting_user=None)
        assert verification.verify(issued.signed).verified

    def test_a_compromised_key_drops_the_stored_lists_and_they_are_signed_again_with_the_new_key(
        self, issued, provider
    ):
        Client().get(list_path(issued))
        admin = member(provider, "admin", email="admin@hkr.example.se")
        old = IssuerKey.objects.get(
            organisation=provider, algorithm=KeyAlgorithm.ED25519, status=KeyStatus.ACTIVE
        )
        keys.mark_key_compromised(key=old, acting_user=admin)
        assert not StatusList.objects.filter(organisation=provider, signed__isnull=False).exists()
        document = Client().get(list_path(issued)).json()
        assert not document["proof"]["verificationMethod"].endswith(f"#{old.key_id}")
        # What the old key signed fails now; the list, signed with the new key, still verifies.
        report = verification.verify(issued.signed)
        assert next(c for c in report.checks if c["name"] == "proof")["ok"] is False
        assert status_check(report)["ok"] is True


class TestDidDocument:
    def test_did_json_has_an_etag_and_answers_304(self, issued, provider):
        response = Client().get(f"/issuers/{provider.slug}/did.json")
        assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=60"
        again = Client().get(
            f"/issuers/{provider.slug}/did.json", headers={"If-None-Match": response["ETag"]}
        )
        assert again.status_code == 304

    def test_rotating_a_key_changes_the_document_and_its_etag_at_once(self, issued, provider):
        admin = member(provider, "admin", email="admin@hkr.example.se")
        before = Client().get(f"/issuers/{provider.slug}/did.json")
        keys.rotate_key(organisation=provider, algorithm=KeyAlgorithm.ED25519, acting_user=admin)
        after = Client().get(f"/issuers/{provider.slug}/did.json")
        assert after["ETag"] != before["ETag"]
        assert len(after.json()["verificationMethod"]) == len(before.json()["verificationMethod"]) + 1

    def test_a_compromised_key_leaves_the_cached_document_at_once(self, issued, provider):
        assert verification.verify(issued.signed).verified  # the document is cached now
        admin = member(provider, "admin", email="admin@hkr.example.se")
        key = IssuerKey.objects.get(pk=issued.credential.key_id)
        keys.mark_key_compromised(key=key, acting_user=admin)
        report = verification.verify(issued.signed)
        assert not report.verified
        assert next(c for c in report.checks if c["name"] == "proof")["ok"] is False

    def test_verifying_again_reads_no_keys_and_signs_nothing(self, issued):
        verification.verify(issued.signed)
        with CaptureQueriesContext(connection) as queries:
            assert verification.verify(issued.signed).verified
        tables = " ".join(q["sql"] for q in queries.captured_queries)
        assert "issuing_issuerkey" not in tables  # the DID document comes from the cache
        assert len(queries.captured_queries) <= 4


class TestStoredCredentialPage:
    def test_a_stored_credential_altered_in_the_database_fails_even_after_it_verified(self, issued):
        path = f"/verify/credentials/{issued.credential.pk}/"
        assert verification.verify(issued.signed, source=verification.SOURCE_STORED).verified
        assert Client().get(path).status_code == 200
        document = issued.credential.document
        document["credentialSubject"]["achievement"]["name"] = "Hjärtkirurgi"
        type(issued.credential).objects.filter(pk=issued.credential.pk).update(document=document)
        report = verification.verify(document, source=verification.SOURCE_STORED)
        assert next(c for c in report.checks if c["name"] == "proof")["code"] == "signature_invalid"
