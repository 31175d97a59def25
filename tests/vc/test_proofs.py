from __future__ import annotations

import copy

import pytest

from mimis.vc import dids, jsonld
from mimis.vc.errors import ProofError, ResolutionError, UndefinedTermError
from mimis.vc.keys import ED25519, P256, PublicKey, generate_key
from mimis.vc.proofs import SignatureMemo, _common, ed25519_signature_2020, eddsa_rdfc_2022, verify_proofs
from mimis.vc.proofs._common import proof_config_for

from .conftest import VECTOR, VECTOR_CREATED, VECTOR_ISSUER, VECTOR_PROOF_VALUE, VECTOR_PUBLIC, VECTOR_VM


def vector_resolver(vm_id: str) -> dids.ResolvedKey:
    if vm_id != VECTOR_VM:
        raise ResolutionError(f"unknown {vm_id}")
    return dids.ResolvedKey(id=vm_id, controller=VECTOR_ISSUER, public_key=PublicKey(ED25519, VECTOR_PUBLIC))


@pytest.fixture
def signed_vector(vector_credential, vector_key):
    return eddsa_rdfc_2022.sign(vector_credential, vector_key, VECTOR_VM, created=VECTOR_CREATED)


def test_sign_reproduces_1edtech_proof_value(signed_vector):
    assert signed_vector["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": VECTOR_CREATED,
        "verificationMethod": VECTOR_VM,
        "proofPurpose": "assertionMethod",
        "proofValue": VECTOR_PROOF_VALUE,
    }


def test_proof_options_canonicalise_to_1edtech_nquads(signed_vector, vector_credential):
    expected = (VECTOR / "ob-proof-canon.txt").read_text(encoding="utf-8")
    options = {k: v for k, v in signed_vector["proof"].items() if k != "proofValue"}
    config, _ = proof_config_for(vector_credential, options)
    assert jsonld.canonize(config) == expected


def test_sign_does_not_mutate_input(vector_credential, vector_key):
    before = copy.deepcopy(vector_credential)
    eddsa_rdfc_2022.sign(vector_credential, vector_key, VECTOR_VM, created=VECTOR_CREATED)
    assert vector_credential == before


def test_verify_accepts_1edtech_vector(signed_vector):
    resolved = eddsa_rdfc_2022.verify(signed_vector, vector_resolver, expected_controller=VECTOR_ISSUER)
    assert resolved.id == VECTOR_VM


def test_verify_rejects_modified_document(signed_vector):
    signed_vector["name"] = "Teamwork Badge!"
    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver)
    assert info.value.code == "signature_invalid"


def test_verify_rejects_modified_proof_options(signed_vector):
    signed_vector["proof"]["created"] = "2010-01-01T19:23:25Z"
    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver)
    assert info.value.code == "signature_invalid"


def test_verify_rejects_added_undefined_term(signed_vector):
    signed_vector["credentialSubject"]["grade"] = "A"
    with pytest.raises(UndefinedTermError):
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver)


def test_sign_rejects_undefined_term(vector_credential, vector_key):
    vector_credential["credentialSubject"]["grade"] = "A"
    with pytest.raises(UndefinedTermError):
        eddsa_rdfc_2022.sign(vector_credential, vector_key, VECTOR_VM)


def test_verify_rejects_controller_not_issuer(signed_vector):
    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver, expected_controller="https://evil.example")
    assert info.value.code == "controller_mismatch"


def test_verify_rejects_wrong_key(signed_vector):
    other = generate_key(ED25519).public_key

    def resolver(vm_id):
        return dids.ResolvedKey(id=vm_id, controller=VECTOR_ISSUER, public_key=other)

    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, resolver)
    assert info.value.code == "signature_invalid"


def test_verify_rejects_p256_verification_method(signed_vector):
    def resolver(vm_id):
        return dids.ResolvedKey(id=vm_id, controller=VECTOR_ISSUER, public_key=generate_key(P256).public_key)

    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, resolver)
    assert info.value.code == "key_type_mismatch"


def test_verify_rejects_key_not_authorised_for_assertion(signed_vector):
    def resolver(vm_id):
        return dids.ResolvedKey(
            id=vm_id,
            controller=VECTOR_ISSUER,
            public_key=PublicKey(ED25519, VECTOR_PUBLIC),
            purposes=frozenset({"authentication"}),
        )

    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, resolver)
    assert info.value.code == "proof_purpose_mismatch"


def test_verify_rejects_unknown_verification_method(signed_vector):
    signed_vector["proof"]["verificationMethod"] = VECTOR_ISSUER + "#other"
    with pytest.raises(ResolutionError) as info:
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver)
    assert info.value.code == "key_resolution_failed"


def test_verify_rejects_wrong_proof_purpose(signed_vector):
    signed_vector["proof"]["proofPurpose"] = "authentication"
    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver)
    assert info.value.code == "proof_purpose_mismatch"


@pytest.mark.parametrize("value", ["", "zzz", "u" + "A" * 86, "z" + "1" * 10, None])
def test_verify_rejects_malformed_proof_value(signed_vector, value):
    signed_vector["proof"]["proofValue"] = value
    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(signed_vector, vector_resolver)
    assert info.value.code == "proof_malformed"


def test_verify_rejects_missing_proof(vector_credential):
    with pytest.raises(ProofError) as info:
        eddsa_rdfc_2022.verify(vector_credential, vector_resolver)
    assert info.value.code == "proof_missing"


def test_verify_proofs_rejects_unknown_suite(signed_vector):
    signed_vector["proof"]["cryptosuite"] = "ecdsa-rdfc-2019"
    with pytest.raises(ProofError) as info:
        verify_proofs(signed_vector, vector_resolver)
    assert info.value.code == "proof_type_unsupported"


