"""VC-JOSE: credentials secured as compact JWS/JWT, implemented on ``cryptography`` (no PyJWT).

Two payload styles:

* ``vc2`` (VC-JOSE-COSE for VC Data Model 2.0): the payload *is* the credential; header
  ``typ: vc+jwt``.
* ``vc11`` (VC Data Model 1.1 JWT encoding, used by 1EdTech OB 3.0): registered claims ``iss``, ``sub``,
  ``nbf``, ``jti``, ``exp`` plus the credential in the ``vc`` claim; header ``typ: JWT``.

Verification only accepts algorithms on an explicit allow-list (``none`` can never be allowed) and
requires the signing key to match the algorithm.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from .credentials import issuer_id
from .dids import ResolvedKey
from .errors import JWTError, VCError
from .keys import ED25519, P256, PrivateKey, b64url_decode, b64url_encode
from .proofs._common import parse_xsd_datetime

#: alg -> key algorithm. ``none`` and HMAC algorithms are deliberately absent.
SUPPORTED_ALGORITHMS: dict[str, str] = {"ES256": P256, "EdDSA": ED25519}
DEFAULT_ALLOWED_ALGORITHMS: tuple[str, ...] = ("ES256",)
VC2_TYP = "vc+jwt"
_ACCEPTED_TYPS = {None, "vc+jwt", "vc+ld+json+jwt", "JWT", "vc+ld+jwt"}
MAX_TOKEN_LENGTH = 1_000_000

Style = Literal["vc2", "vc11"]


@dataclass(frozen=True)
class JwtVerification:
    """A verified token: protected header, full payload, the credential and the key used."""

    header: dict[str, Any]
    payload: dict[str, Any]
    credential: dict[str, Any]
    key: ResolvedKey
    style: Style


def _json_b64(obj: Mapping[str, Any]) -> str:
    return b64url_encode(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def _epoch(value: str) -> int:
    return int(parse_xsd_datetime(value).timestamp())


def _alg_for(key: PrivateKey) -> str:
    return "ES256" if key.algorithm == P256 else "EdDSA"


def sign_jwt(
    credential: Mapping[str, Any],
    private_key: PrivateKey,
    kid: str,
    *,
    style: Style = "vc2",
    issued_at: datetime | None = None,
) -> str:
    """Sign a credential (without ``proof``) as a compact JWS. P-256 keys give ``ES256``."""
    if "proof" in credential:
        raise JWTError("Credential secured as JWT must not carry an embedded proof", code="jwt_invalid_input")
    issuer = issuer_id(credential)
    if issuer is None or kid.split("#", 1)[0] != issuer:
        raise JWTError(
            "kid must be a verification method of the credential issuer", code="issuer_key_mismatch"
        )
    alg = _alg_for(private_key)
    if style == "vc2":
        header = {"alg": alg, "kid": kid, "typ": VC2_TYP}
        payload: dict[str, Any] = dict(credential)
    elif style == "vc11":
        header = {"alg": alg, "kid": kid, "typ": "JWT"}
        payload = {"iss": issuer, "vc": dict(credential)}
        subject = credential.get("credentialSubject")
        if isinstance(subject, Mapping) and isinstance(subject.get("id"), str):
            payload["sub"] = subject["id"]
        if "id" in credential:
            payload["jti"] = credential["id"]
        start = credential.get("validFrom") or credential.get("issuanceDate")
        if start:
            payload["nbf"] = _epoch(start)
        end = credential.get("validUntil") or credential.get("expirationDate")
        if end:
            payload["exp"] = _epoch(end)
        payload["iat"] = int((issued_at or datetime.now(UTC)).timestamp())
    else:
        raise JWTError(f"Unknown JWT style {style!r}", code="jwt_invalid_input")
    signing_input = f"{_json_b64(header)}.{_json_b64(payload)}"
    signature = private_key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(signature)}"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Duplicate members (two "alg"s, two "iss"s) are a classic JOSE confusion attack: refuse them.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate member {key!r}")
        out[key] = value
    return out


def decode_unverified(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """Split and decode a compact JWS without verifying it: (header, payload, signing input, signature)."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise JWTError("Token is not a string or is too large", code="jwt_malformed")
    parts = token.strip().split(".")
    if len(parts) != 3 or not all(parts):
        raise JWTError("Token is not a compact JWS (three non-empty parts)", code="jwt_malformed")
    try:
        header = json.loads(b64url_decode(parts[0]), object_pairs_hook=_no_duplicates)
        payload = json.loads(b64url_decode(parts[1]), object_pairs_hook=_no_duplicates)
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError) as exc:
        raise JWTError(f"Token is not valid base64url JSON: {exc}", code="jwt_malformed") from exc
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise JWTError("JWT header and payload must be JSON objects", code="jwt_malformed")
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), signature


