"""Credentials signed by Digital Bazaar's JavaScript libraries (see data/README.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mimis.vc import dids
from mimis.vc.errors import ProofError
from mimis.vc.proofs import ed25519_signature_2020, eddsa_rdfc_2022, verify_proofs
from mimis.vc.verify import verify_credential

from .conftest import ISSUER_DID, build_sample_credential

DATA = Path(__file__).parent / "data"
NOW = datetime(2027, 1, 1, tzinfo=UTC)


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def jsigs_2020():
    return _load("jsigs-ed25519-signature-2020-ob3-vc11.json")


@pytest.fixture
def jsigs_eddsa():
    return _load("jsigs-eddsa-rdfc-2022-mimis-sample.json")


@pytest.fixture
def mimis_resolver(vector_key):
    return dids.resolver_from_documents(
        [dids.did_web_document(ISSUER_DID, [("key-1", vector_key.public_key)])]
    )


def test_verifies_ed25519_signature_2020_from_jsonld_signatures(jsigs_2020):
    result = verify_credential(jsigs_2020, resolve_key=dids.resolve_did_key, now=NOW)
    assert result.verified is True
    assert result.issuer == "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def test_reproduces_ed25519_signature_2020_proof_value(jsigs_2020, vector_key):
    proof = jsigs_2020.pop("proof")
    signed = ed25519_signature_2020.sign(
        jsigs_2020, vector_key, proof["verificationMethod"], created=proof["created"]
    )
    assert signed["proof"] == proof


def test_tampered_ed25519_signature_2020_credential_fails(jsigs_2020):
    jsigs_2020["credentialSubject"]["achievement"]["name"] += "!"
    with pytest.raises(ProofError) as info:
        verify_proofs(jsigs_2020, dids.resolve_did_key)
    assert info.value.code == "signature_invalid"


def test_verifies_eddsa_rdfc_2022_from_digitalbazaar(jsigs_eddsa, mimis_resolver):
    result = verify_credential(jsigs_eddsa, resolve_key=mimis_resolver, now=NOW)
    assert result.verified is True


def test_reproduces_digitalbazaar_eddsa_rdfc_2022_proof_value(jsigs_eddsa, vector_key):
    proof = jsigs_eddsa.pop("proof")
    assert jsigs_eddsa == build_sample_credential()
    signed = eddsa_rdfc_2022.sign(
        jsigs_eddsa, vector_key, proof["verificationMethod"], created=proof["created"]
    )
    assert signed["proof"]["proofValue"] == proof["proofValue"]
