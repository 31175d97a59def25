"""Shared machinery for Data Integrity style proofs over RDF-canonicalised JSON-LD."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..errors import ProofError, ResolutionError, VCError
from ..jsonld import canonize
from ..keys import ED25519, multibase_b58_decode

_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def xsd_datetime(moment: datetime | None = None) -> str:
    """UTC xsd:dateTime with second precision, e.g. ``2010-01-01T19:23:24Z``."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("datetime must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_xsd_datetime(value: Any) -> datetime:
    """Parse an xsd:dateTime with an explicit time zone; raises :class:`ValueError`."""
    if not isinstance(value, str) or not _DATETIME_RE.match(value):
        raise ValueError(f"not an xsd:dateTime with time zone: {value!r}")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class SignatureMemo:
    """Signatures already found valid: (public key, signature, digest of the exact JSON signed over).

    For documents that are the same for every reader (a published status list): the signature over the
    same JSON with the same key is checked once, not on every read. Only successes are kept, and key
    resolution with all its checks (a withdrawn key, the controller, the purpose) still runs every time,
    so a result is never looser than verifying again. Bounded; thread-safe enough (a lost entry costs one
    more verification).
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._seen: dict[tuple[bytes, bytes, bytes], None] = {}

    @staticmethod
    def key(public_key: bytes, signature: bytes, *documents: Any) -> tuple[bytes, bytes, bytes] | None:
        try:
            text = json.dumps(documents, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return None  # not plain JSON: always verified in full
        return public_key, signature, hashlib.sha256(text.encode("utf-8")).digest()

    def __contains__(self, key: object) -> bool:
        return key is not None and key in self._seen

    def add(self, key: tuple[bytes, bytes, bytes] | None) -> None:
        if key is None:
            return
        if len(self._seen) >= self.size:
            self._seen.pop(next(iter(self._seen)), None)
        self._seen[key] = None


def hash_data(unsecured_document: Mapping[str, Any], proof_config: Mapping[str, Any]) -> bytes:
    """SHA-256(canonical proof config) || SHA-256(canonical document) (vc-di-eddsa, Ed25519Signature2020)."""
    config_hash = hashlib.sha256(canonize(proof_config).encode("utf-8")).digest()
    doc_hash = hashlib.sha256(canonize(unsecured_document).encode("utf-8")).digest()
    return config_hash + doc_hash


def split_proof(document: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return (document without ``proof``, list of proofs)."""
    if not isinstance(document, Mapping):
        raise ProofError("Credential must be a JSON object", code="malformed_credential")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proofs = document.get("proof")
    if proofs is None:
        raise ProofError("Credential has no proof", code="proof_missing")
    if isinstance(proofs, Mapping):
        proofs = [proofs]
    if not isinstance(proofs, list) or not proofs or not all(isinstance(p, Mapping) for p in proofs):
        raise ProofError("Credential proof is malformed", code="proof_malformed")
    return unsecured, [dict(p) for p in proofs]


def proof_config_for(
    unsecured: dict[str, Any], proof: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Proof options (proof minus proofValue, with the document's @context) and the document to hash."""
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in config:
        # vc-di-eddsa: the document's @context must start with the proof's @context values.
        proof_ctx = config["@context"] if isinstance(config["@context"], list) else [config["@context"]]
        doc_ctx = unsecured.get("@context")
        doc_ctx = doc_ctx if isinstance(doc_ctx, list) else [doc_ctx]
        if doc_ctx[: len(proof_ctx)] != proof_ctx:
            raise ProofError("Proof @context does not match the document @context", code="proof_malformed")
        unsecured = {**unsecured, "@context": config["@context"]}
    config["@context"] = unsecured.get("@context")
    return config, unsecured


def decode_signature(proof: Mapping[str, Any]) -> bytes:
    value = proof.get("proofValue")
    try:
        signature = multibase_b58_decode(value)
    except ValueError as exc:
        raise ProofError(f"proofValue is not multibase base58btc: {exc}", code="proof_malformed") from exc
    if len(signature) != 64:
        raise ProofError("proofValue is not a 64-byte Ed25519 signature", code="proof_malformed")
    return signature


def check_common_fields(proof: Mapping[str, Any], expected_purpose: str) -> None:
    vm = proof.get("verificationMethod")
    if not isinstance(vm, str) or not vm:
        raise ProofError("Proof has no verificationMethod", code="proof_malformed")
    if proof.get("proofPurpose") != expected_purpose:
        raise ProofError(
            f"Proof purpose is {proof.get('proofPurpose')!r}, expected {expected_purpose!r}",
            code="proof_purpose_mismatch",
        )
    if "created" in proof:
        try:
            parse_xsd_datetime(proof["created"])
        except ValueError as exc:
            raise ProofError(f"Proof created is invalid: {exc}", code="proof_malformed") from exc


def resolve_ed25519(resolve_key, proof: Mapping[str, Any], expected_purpose: str, expected_controller):
    vm_id = proof["verificationMethod"]
    try:
        resolved = resolve_key(vm_id)
    except VCError:
        raise
    except Exception as exc:  # a resolver bug or a network failure on the caller's side
        raise ResolutionError(f"Could not resolve verification method {vm_id!r}: {exc}") from exc
    if resolved is None:
        raise ResolutionError(f"Unknown verification method {vm_id!r}")
    if resolved.public_key.algorithm != ED25519:
        raise ProofError("Verification method is not an Ed25519 key", code="key_type_mismatch")
    if expected_purpose not in resolved.purposes:
        raise ProofError(
            f"Verification method is not authorised for {expected_purpose}", code="proof_purpose_mismatch"
        )
    if expected_controller is not None and resolved.controller != expected_controller:
        raise ProofError(
            f"Verification method controller {resolved.controller!r} is not the issuer "
            f"{expected_controller!r}",
            code="controller_mismatch",
        )
    # The verification method id must belong to its controller's DID/URL, so a resolver returning a
    # key for a foreign id cannot be used to impersonate an issuer.
    if vm_id.split("#", 1)[0] != resolved.controller:
        raise ProofError(
            "Verification method is not controlled by its controller", code="controller_mismatch"
        )
    return resolved