def verify_jwt(
    token: str,
    *,
    resolve_key: Callable[[str], ResolvedKey],
    allowed_algorithms: Iterable[str] = DEFAULT_ALLOWED_ALGORITHMS,
    now: datetime | None = None,
    leeway_seconds: int = 60,
) -> JwtVerification:
    """Verify a VC JWT (either style); raises :class:`JWTError` (or ResolutionError) when invalid.

    Checks: algorithm allow-list, no unknown ``crit``, ``typ``, key type matches ``alg``, signature,
    the key's controller is the credential issuer (and ``iss``), ``nbf``/``exp``.
    """
    header, payload, signing_input, signature = decode_unverified(token)
    alg = header.get("alg")
    allowed = {a for a in allowed_algorithms if a in SUPPORTED_ALGORITHMS}
    if not isinstance(alg, str) or alg not in allowed:
        raise JWTError(f"JWT algorithm {alg!r} is not allowed", code="jwt_algorithm_not_allowed")
    if "crit" in header:
        raise JWTError("JWT uses critical header parameters we do not understand", code="jwt_malformed")
    if header.get("typ") not in _ACCEPTED_TYPS:
        raise JWTError(f"Unexpected JWT typ {header.get('typ')!r}", code="jwt_malformed")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise JWTError("JWT header has no kid", code="jwt_malformed")

    if "vc" in payload:
        style: Style = "vc11"
        credential = payload["vc"]
        if not isinstance(credential, dict):
            raise JWTError("vc claim must be an object", code="jwt_malformed")
    else:
        style = "vc2"
        credential = payload

    try:
        key = resolve_key(kid)
    except VCError:
        raise
    except Exception as exc:
        raise JWTError(f"Could not resolve kid {kid!r}: {exc}", code="key_resolution_failed") from exc
    if key.public_key.algorithm != SUPPORTED_ALGORITHMS[alg]:
        raise JWTError(f"Key type does not match algorithm {alg}", code="key_type_mismatch")
    if "assertionMethod" not in key.purposes:
        raise JWTError("Key is not authorised for assertionMethod", code="proof_purpose_mismatch")
    if not key.public_key.verify(signature, signing_input):
        raise JWTError("JWT signature is invalid", code="signature_invalid")

    issuer = issuer_id(credential)
    if style == "vc11":
        if issuer is None:
            issuer = payload.get("iss")
        elif "iss" in payload and payload["iss"] != issuer:
            raise JWTError("iss does not match the credential issuer", code="controller_mismatch")
    if issuer is None or key.controller != issuer or kid.split("#", 1)[0] != key.controller:
        raise JWTError("Signing key is not controlled by the credential issuer", code="controller_mismatch")

    moment = (now or datetime.now(UTC)).timestamp()
    for claim in ("nbf", "exp", "iat"):
        if claim in payload and (
            not isinstance(payload[claim], int | float) or isinstance(payload[claim], bool)
        ):
            raise JWTError(f"{claim} must be a number", code="jwt_malformed")
    if "nbf" in payload and moment + leeway_seconds < payload["nbf"]:
        raise JWTError("Token is not yet valid", code="not_yet_valid")
    if "exp" in payload and moment - leeway_seconds >= payload["exp"]:
        raise JWTError("Token has expired", code="expired")
    return JwtVerification(header=header, payload=payload, credential=credential, key=key, style=style)