def test_sign_and_verify_with_did_web_document():
    key = generate_key(ED25519)
    did = "did:web:mimis.example"
    doc = dids.did_web_document(did, [("key-1", key.public_key)])
    credential = {
        "@context": [jsonld.VC_V2_CONTEXT, jsonld.OB_V3_CONTEXT],
        "id": "urn:uuid:6e3e9b3a-1a0e-4d86-9a2d-4c1f2d0b6a11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Region Skåne"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://mimis.example/achievements/1",
                "type": ["Achievement"],
                "name": "Svetsning",
                "description": "Grundläggande svetsning",
                "criteria": {"narrative": "Godkänt prov"},
            },
        },
    }
    signed = eddsa_rdfc_2022.sign(credential, key, f"{did}#key-1")
    resolved = verify_proofs(signed, dids.resolver_from_documents([doc]), expected_controller=did)
    assert [r.id for r in resolved] == [f"{did}#key-1"]


def test_ed25519_signature_2020_round_trip_for_vc_1_1_credential():
    key = generate_key(ED25519)
    did = dids.did_key_from_public_key(key.public_key)
    vm = f"{did}#{key.public_key.to_multibase()}"
    credential = {
        "@context": [jsonld.VC_V1_CONTEXT, jsonld.ED25519_2020_CONTEXT],
        "id": "urn:uuid:0b4d2e1c-7f2a-4a63-9e55-5b0b8e0f2d01",
        "type": ["VerifiableCredential"],
        "issuer": did,
        "issuanceDate": "2022-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:123"},
    }
    signed = ed25519_signature_2020.sign(credential, key, vm, created="2022-01-01T00:00:00Z")
    assert signed["proof"]["type"] == "Ed25519Signature2020"
    assert signed["proof"]["proofValue"].startswith("z")
    resolved = verify_proofs(signed, dids.resolve_did_key, expected_controller=did)
    assert resolved[0].controller == did
    signed["issuanceDate"] = "2022-01-02T00:00:00Z"
    with pytest.raises(ProofError) as info:
        verify_proofs(signed, dids.resolve_did_key)
    assert info.value.code == "signature_invalid"


def test_ed25519_signature_2020_requires_its_context():
    key = generate_key(ED25519)
    did = dids.did_key_from_public_key(key.public_key)
    credential = {
        "@context": [jsonld.VC_V1_CONTEXT],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "issuanceDate": "2022-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:123"},
    }
    with pytest.raises(UndefinedTermError):
        ed25519_signature_2020.sign(credential, key, f"{did}#{key.public_key.to_multibase()}")


def test_eddsa_rdfc_2022_on_vc_1_1_credential_with_data_integrity_context():
    key = generate_key(ED25519)
    did = dids.did_key_from_public_key(key.public_key)
    credential = {
        "@context": [jsonld.VC_V1_CONTEXT, jsonld.OB_V3_CONTEXT_3_0_2, jsonld.DATA_INTEGRITY_V2_CONTEXT],
        "id": "urn:uuid:0b4d2e1c-7f2a-4a63-9e55-5b0b8e0f2d02",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Other issuer"},
        "issuanceDate": "2023-01-01T00:00:00Z",
        "name": "Badge",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://other.example/a/1",
                "type": ["Achievement"],
                "name": "Badge",
                "description": "D",
                "criteria": {"narrative": "N"},
            },
        },
    }
    signed = eddsa_rdfc_2022.sign(credential, key, f"{did}#{key.public_key.to_multibase()}")
    assert verify_proofs(signed, dids.resolve_did_key, expected_controller=did)[0].controller == did


class TestSignatureMemo:
    """A memo spares checking the same signature over the same JSON again, and is never looser."""

    def test_the_same_document_is_canonicalised_once(self, signed_vector, monkeypatch):
        memo = SignatureMemo()
        verify_proofs(signed_vector, vector_resolver, memo=memo)
        calls = []
        monkeypatch.setattr(_common, "canonize", lambda *a: calls.append(a) or "")
        assert verify_proofs(copy.deepcopy(signed_vector), vector_resolver, memo=memo)[0].id == VECTOR_VM
        assert calls == []

    def test_a_changed_document_is_checked_in_full_and_fails(self, signed_vector):
        memo = SignatureMemo()
        verify_proofs(signed_vector, vector_resolver, memo=memo)
        tampered = copy.deepcopy(signed_vector)
        tampered["credentialSubject"]["name"] = "Someone else"
        with pytest.raises(ProofError) as info:
            verify_proofs(tampered, vector_resolver, memo=memo)
        assert info.value.code == "signature_invalid"

    def test_a_withdrawn_or_other_key_still_fails(self, signed_vector):
        memo = SignatureMemo()
        verify_proofs(signed_vector, vector_resolver, memo=memo)

        def withdrawn(vm_id):
            raise ResolutionError(f"unknown {vm_id}")

        with pytest.raises(ResolutionError):
            verify_proofs(signed_vector, withdrawn, memo=memo)
        other = generate_key(ED25519).public_key

        def other_key(vm_id):
            return dids.ResolvedKey(id=vm_id, controller=VECTOR_ISSUER, public_key=other)

        with pytest.raises(ProofError) as info:
            verify_proofs(signed_vector, other_key, memo=memo)
        assert info.value.code == "signature_invalid"

    def test_it_is_bounded(self):
        memo = SignatureMemo(size=2)
        keys = [SignatureMemo.key(b"k", b"s", {"n": n}) for n in range(3)]
        for key in keys:
            memo.add(key)
        assert keys[0] not in memo and keys[1] in memo and keys[2] in memo
