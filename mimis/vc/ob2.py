"""Open Badges 2.0 assertions from other platforms: recognise them, take them out of baked images, and
verify what can be verified.

OB 2.0 has two kinds of verification, and both need the issuer's web server:

* **hosted**: the assertion lives at its ``id`` URL; it is genuine if the issuer still serves the same
  assertion there (and does not mark it revoked);
* **signed**: a compact JWS (RS256) whose key is published at ``verification.creator``, owned by the
  issuer profile; revocation is in the profile's ``revocationList``.

The library never fetches anything on its own: :func:`verify_assertion` takes a ``fetch(url) -> bytes``
function, or None when nothing may be fetched. Without it the checks that need the network fail with
code ``network_needed`` (never reported as passed); a signature that does not match is
``signature_invalid`` whatever the network.

Baked OB 2.0 images carry the assertion in a PNG ``iTXt`` (or old ``tEXt``) chunk with keyword
``openbadges``, or an SVG ``<openbadges:assertion>`` element (``verify`` attribute: a JWS or URL; body:
JSON). The same size and decompression limits as :mod:`mimis.vc.baking` apply.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from . import baking
from .errors import BakingError, VCError
from .jwt import decode_unverified
from .proofs._common import parse_xsd_datetime
from .verify import CheckResult, VerificationResult

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
OB2_PNG_KEYWORD = b"openbadges"
MAX_FETCH_BYTES = 512 * 1024

Fetch = Callable[[str], bytes]
Assertion = dict[str, Any] | str  # JSON assertion, compact JWS, or (only in images) a hosted URL

NETWORK_NEEDED = "network_needed"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def is_assertion(document: Any) -> bool:
    """An OB 2.0 assertion: the OB 2.0 context (or none, as some exporters do) and type Assertion."""
    if not isinstance(document, Mapping):
        return False
    contexts = _as_list(document.get("@context"))
    if contexts and not any(
        isinstance(c, str) and c.startswith("https://w3id.org/openbadges/v2") for c in contexts
    ):
        return False
    return "Assertion" in _as_list(document.get("type")) and "badge" in document


def is_signed_assertion(token: Any) -> bool:
    """A compact JWS whose payload is an OB 2.0 assertion."""
    if not isinstance(token, str) or token.count(".") != 2:
        return False
    try:
        _header, payload, _input, _signature = decode_unverified(token)
    except VCError:
        return False
    return is_assertion(payload)


# --- baked images ------------------------------------------------------------------------------------

_SVG_ASSERTION = re.compile(
    r"<openbadges:assertion(?P<attrs>(?:[^>\"'/]|\"[^\"]*\"|'[^']*')*)"
    r"(?:/>|>(?P<body>.*?)</openbadges:assertion\s*>)",
    re.S,
)
_VERIFY_ATTR = re.compile(r"\sverify\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _parse_content(text: str) -> Assertion:
    """What an OB 2.0 image carries: what OB 3.0 images carry (JSON or a JWS), or a hosted assertion's URL."""
    text = text.strip()
    if text.startswith(("https://", "http://")):
        return text
    return baking._parse(text)


def extract_png(image: bytes, *, max_image_bytes: int = baking.MAX_IMAGE_BYTES) -> Assertion | None:
    baking._check_size(image, max_image_bytes)
    found: list[str] = []
    for ctype, payload, _start, _end in baking._png_chunks(image):
        if ctype == b"iTXt":
            _keyword, text = baking._parse_itxt(payload, baking.MAX_CREDENTIAL_BYTES, OB2_PNG_KEYWORD)
            if text is not None:
                found.append(text)
        elif ctype == b"tEXt":
            keyword, _sep, text_bytes = payload.partition(b"\0")
            if keyword == OB2_PNG_KEYWORD:
                if len(text_bytes) > baking.MAX_CREDENTIAL_BYTES:
                    raise BakingError("Embedded assertion is too large", code="credential_too_large")
                found.append(text_bytes.decode("latin-1"))
    if not found:
        return None
    if len(found) > 1:
        raise BakingError("PNG contains more than one baked assertion", code="baking_ambiguous")
    return _parse_content(found[0])


