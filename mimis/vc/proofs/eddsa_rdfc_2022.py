"""W3C Data Integrity ``eddsa-rdfc-2022`` (vc-di-eddsa): sign and verify.

Transformation: RDFC-1.0 canonical N-Quads of the document without ``proof`` and of the proof options
(carrying the document's ``@context``). Hash: SHA-256 of each; hashData = proofConfigHash ||
transformedDocumentHash. Signature: Ed25519, ``proofValue`` multibase base58btc.
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
    SignatureMemo,
    check_common_fields,
    decode_signature,
    hash_data,
    proof_config_for,
    resolve_ed25519,
    split_proof,
    xsd_datetime,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


def create_proof(
    document: Mapping[str, Any],
    private_key: PrivateKey,
    verification_method: str,
    *,
    created: datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Return the ``proof`` object for ``document`` (which must not already carry a proof)."""
    if private_key.algorithm != ED25519:
        raise ProofError("eddsa-rdfc-2022 requires an Ed25519 key", code="key_type_mismatch")
    if "proof" in document:
        raise ProofError("Document already has a proof", code="proof_exists")
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created if isinstance(created, str) else xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    unsecured = dict(document)
    config, unsecured = proof_config_for(unsecured, proof)
    signature = private_key.sign(hash_data(unsecured, config))
    proof["proofValue"] = multibase_b58_encode(signature)
    return proof


def sign(
    document: Mapping[str, Any],
    private_key: PrivateKey,
    verification_method: str,
    *,
    created: datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Return a deep copy of ``document`` with an ``eddsa-rdfc-2022`` proof added.

    Raises :class:`~mimis.vc.errors.UndefinedTermError` if the document uses undefined terms.
    """
    proof = create_proof(
        document, private_key, verification_method, created=created, proof_purpose=proof_purpose
    )
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
    memo: SignatureMemo | None = None,
) -> ResolvedKey:
    """Verify one eddsa-rdfc-2022 proof over ``unsecured``; raises :class:`ProofError` on failure.

    With a ``memo``, a signature already found valid over the same JSON with the same key is not
    canonicalised and checked again (every other check still runs)."""
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("Not an eddsa-rdfc-2022 proof", code="proof_type_unsupported")
    check_common_fields(proof, expected_purpose)
    signature = decode_signature(proof)
    resolved = resolve_ed25519(resolve_key, proof, expected_purpose, expected_controller)
    config, unsecured = proof_config_for(unsecured, proof)
    seen = (
        SignatureMemo.key(resolved.public_key.to_multibase().encode(), signature, unsecured, config)
        if memo is not None
        else None
    )
    if seen is not None and memo is not None and seen in memo:
        return resolved
    if not resolved.public_key.verify(signature, hash_data(unsecured, config)):
        raise ProofError("Signature does not match the credential", code="signature_invalid")
    if memo is not None:
        memo.add(seen)
    return resolved


def verify(
    document: Mapping[str, Any],
    resolve_key: Callable[[str], ResolvedKey],
    *,
    expected_controller: str | None = None,
) -> ResolvedKey:
    """Verify a document whose single proof is eddsa-rdfc-2022."""
    unsecured, proofs = split_proof(document)
    if len(proofs) != 1:
        raise ProofError("Expected exactly one proof", code="proof_malformed")
    return verify_proof(unsecured, proofs[0], resolve_key, expected_controller=expected_controller)
