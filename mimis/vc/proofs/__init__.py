"""Data Integrity proof suites: ``eddsa-rdfc-2022`` (sign/verify) and ``Ed25519Signature2020`` (verify).

:func:`verify_proofs` handles a single proof, a *proof set* (several proofs, each over the document
alone) and *proof chains* (a proof whose ``previousProof`` names other proofs of the set by ``id``;
it signed the document together with those proofs), as Verifiable Credential Data Integrity 1.0
§2.1.1-2.1.2 and its "Verify Proof Sets and Chains" algorithm describe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..dids import ResolvedKey
from ..errors import ProofError
from . import ed25519_signature_2020, eddsa_rdfc_2022
from ._common import SignatureMemo, split_proof


def _verifier(proof: Mapping[str, Any]):
    if proof.get("type") == eddsa_rdfc_2022.PROOF_TYPE:
        if proof.get("cryptosuite") != eddsa_rdfc_2022.CRYPTOSUITE:
            raise ProofError(
                f"Unsupported cryptosuite {proof.get('cryptosuite')!r}", code="proof_type_unsupported"
            )
        return eddsa_rdfc_2022.verify_proof
    if proof.get("type") == ed25519_signature_2020.PROOF_TYPE:
        return ed25519_signature_2020.verify_proof
    raise ProofError(f"Unsupported proof type {proof.get('type')!r}", code="proof_type_unsupported")


def _proofs_by_id(proofs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for proof in proofs:
        if "id" not in proof:
            continue
        proof_id = proof["id"]
        if not isinstance(proof_id, str) or ":" not in proof_id:
            raise ProofError("A proof id must be a URL", code="proof_malformed")
        if proof_id in by_id:
            raise ProofError(f"Two proofs have the id {proof_id!r}", code="proof_malformed")
        by_id[proof_id] = proof
    return by_id


def _input_document(
    unsecured: dict[str, Any], proof: Mapping[str, Any], by_id: Mapping[str, dict[str, Any]]
) -> dict[str, Any]:
    """The document a proof was made over: without proofs, or with the proofs its previousProof names."""
    previous = proof.get("previousProof")
    if previous is None:
        return unsecured
    ids = previous if isinstance(previous, list) else [previous]
    if not ids or not all(isinstance(i, str) for i in ids):
        raise ProofError("previousProof must be a string or a list of strings", code="proof_malformed")
    if proof.get("id") in ids:
        raise ProofError("A proof cannot name itself in previousProof", code="proof_malformed")
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ProofError(
            f"previousProof names a proof that is not in the credential: {', '.join(missing)}",
            code="previous_proof_missing",
        )
    return {**unsecured, "proof": [by_id[i] for i in ids]}


def verify_proofs(
    document: Mapping[str, Any],
    resolve_key: Callable[[str], ResolvedKey],
    *,
    expected_controller: str | None = None,
    expected_purpose: str = "assertionMethod",
    memo: SignatureMemo | None = None,
) -> list[ResolvedKey]:
    """Verify every proof on ``document`` (a set, chains included); all must be valid and supported.

    Returns the resolved key of each proof, in the order of the proofs. ``expected_purpose`` is
    ``authentication`` for a presentation. ``memo`` (eddsa-rdfc-2022 proofs only): see
    :class:`SignatureMemo`.
    """
    unsecured, proofs = split_proof(document)
    by_id = _proofs_by_id(proofs)
    resolved = []
    for proof in proofs:
        verifier = _verifier(proof)
        input_document = _input_document(unsecured, proof, by_id)
        options: dict[str, Any] = {"memo": memo} if verifier is eddsa_rdfc_2022.verify_proof else {}
        resolved.append(
            verifier(
                input_document,
                proof,
                resolve_key,
                expected_controller=expected_controller,
                expected_purpose=expected_purpose,
                **options,
            )
        )
    return resolved


__all__ = ["SignatureMemo", "ed25519_signature_2020", "eddsa_rdfc_2022", "verify_proofs"]
