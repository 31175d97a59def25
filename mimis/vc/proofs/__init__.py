"""Data Integrity proof suites: ``eddsa-rdfc-2022`` (sign/verify) and ``Ed25519Signature2020`` (verify)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..dids import ResolvedKey
from ..errors import ProofError
from . import ed25519_signature_2020, eddsa_rdfc_2022
from ._common import split_proof


def verify_proofs(
    document: Mapping[str, Any],
    resolve_key: Callable[[str], ResolvedKey],
    *,
    expected_controller: str | None = None,
) -> list[ResolvedKey]:
    """Verify every proof on ``document``; all must be valid and of a supported suite."""
    unsecured, proofs = split_proof(document)
    resolved = []
    for proof in proofs:
        if proof.get("type") == eddsa_rdfc_2022.PROOF_TYPE:
            if proof.get("cryptosuite") != eddsa_rdfc_2022.CRYPTOSUITE:
                raise ProofError(
                    f"Unsupported cryptosuite {proof.get('cryptosuite')!r}", code="proof_type_unsupported"
                )
            verifier = eddsa_rdfc_2022.verify_proof
        elif proof.get("type") == ed25519_signature_2020.PROOF_TYPE:
            verifier = ed25519_signature_2020.verify_proof
        else:
            raise ProofError(f"Unsupported proof type {proof.get('type')!r}", code="proof_type_unsupported")
        resolved.append(verifier(unsecured, proof, resolve_key, expected_controller=expected_controller))
    return resolved


__all__ = ["ed25519_signature_2020", "eddsa_rdfc_2022", "verify_proofs"]
