from __future__ import annotations

import pytest

from mimis.vc import dids
from mimis.vc.errors import ResolutionError
from mimis.vc.keys import ED25519, P256, generate_key


def test_did_web_from_url():
    assert dids.did_web_from_url("https://example.com") == "did:web:example.com"
    assert (
        dids.did_web_from_url("https://example.com:8443/org/skane") == "did:web:example.com%3A8443:org:skane"
    )
    with pytest.raises(ValueError):
        dids.did_web_from_url("http://example.com")


def test_did_web_document_url():
    assert dids.did_web_document_url("did:web:example.com") == "https://example.com/.well-known/did.json"
    assert dids.did_web_document_url("did:web:example.com%3A8443:org:skane") == (
        "https://example.com:8443/org/skane/did.json"
    )


def test_did_web_document_lists_multikey_and_jwk_methods():
    ed, p256 = generate_key(ED25519).public_key, generate_key(P256).public_key
    doc = dids.did_web_document("did:web:mimis.example", [("key-1", ed), ("key-2", p256)])
    assert doc["id"] == "did:web:mimis.example"
    assert [m["id"] for m in doc["verificationMethod"]] == [
        "did:web:mimis.example#key-1",
        "did:web:mimis.example#key-2",
        "did:web:mimis.example#key-2-jwk",
    ]
    assert [m["type"] for m in doc["verificationMethod"]] == ["Multikey", "Multikey", "JsonWebKey"]
    assert doc["verificationMethod"][0]["publicKeyMultibase"] == ed.to_multibase()
    assert doc["verificationMethod"][2]["publicKeyJwk"] == p256.to_jwk()
    assert doc["assertionMethod"] == [m["id"] for m in doc["verificationMethod"]]
    assert doc["@context"][:2] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


def test_did_key_round_trip_and_resolution():
    public = generate_key(ED25519).public_key
    did = dids.did_key_from_public_key(public)
    assert did == "did:key:" + public.to_multibase()
    doc = dids.did_key_document(did)
    vm = doc["verificationMethod"][0]
    assert vm["id"] == f"{did}#{public.to_multibase()}"
    resolved = dids.resolve_did_key(vm["id"])
    assert (resolved.controller, resolved.public_key) == (did, public)


def test_did_key_rejects_p256_and_mismatched_fragment():
    with pytest.raises(Exception, match="Ed25519"):
        dids.did_key_from_public_key(generate_key(P256).public_key)
    did = dids.did_key_from_public_key(generate_key(ED25519).public_key)
    with pytest.raises(ResolutionError):
        dids.resolve_did_key(did + "#other")


def test_resolver_from_documents_resolves_known_methods_and_rejects_unknown():
    ed = generate_key(ED25519).public_key
    doc = dids.did_web_document("did:web:mimis.example", [("key-1", ed)])
    resolve = dids.resolver_from_documents([doc], allow_did_key=False)
    resolved = resolve("did:web:mimis.example#key-1")
    assert resolved.public_key == ed
    assert resolved.controller == "did:web:mimis.example"
    assert "assertionMethod" in resolved.purposes
    with pytest.raises(ResolutionError):
        resolve("did:web:mimis.example#key-9")
    with pytest.raises(ResolutionError):
        resolve(dids.did_key_from_public_key(ed) + "#" + ed.to_multibase())


def test_resolver_records_purposes_only_from_relationships():
    ed = generate_key(ED25519).public_key
    doc = dids.did_web_document("did:web:mimis.example", [("key-1", ed)])
    doc["assertionMethod"] = []
    resolved = dids.resolver_from_documents([doc])("did:web:mimis.example#key-1")
    assert "assertionMethod" not in resolved.purposes


def test_malformed_did_document_is_rejected():
    with pytest.raises(ResolutionError):
        dids.resolver_from_documents(
            [{"id": "did:web:x.example", "verificationMethod": [{"type": "Multikey"}]}]
        )
