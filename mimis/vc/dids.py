"""DID documents (``did:web`` for issuers, ``did:key`` for Ed25519) and verification-method resolvers.

A *resolver* is any callable ``resolve_key(verification_method_id) -> ResolvedKey``. The Django side
builds one from its stored did:web documents with :func:`resolver_from_documents`; :func:`resolve_did_key`
handles ``did:key`` offline. :func:`resolve_did_web` fetches a did:web document of an issuer hosted
elsewhere through a ``fetch(url) -> bytes`` function the caller gives (see :mod:`mimis.vc.remote`); the
library itself never opens a connection.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from .errors import InvalidKeyError, ResolutionError, VCError
from .jsonld import DID_V1_CONTEXT, MULTIKEY_CONTEXT
from .keys import ED25519, P256, PublicKey

#: Context for ``JsonWebKey`` verification methods (W3C Controlled Identifiers / VC-JOSE-COSE).
JWK_CONTEXT = "https://w3id.org/security/jwk/v1"


@dataclass(frozen=True)
class ResolvedKey:
    """A verification method resolved to its public key and controller."""

    id: str
    controller: str
    public_key: PublicKey
    #: Verification relationships the DID document lists this method under, e.g. {"assertionMethod"}.
    purposes: frozenset[str] = frozenset({"assertionMethod"})


Resolver = Callable[[str], ResolvedKey]


def did_web_from_url(url: str) -> str:
    """``https://example.com:8443/org/x`` -> ``did:web:example.com%3A8443:org:x`` (did:web method spec)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("did:web requires an https URL with a host")
    host = parts.hostname + (quote(f":{parts.port}", safe="") if parts.port else "")
    path = [quote(p, safe="") for p in parts.path.split("/") if p]
    if path == [".well-known", "did.json"]:
        path = []
    return ":".join(["did", "web", host, *path])


# A host name (or IPv4 address) with an optional port, after %3A has been decoded.
_DID_WEB_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?")
# A path segment: unreserved characters and percent-escapes only, so it cannot add "/", "?" or "#".
_DID_WEB_SEGMENT = re.compile(r"(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+")


def did_web_document_url(did: str) -> str:
    """Where a did:web document lives (did:web method spec, "Read (Resolve)").

    ``did:web:example.com`` -> ``https://example.com/.well-known/did.json``;
    ``did:web:example.com%3A8443:org:x`` -> ``https://example.com:8443/org/x/did.json``.
    Raises :class:`ValueError` for anything that is not a well-formed did:web DID (a DID URL with a
    fragment or query, an empty or dot segment, a user name, a host with other characters).
    """
    if not did.startswith("did:web:"):
        raise ValueError("not a did:web DID")
    host, *path = did[len("did:web:") :].split(":")
    host = host.replace("%3A", ":").replace("%3a", ":")
    if not _DID_WEB_HOST.fullmatch(host):
        raise ValueError(f"did:web host {host!r} is not a host name")
    for segment in path:
        if not _DID_WEB_SEGMENT.fullmatch(segment) or segment in {".", ".."}:
            raise ValueError(f"did:web path segment {segment!r} is not allowed")
    if path:
        return f"https://{host}/" + "/".join(path) + "/did.json"
    return f"https://{host}/.well-known/did.json"


def resolve_did_web(did: str, fetch: Callable[[str], bytes]) -> dict[str, Any]:
    """Fetch and check the DID document of ``did`` with ``fetch(url) -> bytes``.

    The document must be a JSON object whose ``id`` is ``did``; anything else raises
    :class:`ResolutionError` (fetch errors that are :class:`VCError` pass through).
    """
    try:
        url = did_web_document_url(did)
    except ValueError as exc:
        raise ResolutionError(f"{did!r} is not a valid did:web DID: {exc}", code="invalid_did") from exc
    try:
        raw = fetch(url)
    except VCError:
        raise
    except Exception as exc:
        raise ResolutionError(f"The DID document {url} could not be fetched: {exc}") from exc
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ResolutionError(f"The DID document at {url} is not JSON", code="did_document_invalid") from exc
    if not isinstance(document, dict) or document.get("id") != did:
        found = document.get("id") if isinstance(document, dict) else None
        raise ResolutionError(
            f"The document at {url} is for {found!r}, not {did}", code="did_document_invalid"
        )
    return document


def did_web_resolver(fetch: Callable[[str], bytes]) -> Resolver:
    """A resolver for verification methods of did:web DIDs, fetching each DID document with ``fetch``."""

    def resolve(verification_method: str) -> ResolvedKey:
        did = verification_method.split("#", 1)[0]
        if not did.startswith("did:web:"):
            raise ResolutionError(f"{did!r} is not a did:web DID")
        try:
            table = resolver_from_documents([resolve_did_web(did, fetch)], allow_did_key=False)
        except InvalidKeyError as exc:
            raise ResolutionError(f"The DID document of {did} has an invalid key: {exc}") from exc
        return table(verification_method)

    return resolve


def multikey_verification_method(controller: str, public_key: PublicKey, fragment: str | None = None) -> dict:
    """A ``Multikey`` verification method; the fragment defaults to the multibase value."""
    multibase = public_key.to_multibase()
    return {
        "id": f"{controller}#{fragment or multibase}",
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": multibase,
    }


def jwk_verification_method(controller: str, public_key: PublicKey, fragment: str) -> dict:
    """A ``JsonWebKey`` verification method (used for ES256 VC-JOSE)."""
    return {
        "id": f"{controller}#{fragment}",
        "type": "JsonWebKey",
        "controller": controller,
        "publicKeyJwk": public_key.to_jwk(),
    }