def extract_svg(svg: bytes, *, max_image_bytes: int = baking.MAX_IMAGE_BYTES) -> Assertion | None:
    text = baking._decode_svg(svg, max_image_bytes)
    matches = list(_SVG_ASSERTION.finditer(text))
    if not matches:
        return None
    if len(matches) > 1:
        raise BakingError("SVG contains more than one baked assertion", code="baking_ambiguous")
    match = matches[0]
    body = match.group("body") or ""
    sections = re.findall(r"<!\[CDATA\[(.*?)\]\]>", body, re.S)
    content = "".join(sections) if sections else baking._xml_unescape(body)
    if not content.strip():
        verify = _VERIFY_ATTR.search(match.group("attrs") or "")
        if verify:
            content = baking._xml_unescape(
                verify.group(1) if verify.group(1) is not None else verify.group(2)
            )
    if len(content.encode("utf-8")) > baking.MAX_CREDENTIAL_BYTES:
        raise BakingError("Embedded assertion is too large", code="credential_too_large")
    return _parse_content(content)


def extract(image: bytes, *, max_image_bytes: int = baking.MAX_IMAGE_BYTES) -> Assertion | None:
    """The OB 2.0 assertion baked into a PNG or SVG, or None if there is none."""
    if image.startswith(baking.PNG_SIGNATURE):
        return extract_png(image, max_image_bytes=max_image_bytes)
    if baking._is_svg(image):
        return extract_svg(image, max_image_bytes=max_image_bytes)
    raise BakingError("Only PNG and SVG images can be baked", code="image_format_unsupported")


# --- verification ------------------------------------------------------------------------------------


def _fetch_json(fetch: Fetch, url: str) -> dict[str, Any]:
    data = fetch(url)
    if len(data) > MAX_FETCH_BYTES:
        raise VCError(f"{url} answered with more than {MAX_FETCH_BYTES} bytes", code="fetch_failed")
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise VCError(f"{url} did not answer with JSON", code="fetch_failed") from exc
    if not isinstance(value, dict):
        raise VCError(f"{url} did not answer with a JSON object", code="fetch_failed")
    return value


def _id_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("id"), str):
        return value["id"]
    return None


def badge_class(assertion: Mapping[str, Any], fetch: Fetch | None) -> dict[str, Any] | None:
    """The assertion's BadgeClass: embedded, or fetched when allowed."""
    badge = assertion.get("badge")
    if isinstance(badge, Mapping):
        return dict(badge)
    if isinstance(badge, str) and fetch is not None:
        return _fetch_json(fetch, badge)
    return None


def issuer_profile(badge: Mapping[str, Any] | None, fetch: Fetch | None) -> dict[str, Any] | None:
    if badge is None:
        return None
    issuer = badge.get("issuer")
    if isinstance(issuer, Mapping):
        return dict(issuer)
    if isinstance(issuer, str) and fetch is not None:
        return _fetch_json(fetch, issuer)
    return None


def _check_schema(assertion: Mapping[str, Any]) -> CheckResult:
    for key in ("recipient", "badge", "verification", "issuedOn"):
        if key not in assertion:
            return CheckResult("schema", False, "schema_invalid", f"An OB 2.0 assertion needs {key}")
    if not isinstance(assertion.get("verification"), Mapping):
        return CheckResult("schema", False, "schema_invalid", "verification must be an object")
    return CheckResult("schema", True)


def _check_validity(assertion: Mapping[str, Any], now: datetime) -> CheckResult:
    try:
        issued = parse_xsd_datetime(str(assertion["issuedOn"])) if "issuedOn" in assertion else None
        expires = parse_xsd_datetime(str(assertion["expires"])) if assertion.get("expires") else None
    except ValueError as exc:
        return CheckResult("validity", False, "invalid_datetime", str(exc))
    if issued is not None and now < issued:
        return CheckResult("validity", False, "not_yet_valid", "The assertion is not valid yet")
    if expires is not None and now >= expires:
        return CheckResult("validity", False, "expired", f"The assertion expired at {assertion['expires']}")
    return CheckResult("validity", True)


