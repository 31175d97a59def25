"""The deprecated ``Ed25519Signature2020`` suite, kept to verify credentials from other issuers.

Same construction as eddsa-rdfc-2022 (URDNA2015 = RDFC-1.0 of proof options and document, SHA-256 of
each, concatenated, Ed25519, base58btc proofValue) but with proof type ``Ed25519Signature2020`` and the
``https://w3id.org/security/suites/ed25519-2020/v1`` context. Signing is provided for tests only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from ..dids import ResolvedKey
from ..errors import ProofError
from ..keys import ED25519, PrivateKey, multibase_b58_encode
from ._common import (
    check_common_fields,
    decode_signature,
    hash_data,
    proof_config_for,
    resolve_ed25519,
    xsd_datetime,
)

PROOF_TYPE = "Ed25519Signature2020"


def sign(
    document: Mapping[str, Any],
    private_key: PrivateKey,
    verification_method: str,
    *,
    created: datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Return a copy of ``document`` with an Ed25519Signature2020 proof (for interoperability tests)."""
    if private_key.algorithm != ED25519:
        raise ProofError("Ed25519Signature2020 requires an Ed25519 key", code="key_type_mismatch")
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "created": created if isinstance(created, str) else xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    config, unsecured = proof_config_for(dict(document), proof)
    proof["proofValue"] = multibase_b58_encode(private_key.sign(hash_data(unsecured, config)))
    secured = copy.deepcopy(dict(document))
    secured["proof"] = proof
    return secured


def verify_proof(
    unsecured: dict[str, Any],
    proof: Mapping[str, Any],
    resolve_key: Callable[[str], ResolvedKey],
    *,
    expected_controller: str | None = None,
    expected_purpose: str = "assertionMethod",
) -> ResolvedKey:
    """Verify one Ed25519Signature2020 proof; raises :class:`ProofError` on failure."""
    if proof.get("type") != PROOF_TYPE:
        raise ProofError("Not an Ed25519Signature2020 proof", code="proof_type_unsupported")
    check_common_fields(proof, expected_purpose)
    signature = decode_signature(proof)
    resolved = resolve_ed25519(resolve_key, proof, expected_purpose, expected_controller)
    config, unsecured = proof_config_for(unsecured, proof)
    if not resolved.public_key.verify(signature, hash_data(unsecured, config)):
        raise ProofError("Signature does not match the credential", code="signature_invalid")
    return resolved
