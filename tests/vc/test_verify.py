from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from mimis.vc import credentials, dids
from mimis.vc.errors import StatusListError
from mimis.vc.keys import ED25519, generate_key
from mimis.vc.verify import verify_credential

from .conftest import ISSUER_DID, ISSUER_VM, build_sample_credential

NOW = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def signed(issuer_key):
    return credentials.sign_credential(
        build_sample_credential(), issuer_key, ISSUER_VM, created=datetime(2026, 3, 1, 12, tzinfo=UTC)
    )


def test_valid_credential_verifies(signed, issuer_resolver):
    result = verify_credential(signed, resolve_key=issuer_resolver, status_checker=lambda e: False, now=NOW)
    assert result.verified is True
    assert [(c.name, c.ok, c.code) for c in result.checks] == [
        ("schema", True, "ok"),
        ("proof", True, "ok"),
        ("issuer", True, "ok"),
        ("validity", True, "ok"),
        ("status", True, "ok"),
    ]
    assert result.issuer == ISSUER_DID
    assert result.verification_methods == [ISSUER_VM]
    assert result.to_dict()["verified"] is True


def test_status_without_checker_is_skipped_not_failed(signed, issuer_resolver):
    result = verify_credential(signed, resolve_key=issuer_resolver, now=NOW)
    status = result.check("status")
    assert (status.ok, status.skipped, status.code) == (True, True, "status_not_checked")
    assert result.verified is True


def test_revoked_credential_fails_status(signed, issuer_resolver):
    result = verify_credential(signed, resolve_key=issuer_resolver, status_checker=lambda e: True, now=NOW)
    assert result.verified is False
    assert result.check("status").code == "revoked"
    assert [c.name for c in result.errors] == ["status"]


def test_status_checker_error_is_reported(signed, issuer_resolver):
    def broken(entry):
        raise StatusListError("Status list could not be fetched", code="status_list_unavailable")

    result = verify_credential(signed, resolve_key=issuer_resolver, status_checker=broken, now=NOW)
    assert (result.verified, result.check("status").code) == (False, "status_list_unavailable")


def test_not_yet_valid_and_expired(signed, issuer_resolver):
    early = verify_credential(signed, resolve_key=issuer_resolver, now=datetime(2026, 2, 28, tzinfo=UTC))
    assert (early.verified, early.check("validity").code) == (False, "not_yet_valid")
    late = verify_credential(signed, resolve_key=issuer_resolver, now=datetime(2031, 3, 1, tzinfo=UTC))
    assert (late.verified, late.check("validity").code) == (False, "expired")


def test_credential_signed_by_foreign_did_fails_issuer_check(issuer_key):
    other = generate_key(ED25519)
    other_did = "did:web:evil.example"
    cred = build_sample_credential()
    from mimis.vc.proofs import eddsa_rdfc_2022

    forged = eddsa_rdfc_2022.sign(cred, other, other_did + "#key-1")
    resolver = dids.resolver_from_documents([dids.did_web_document(other_did, [("key-1", other.public_key)])])
    result = verify_credential(forged, resolve_key=resolver, now=NOW)
    assert result.check("proof").ok is True
    assert (result.check("issuer").ok, result.check("issuer").code) == (False, "controller_mismatch")
    assert result.verified is False


def test_unsigned_credential_fails_proof(issuer_resolver):
    result = verify_credential(build_sample_credential(), resolve_key=issuer_resolver, now=NOW)
    assert result.check("proof").code == "proof_missing"
    assert result.check("issuer").code == "issuer_unverified"
    assert result.verified is False


def test_non_object_is_reported_not_raised(issuer_resolver):
    result = verify_credential([], resolve_key=issuer_resolver, now=NOW)  # type: ignore[arg-type]
    assert (result.verified, result.checks[0].code) == (False, "malformed_credential")


def test_credential_without_openbadge_type_is_read_as_a_plain_vc(signed, issuer_resolver):
    """VC Data Model 2.0 §4.5: "The value of the type property MUST be one or more terms and/or
    absolute URL strings" -- VerifiableCredential alone is a well-formed credential, not an error.
    Removing OpenBadgeCredential changes what was signed, so the proof (only) fails."""
    doc = copy.deepcopy(signed)
    doc["type"] = ["VerifiableCredential"]
    result = verify_credential(doc, resolve_key=issuer_resolver, now=NOW)
    assert result.kind == "verifiable_credential"
    assert result.check("schema").ok is True
    assert result.check("proof").code == "signature_invalid"
    assert result.verified is False


def _leaf_paths(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaf_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaf_paths(value, (*path, index))
    else:
        yield path


def _key_paths(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _key_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _key_paths(value, (*path, index))


def _get_parent(doc, path):
    for part in path[:-1]:
        doc = doc[part]
    return doc


def _mutated(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "x" if value else "x"
    raise AssertionError(f"unexpected leaf {value!r}")


def test_every_leaf_change_fails_verification(signed, issuer_resolver):
    paths = list(_leaf_paths(signed))
    assert len(paths) > 60
    kinds = {type(_get_parent(signed, p)[p[-1]]) for p in paths}
    assert {str, bool, float} <= kinds
    assert any(isinstance(p[-1], int) for p in paths)  # leaves inside arrays
    survivors = []
    for path in paths:
        doc = copy.deepcopy(signed)
        parent = _get_parent(doc, path)
        parent[path[-1]] = _mutated(parent[path[-1]])
        result = verify_credential(doc, resolve_key=issuer_resolver, status_checker=lambda e: False, now=NOW)
        if result.verified or result.check("proof").ok:
            survivors.append(path)
    assert survivors == []


def test_every_key_removal_fails_verification(signed, issuer_resolver):
    survivors = []
    for path in _key_paths(signed):
        doc = copy.deepcopy(signed)
        del _get_parent(doc, path)[path[-1]]
        result = verify_credential(doc, resolve_key=issuer_resolver, status_checker=lambda e: False, now=NOW)
        if result.verified or result.check("proof").ok:
            survivors.append(path)
    assert survivors == []


def test_adding_an_array_element_fails_verification(signed, issuer_resolver):
    doc = copy.deepcopy(signed)
    doc["credentialSubject"]["achievement"]["tag"].append("extra")
    assert (
        verify_credential(doc, resolve_key=issuer_resolver, now=NOW).check("proof").code
        == "signature_invalid"
    )