def _network_needed(name: str, what: str) -> CheckResult:
    return CheckResult(
        name, False, NETWORK_NEEDED, f"{what} needs the issuer's web server, which is not fetched here"
    )


def _verify_jws(
    payload: Mapping[str, Any],
    header: Mapping[str, Any],
    signing_input: bytes,
    signature: bytes,
    fetch: Fetch | None,
) -> tuple[CheckResult, dict[str, Any] | None]:
    if header.get("alg") != "RS256":
        return CheckResult("proof", False, "jwt_algorithm_not_allowed", "OB 2.0 signatures use RS256"), None
    creator = (
        payload.get("verification", {}).get("creator")
        if isinstance(payload.get("verification"), Mapping)
        else None
    )
    if not isinstance(creator, str):
        return CheckResult(
            "proof", False, "proof_malformed", "verification.creator (the key's URL) is missing"
        ), None
    if fetch is None:
        return _network_needed("proof", "Checking the signature"), None
    try:
        key_document = _fetch_json(fetch, creator)
        public_key = load_pem_public_key(str(key_document.get("publicKeyPem", "")).encode("ascii"))
    except (VCError, ValueError) as exc:
        return CheckResult(
            "proof", False, "key_resolution_failed", f"The key at {creator} could not be read: {exc}"
        ), None
    if not isinstance(public_key, rsa.RSAPublicKey):
        return CheckResult("proof", False, "key_type_mismatch", "The key is not an RSA key"), None
    try:
        public_key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return CheckResult(
            "proof", False, "signature_invalid", "The signature does not match the assertion"
        ), None
    return CheckResult("proof", True), key_document


def verify_assertion(
    assertion: Assertion, *, fetch: Fetch | None = None, now: datetime | None = None
) -> VerificationResult:
    """Verify an OB 2.0 assertion (JSON or compact JWS) with named checks like :func:`mimis.vc.verify`.

    Raises :class:`VCError` for input that is not an OB 2.0 assertion at all.
    """
    now = now or datetime.now(UTC)
    result = VerificationResult()
    key_document: dict[str, Any] | None = None
    if isinstance(assertion, str):
        if assertion.startswith(("https://", "http://")):
            if fetch is None:
                raise VCError("The badge holds only the address of a hosted assertion", code=NETWORK_NEEDED)
            assertion = _fetch_json(fetch, assertion)
        else:
            header, payload, signing_input, signature = decode_unverified(assertion)
            if not is_assertion(payload):
                raise VCError("The JWS does not hold an Open Badges 2.0 assertion", code="not_ob2")
            proof, key_document = _verify_jws(payload, header, signing_input, signature, fetch)
            document: dict[str, Any] = payload
            result.checks.append(_check_schema(document))
            result.checks.append(proof)
            return _finish(result, document, fetch, now, signed=True, key_document=key_document)
    if not is_assertion(assertion):
        raise VCError("This is not an Open Badges 2.0 assertion", code="not_ob2")
    document = dict(assertion)
    result.checks.append(_check_schema(document))
    verification = document.get("verification") if isinstance(document.get("verification"), Mapping) else {}
    kind = str(verification.get("type", "")).lower()
    if kind in ("signed", "signedbadge"):
        result.checks.append(
            CheckResult(
                "proof", False, "proof_missing", "A signed assertion must be imported as its JWS, not as JSON"
            )
        )
        return _finish(result, document, fetch, now, signed=True, key_document=None)
    if kind not in ("hosted", "hostedbadge"):
        result.checks.append(
            CheckResult("proof", False, "proof_type_unsupported", f"Unknown verification type {kind!r}")
        )
        return _finish(result, document, fetch, now, signed=False, key_document=None)
    if fetch is None:
        result.checks.append(_network_needed("proof", "Checking a hosted assertion"))
        return _finish(result, document, None, now, signed=False, key_document=None)
    try:
        hosted = _fetch_json(fetch, str(document.get("id", "")))
    except VCError as exc:
        result.checks.append(CheckResult("proof", False, "fetch_failed", exc.message))
        return _finish(result, document, fetch, now, signed=False, key_document=None)
    if {k: v for k, v in hosted.items() if k != "revoked"} != {
        k: v for k, v in document.items() if k != "revoked"
    }:
        result.checks.append(
            CheckResult(
                "proof",
                False,
                "hosted_mismatch",
                "The issuer's server has a different assertion at this address",
            )
        )
    else:
        result.checks.append(CheckResult("proof", True))
        document["revoked"] = hosted.get("revoked", False)
        document["revocationReason"] = hosted.get("revocationReason")
    return _finish(result, document, fetch, now, signed=False, key_document=None)


