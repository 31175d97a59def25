"""Issuer keys: did:web identity served by MIMIS, private keys encrypted at rest, rotation, compromise."""

from __future__ import annotations

import pytest
from django.conf import settings

from mimis.audit.models import AuditEntry
from mimis.errors import Conflict, NotFound, PermissionDenied
from mimis.issuing import keys
from mimis.issuing.models import IssuerKey, KeyStatus
from mimis.vc.keys import decrypt_private_key
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_approved_provider_gets_an_ed25519_and_a_p256_key_once(provider):
    created = keys.ensure_issuer_keys(organisation=provider)
    assert sorted(k.algorithm for k in created) == ["Ed25519", "P-256"]
    assert keys.ensure_issuer_keys(organisation=provider) == []
    assert AuditEntry.objects.filter(action="issuer.keys_created").count() == 1


def test_only_approved_providers_get_keys(qa_body):
    with pytest.raises(Conflict):
        keys.ensure_issuer_keys(organisation=qa_body)
    with pytest.raises(Conflict):
        keys.ensure_issuer_keys(organisation=OrganisationFactory(status="pending"))


def test_private_keys_are_encrypted_at_rest_and_decrypt_with_the_kek(provider):
    keys.ensure_issuer_keys(organisation=provider)
    key = IssuerKey.objects.get(organisation=provider, algorithm="Ed25519")
    private, method = keys.signing_key(organisation=provider, algorithm="Ed25519")
    blob = bytes(key.encrypted_private_key)
    assert private.raw not in blob
    assert decrypt_private_key(blob, settings.MIMIS_KEY_ENCRYPTION_KEY)[2:] == private.raw
    assert private.public_key.to_multibase() == key.public_key
    assert method == f"did:web:testserver:issuers:{provider.slug}#{key.key_id}"


def test_did_document_is_served_with_public_keys_only(client, provider, settings):
    settings.MIMIS_BASE_URL = "https://mimis.example.se"
    keys.ensure_issuer_keys(organisation=provider)
    response = client.get(f"/issuers/{provider.slug}/did.json")
    assert response["Content-Type"] == "application/did+json"
    document = response.json()
    assert document["id"] == f"did:web:mimis.example.se:issuers:{provider.slug}"
    types = sorted(m["type"] for m in document["verificationMethod"])
    assert types == ["JsonWebKey", "Multikey", "Multikey"]
    assert "private" not in response.content.decode().lower()
    assert all("d" not in m.get("publicKeyJwk", {}) for m in document["verificationMethod"])


def test_unknown_or_keyless_issuer_is_404(client, provider):
    assert client.get("/issuers/nobody/did.json").status_code == 404
    assert client.get(f"/issuers/{provider.slug}/did.json").status_code == 404


def test_rotation_keeps_the_old_key_listed_and_compromise_removes_it(
    provider, provider_admin, provider_editor
):
    keys.ensure_issuer_keys(organisation=provider)
    old = IssuerKey.objects.get(organisation=provider, algorithm="Ed25519")
    with pytest.raises(PermissionDenied):
        keys.rotate_key(organisation=provider, algorithm="Ed25519", acting_user=provider_editor)
    new = keys.rotate_key(organisation=provider, algorithm="Ed25519", acting_user=provider_admin)
    old.refresh_from_db()
    assert old.status == KeyStatus.RETIRED
    listed = {m["id"].split("#")[1] for m in keys.did_document(provider)["verificationMethod"]}
    assert {old.key_id, new.key_id} <= listed
    assert keys.signing_key(organisation=provider, algorithm="Ed25519")[1].endswith(new.key_id)

    keys.mark_key_compromised(key=old, acting_user=provider_admin)
    listed = {m["id"].split("#")[1] for m in keys.did_document(provider)["verificationMethod"]}
    assert old.key_id not in listed and new.key_id in listed
    assert AuditEntry.objects.filter(action="issuer.key_compromised").exists()


def test_compromising_the_active_key_puts_a_fresh_one_in_its_place(provider, provider_admin):
    keys.ensure_issuer_keys(organisation=provider)
    active = IssuerKey.objects.get(organisation=provider, algorithm="P-256")
    keys.mark_key_compromised(key=active, acting_user=provider_admin)
    replacement = IssuerKey.objects.get(organisation=provider, algorithm="P-256", status=KeyStatus.ACTIVE)
    assert replacement.pk != active.pk


def test_another_organisation_cannot_touch_our_keys(provider, other_admin):
    keys.ensure_issuer_keys(organisation=provider)
    with pytest.raises(NotFound):
        keys.rotate_key(organisation=provider, algorithm="Ed25519", acting_user=other_admin)


def test_a_credential_signed_with_the_issuer_key_verifies_against_the_served_did_document(
    provider, provider_admin
):
    from mimis.vc import dids
    from mimis.vc.credentials import sign_credential
    from mimis.vc.verify import verify_credential
    from tests.vc.conftest import build_sample_credential

    keys.ensure_issuer_keys(organisation=provider)
    private, method = keys.signing_key(organisation=provider, algorithm="Ed25519")
    issuer = build_sample_credential()["issuer"] | {"id": keys.issuer_did(provider)}
    signed = sign_credential(build_sample_credential() | {"issuer": issuer}, private, method)
    resolve = dids.resolver_from_documents([keys.did_document(provider)])
    assert verify_credential(signed, resolve_key=resolve).check("proof").ok

    old = IssuerKey.objects.get(organisation=provider, algorithm="Ed25519")
    keys.mark_key_compromised(key=old, acting_user=provider_admin)
    resolve = dids.resolver_from_documents([keys.did_document(provider)])
    assert not verify_credential(signed, resolve_key=resolve).check("proof").ok