def did_web_document(did: str, keys: Iterable[tuple[str, PublicKey]]) -> dict[str, Any]:
    """Build a did:web DID document.

    ``keys`` are ``(fragment, public_key)`` pairs. Each key becomes a ``Multikey`` method; P-256 keys
    additionally get a ``JsonWebKey`` method (fragment ``<fragment>-jwk``) because JOSE verifiers look
    for ``publicKeyJwk``. All methods are listed under ``assertionMethod`` and ``authentication``.
    """
    if not did.startswith("did:web:"):
        raise ValueError("not a did:web DID")
    methods: list[dict[str, Any]] = []
    for fragment, key in keys:
        methods.append(multikey_verification_method(did, key, fragment))
        if key.algorithm == P256:
            methods.append(jwk_verification_method(did, key, f"{fragment}-jwk"))
    contexts = [DID_V1_CONTEXT, MULTIKEY_CONTEXT]
    if any(m["type"] == "JsonWebKey" for m in methods):
        contexts.append(JWK_CONTEXT)
    ids = [m["id"] for m in methods]
    return {
        "@context": contexts,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def did_key_from_public_key(public_key: PublicKey) -> str:
    """``did:key`` for an Ed25519 key."""
    if public_key.algorithm != ED25519:
        raise InvalidKeyError("did:key is only supported for Ed25519 keys")
    return "did:key:" + public_key.to_multibase()


def did_key_document(did: str) -> dict[str, Any]:
    """Expand an Ed25519 ``did:key`` into its DID document."""
    key = _did_key_public_key(did)
    method = multikey_verification_method(did, key, did[len("did:key:") :])
    ids = [method["id"]]
    return {
        "@context": [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [method],
        "assertionMethod": ids,
        "authentication": ids,
        "capabilityInvocation": ids,
        "capabilityDelegation": ids,
    }


def _did_key_public_key(did: str) -> PublicKey:
    if not did.startswith("did:key:z"):
        raise ResolutionError(f"Not a did:key: {did!r}")
    key = PublicKey.from_multibase(did[len("did:key:") :])
    if key.algorithm != ED25519:
        raise ResolutionError("Only Ed25519 did:key identifiers are supported")
    return key


def resolve_did_key(verification_method: str) -> ResolvedKey:
    """Resolve ``did:key:z6Mk...#z6Mk...`` offline."""
    did, _, fragment = verification_method.partition("#")
    try:
        key = _did_key_public_key(did)
    except InvalidKeyError as exc:
        raise ResolutionError(f"Invalid did:key: {exc}") from exc
    if fragment != did[len("did:key:") :]:
        raise ResolutionError("did:key verification method fragment does not match the key")
    return ResolvedKey(
        id=verification_method,
        controller=did,
        public_key=key,
        purposes=frozenset({"assertionMethod", "authentication", "capabilityInvocation"}),
    )


def public_key_from_method(method: Mapping[str, Any]) -> PublicKey:
    """Public key of a verification method (Multikey, JsonWebKey or Ed25519VerificationKey2020)."""
    if "publicKeyMultibase" in method:
        return PublicKey.from_multibase(method["publicKeyMultibase"])
    if "publicKeyJwk" in method:
        return PublicKey.from_jwk(method["publicKeyJwk"])
    raise InvalidKeyError("Verification method has neither publicKeyMultibase nor publicKeyJwk")


def _relationship_ids(doc: Mapping[str, Any], relationship: str) -> set[str]:
    out = set()
    for entry in doc.get(relationship, []) or []:
        if isinstance(entry, str):
            out.add(entry if not entry.startswith("#") else doc["id"] + entry)
        elif isinstance(entry, Mapping) and "id" in entry:
            out.add(entry["id"])
    return out


def resolver_from_documents(
    documents: Iterable[Mapping[str, Any]], *, allow_did_key: bool = True
) -> Resolver:
    """Build a resolver from DID (or controller) documents the caller already trusts/fetched.

    Unknown verification methods raise :class:`ResolutionError`; ``did:key`` is resolved offline when
    ``allow_did_key``.
    """
    table: dict[str, ResolvedKey] = {}
    for doc in documents:
        purposes_by_id: dict[str, set[str]] = {}
        for rel in ("assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"):
            for vm_id in _relationship_ids(doc, rel):
                purposes_by_id.setdefault(vm_id, set()).add(rel)
        embedded = [
            m
            for rel in ("assertionMethod", "authentication")
            for m in doc.get(rel, []) or []
            if isinstance(m, Mapping)
        ]
        for method in list(doc.get("verificationMethod", []) or []) + embedded:
            vm_id = method.get("id") if isinstance(method, Mapping) else None
            if not isinstance(vm_id, str) or not isinstance(doc.get("id"), str):
                raise ResolutionError("DID document has a verification method without an id")
            if vm_id.startswith("#"):
                vm_id = doc["id"] + vm_id
            table[vm_id] = ResolvedKey(
                id=vm_id,
                controller=method.get("controller", doc["id"]),
                public_key=public_key_from_method(method),
                purposes=frozenset(purposes_by_id.get(vm_id, set())),
            )

    def resolve(verification_method: str) -> ResolvedKey:
        if verification_method in table:
            return table[verification_method]
        if allow_did_key and verification_method.startswith("did:key:"):
            return resolve_did_key(verification_method)
        raise ResolutionError(f"Unknown verification method {verification_method!r}")

    return resolve


__all__ = [
    "ED25519",
    "P256",
    "ResolvedKey",
    "Resolver",
    "did_key_document",
    "did_key_from_public_key",
    "did_web_document",
    "did_web_document_url",
    "did_web_from_url",
    "did_web_resolver",
    "jwk_verification_method",
    "multikey_verification_method",
    "public_key_from_method",
    "resolve_did_key",
    "resolve_did_web",
    "resolver_from_documents",
]