def _finish(
    result: VerificationResult,
    document: Mapping[str, Any],
    fetch: Fetch | None,
    now: datetime,
    *,
    signed: bool,
    key_document: Mapping[str, Any] | None,
) -> VerificationResult:
    try:
        badge = badge_class(document, fetch)
        profile = issuer_profile(badge, fetch)
    except VCError:
        badge, profile = None, None
    issuer = _id_of(badge.get("issuer")) if badge else None
    result.issuer = issuer
    proof_ok = any(c.name == "proof" and c.ok for c in result.checks)
    if issuer is None:
        result.checks.append(
            _network_needed("issuer", "Finding the issuer")
            if fetch is None
            else CheckResult("issuer", False, "issuer_missing", "The badge names no issuer")
        )
    elif not proof_ok:
        result.checks.append(
            CheckResult("issuer", False, "issuer_unverified", "Issuer could not be bound to a valid proof")
        )
    elif signed and key_document is not None and key_document.get("owner") != issuer:
        result.checks.append(
            CheckResult(
                "issuer",
                False,
                "controller_mismatch",
                "The signing key does not belong to the badge's issuer",
            )
        )
    elif not signed and urlsplit(str(document.get("id", ""))).netloc != urlsplit(issuer).netloc:
        result.checks.append(
            CheckResult(
                "issuer", False, "controller_mismatch", "The assertion is not hosted by the badge's issuer"
            )
        )
    else:
        result.checks.append(CheckResult("issuer", True))
    result.checks.append(_check_validity(document, now))
    result.checks.append(_check_status(document, profile, fetch, signed=signed))
    return result


def _check_status(
    document: Mapping[str, Any], profile: Mapping[str, Any] | None, fetch: Fetch | None, *, signed: bool
) -> CheckResult:
    if document.get("revoked") is True:
        return CheckResult("status", False, "revoked", "The issuer has revoked the assertion")
    if not signed:
        if fetch is None:
            return _network_needed("status", "Checking for revocation")
        return CheckResult("status", True)
    if profile is None:
        return (
            _network_needed("status", "Checking for revocation")
            if fetch is None
            else CheckResult(
                "status", True, "no_status", "The issuer publishes no revocation list", skipped=True
            )
        )
    url = profile.get("revocationList")
    if not isinstance(url, str):
        return CheckResult(
            "status", True, "no_status", "The issuer publishes no revocation list", skipped=True
        )
    if fetch is None:
        return _network_needed("status", "Checking the revocation list")
    try:
        revocations = _fetch_json(fetch, url)
    except VCError as exc:
        return CheckResult("status", False, "status_list_unavailable", exc.message)
    assertion_id = document.get("id")
    for entry in _as_list(revocations.get("revokedAssertions")):
        if entry == assertion_id or (isinstance(entry, Mapping) and entry.get("id") == assertion_id):
            return CheckResult("status", False, "revoked", "The issuer has revoked the assertion")
    return CheckResult("status", True)
