"""Verify a verifiable credential (VC 1.1 or 2.0) secured with Data Integrity proofs or as a JWT.

:func:`verify_credential` never raises for an invalid credential: it returns a
:class:`VerificationResult` listing named checks (``schema``, ``proof``, ``issuer``, ``validity``,
``status``), each with a stable error ``code`` (the Django side translates by code) and an English
message, and says what ``kind`` of credential it is: an Open Badge (``open_badge``, checked against the
Open Badges 3.0 structure), an endorsement (``endorsement``) or any other well-formed verifiable
credential (``verifiable_credential``, checked against the VC Data Model rules only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from .credentials import issuer_id
from .dids import ResolvedKey
from .errors import VCError
from .jsonld import VC_V1_CONTEXT, VC_V2_CONTEXT
from .jwt import DEFAULT_ALLOWED_ALGORITHMS, verify_jwt
from .proofs import SignatureMemo, verify_proofs
from .proofs._common import parse_xsd_datetime
from .status import make_status_checker as make_bitstring_status_checker
from .status import status_failure
from .status2021 import STATUS_LIST_2021_ENTRY, make_status_list_2021_checker

#: ``status_checker(entry) -> bool``: True when the entry's status bit is set (revoked/suspended); for a
#: multi-bit ``message`` entry a :class:`~mimis.vc.status.StatusValue` (see ``status_failure``).
#: It should raise :class:`~mimis.vc.errors.VCError` when the status list cannot be obtained or verified.
StatusChecker = Callable[[Mapping[str, Any]], bool]

OB_CREDENTIAL_TYPES = {"OpenBadgeCredential", "AchievementCredential"}

#: What a credential is, as :attr:`VerificationResult.kind` reports it.
KIND_OPEN_BADGE = "open_badge"
KIND_ENDORSEMENT = "endorsement"
KIND_PLAIN = "verifiable_credential"


def credential_kind(doc: Mapping[str, Any]) -> str:
    """``open_badge``, ``endorsement`` or ``verifiable_credential`` (any other VC), from its ``type``."""
    types = set(_as_list(doc.get("type"))) if isinstance(doc, Mapping) else set()
    if "EndorsementCredential" in types:
        return KIND_ENDORSEMENT
    if OB_CREDENTIAL_TYPES & types:
        return KIND_OPEN_BADGE
    return KIND_PLAIN


def make_status_checker(
    fetch: Callable[[str], Mapping[str, Any]],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    expected_issuer: str | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> StatusChecker:
    """A ``status_checker`` that reads Bitstring Status List entries and (VC 1.1 era) StatusList2021 ones.

    ``fetch(url)`` returns the status list credential as a dict (the caller does HTTP and caching);
    ``proof_memo`` spares checking a list's signature again (see :class:`~mimis.vc.proofs.SignatureMemo`).
    """
    bitstring = make_bitstring_status_checker(
        fetch, resolve_key=resolve_key, expected_issuer=expected_issuer, now=now, proof_memo=proof_memo
    )
    status_2021 = make_status_list_2021_checker(
        fetch, resolve_key=resolve_key, expected_issuer=expected_issuer, now=now, proof_memo=proof_memo
    )

    def checker(entry: Mapping[str, Any]) -> bool:
        if entry.get("type") == STATUS_LIST_2021_ENTRY:
            return status_2021(entry)
        return bitstring(entry)

    return checker


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    code: str = "ok"
    message: str = ""
    #: True when the check did not apply (e.g. no credentialStatus) or could not be run.
    skipped: bool = False


@dataclass
class VerificationResult:
    checks: list[CheckResult] = field(default_factory=list)
    issuer: str | None = None
    verification_methods: list[str] = field(default_factory=list)
    #: ``open_badge``, ``endorsement`` or ``verifiable_credential`` (see :func:`credential_kind`).
    kind: str = KIND_PLAIN

    @property
    def verified(self) -> bool:
        """True when every check passed (skipped checks count as passed)."""
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def errors(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.ok]

    def check(self, name: str) -> CheckResult:
        """The result of the named check; raises :class:`KeyError` if it was not run."""
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "issuer": self.issuer,
            "verificationMethods": self.verification_methods,
            "kind": self.kind,
            "checks": [asdict(c) for c in self.checks],
        }


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_url(value: Any) -> bool:
    """A URL in the VC Data Model's sense: an absolute IRI with a scheme (``did:``, ``https:``, ``urn:``)."""
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    scheme, sep, rest = value.partition(":")
    return bool(sep and rest and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme))


def _check_vc_structure(doc: Mapping[str, Any], fail: Callable[[str], CheckResult]) -> CheckResult | None:
    """The VC Data Model rules every credential must meet (v2.0 §4, and v1.1 §4 for VC 1.1 ones)."""
    if "id" in doc and not _is_url(doc["id"]):
        return fail("id must be a single URL")
    if not all(isinstance(t, str) and t for t in _as_list(doc.get("type"))):
        return fail("type must be a string or a list of strings")
    issuer = doc.get("issuer")
    if issuer_id(doc) is None or not _is_url(issuer_id(doc)):
        return fail("issuer must be a URL or an object with an id that is a URL")
    if isinstance(issuer, Mapping) and "id" not in issuer:
        return fail("issuer must be a URL or an object with an id that is a URL")
    subjects = _as_list(doc.get("credentialSubject"))
    if not subjects:
        return fail("credentialSubject is required")
    for subject in subjects:
        if not isinstance(subject, Mapping) or not subject:
            return fail("credentialSubject must be one or more objects with at least one claim")
        if "id" in subject and not _is_url(subject["id"]):
            return fail("credentialSubject.id must be a URL")
    for status in _as_list(doc.get("credentialStatus")):
        if not isinstance(status, Mapping) or not isinstance(status.get("type"), str):
            return fail("each credentialStatus must be an object with a type")
        if "id" in status and not _is_url(status["id"]):
            return fail("credentialStatus.id must be a URL")
    return None


def _check_schema(doc: Mapping[str, Any]) -> CheckResult:
    """Structural checks that do not need JSON-LD (full JSON-schema validation is a test concern).

    Every credential must meet the VC Data Model rules; an Open Badge or an endorsement must also have
    the Open Badges 3.0 structure of its kind.
    """

    def fail(message: str) -> CheckResult:
        return CheckResult("schema", False, "schema_invalid", message)

    contexts = _as_list(doc.get("@context"))
    if not contexts or contexts[0] not in (VC_V2_CONTEXT, VC_V1_CONTEXT):
        return fail("The first @context must be the W3C Verifiable Credentials context")
    types = _as_list(doc.get("type"))
    if "VerifiableCredential" not in types:
        return fail("type must include VerifiableCredential")
    problem = _check_vc_structure(doc, fail)
    if problem is not None:
        return problem
    kind = credential_kind(doc)
    if kind == KIND_ENDORSEMENT:
        return _check_endorsement_schema(doc, fail)
    if kind == KIND_PLAIN:
        return CheckResult("schema", True)
    subjects = _as_list(doc.get("credentialSubject"))
    if len(subjects) != 1 or not isinstance(subjects[0], Mapping):
        return fail("credentialSubject must be a single object")
    achievement = subjects[0].get("achievement")
    if not isinstance(achievement, Mapping):
        return fail("credentialSubject.achievement is required")
    for key in ("id", "name", "description", "criteria"):
        if key not in achievement:
            return fail(f"credentialSubject.achievement.{key} is required")
    if "Achievement" not in _as_list(achievement.get("type")):
        return fail("credentialSubject.achievement.type must include Achievement")
    return CheckResult("schema", True)


def _check_endorsement_schema(doc: Mapping[str, Any], fail: Callable[[str], CheckResult]) -> CheckResult:
    """An OB 3.0 EndorsementCredential: an issuer vouching for the subject its ``id`` names."""
    if issuer_id(doc) is None:
        return fail("issuer must be an IRI or a Profile with an id")
    subjects = _as_list(doc.get("credentialSubject"))
    if len(subjects) != 1 or not isinstance(subjects[0], Mapping):
        return fail("credentialSubject must be a single object")
    if not isinstance(subjects[0].get("id"), str) or ":" not in subjects[0]["id"]:
        return fail("credentialSubject.id must name what is endorsed")
    if "EndorsementSubject" not in _as_list(subjects[0].get("type")):
        return fail("credentialSubject.type must include EndorsementSubject")
    return CheckResult("schema", True)


def _check_validity(doc: Mapping[str, Any], now: datetime) -> CheckResult:
    v2 = _as_list(doc.get("@context"))[:1] == [VC_V2_CONTEXT]
    start_key, end_key = ("validFrom", "validUntil") if v2 else ("issuanceDate", "expirationDate")
    try:
        start = parse_xsd_datetime(doc[start_key]) if start_key in doc else None
        end = parse_xsd_datetime(doc[end_key]) if end_key in doc else None
    except ValueError as exc:
        return CheckResult("validity", False, "invalid_datetime", str(exc))
    if not v2 and start is None:
        return CheckResult("validity", False, "invalid_datetime", "issuanceDate is required")
    if start is not None and now < start:
        return CheckResult(
            "validity", False, "not_yet_valid", f"Credential is not valid before {doc[start_key]}"
        )
    if end is not None and now >= end:
        return CheckResult("validity", False, "expired", f"Credential expired at {doc[end_key]}")
    return CheckResult("validity", True)


def _check_status(doc: Mapping[str, Any], status_checker: StatusChecker | None) -> CheckResult:
    entries = _as_list(doc.get("credentialStatus"))
    if not entries:
        return CheckResult("status", True, "no_status", "Credential has no status information", skipped=True)
    if status_checker is None:
        return CheckResult(
            "status", True, "status_not_checked", "Status information was not checked", skipped=True
        )
    for entry in entries:
        if not isinstance(entry, Mapping):
            return CheckResult("status", False, "status_malformed", "credentialStatus entry is not an object")
        try:
            is_set = status_checker(entry)
        except VCError as exc:
            return CheckResult("status", False, exc.code, exc.message)
        failure = status_failure(entry, is_set)
        if failure is not None:
            return CheckResult("status", False, *failure)
    return CheckResult("status", True)


def check_proof_options(
    document: Mapping[str, Any], *, challenge: str | None = None, domain: str | list[str] | None = None
) -> CheckResult:
    """Data Integrity 1.0 §4.2: a verifier that expects a ``challenge`` / ``domain`` checks every proof.

    The ``proof_options`` check fails with ``invalid_challenge`` or ``invalid_domain`` when a proof does
    not carry the expected value (a proof's ``domain`` may be a list; the expected domain(s) must all
    be in it).
    """
    proofs = _as_list(document.get("proof")) if isinstance(document, Mapping) else []
    if not proofs:
        return CheckResult("proof_options", False, "invalid_challenge", "Credential has no proof")
    for proof in proofs:
        if not isinstance(proof, Mapping):
            return CheckResult("proof_options", False, "invalid_challenge", "Credential proof is malformed")
        if challenge is not None and proof.get("challenge") != challenge:
            return CheckResult(
                "proof_options", False, "invalid_challenge", "A proof does not carry the expected challenge"
            )
        if domain is not None:
            expected = set(_as_list(domain))
            if not expected <= set(_as_list(proof.get("domain"))):
                return CheckResult(
                    "proof_options", False, "invalid_domain", "A proof does not carry the expected domain"
                )
    return CheckResult("proof_options", True)


def verify_credential(
    document: Mapping[str, Any] | str,
    *,
    resolve_key: Callable[[str], ResolvedKey],
    status_checker: StatusChecker | None = None,
    now: datetime | None = None,
    proof_memo: SignatureMemo | None = None,
) -> VerificationResult:
    """Verify proof(s), issuer binding, validity period, status and OB structure of a credential.

    A ``str`` document is treated as a VC-JOSE compact JWT (see :func:`verify_jwt_credential`).
    ``proof_memo``: for documents that are the same for every reader (a stored credential's public
    page), a Data Integrity signature already found valid is not checked again (see ``SignatureMemo``).
    """
    now = now or datetime.now(UTC)
    if isinstance(document, str):
        return verify_jwt_credential(
            document, resolve_key=resolve_key, status_checker=status_checker, now=now
        )
    result = VerificationResult()
    if not isinstance(document, Mapping):
        result.checks.append(
            CheckResult("schema", False, "malformed_credential", "Credential is not an object")
        )
        return result
    result.issuer = issuer_id(document)
    result.kind = credential_kind(document)
    result.checks.append(_check_schema(document))

    resolved: list[ResolvedKey] = []
    try:
        resolved = verify_proofs(document, resolve_key, memo=proof_memo)
        result.verification_methods = [r.id for r in resolved]
        result.checks.append(CheckResult("proof", True))
    except VCError as exc:
        result.checks.append(CheckResult("proof", False, exc.code, exc.message))

    if result.issuer is None:
        result.checks.append(CheckResult("issuer", False, "issuer_missing", "Credential has no issuer id"))
    elif not resolved:
        result.checks.append(
            CheckResult("issuer", False, "issuer_unverified", "Issuer could not be bound to a valid proof")
        )
    elif not any(r.controller == result.issuer for r in resolved):
        # With a proof set, other parties may add proofs (a witness, a notary); the issuer's own proof
        # must be among them.
        result.checks.append(
            CheckResult(
                "issuer",
                False,
                "controller_mismatch",
                "The signing key is not controlled by the credential issuer",
            )
        )
    else:
        result.checks.append(CheckResult("issuer", True))

    result.checks.append(_check_validity(document, now))
    result.checks.append(_check_status(document, status_checker))
    return result


def verify_jwt_credential(
    token: str,
    *,
    resolve_key: Callable[[str], ResolvedKey],
    status_checker: StatusChecker | None = None,
    now: datetime | None = None,
    allowed_algorithms: Iterable[str] = DEFAULT_ALLOWED_ALGORITHMS,
) -> VerificationResult:
    """Like :func:`verify_credential` for a VC-JOSE compact JWT (``proof`` = the JWS signature)."""
    now = now or datetime.now(UTC)
    result = VerificationResult()
    try:
        verified = verify_jwt(token, resolve_key=resolve_key, allowed_algorithms=allowed_algorithms, now=now)
    except VCError as exc:
        result.checks.append(CheckResult("proof", False, exc.code, exc.message))
        # The controller check is part of verify_jwt; a mismatch is reported as an issuer failure.
        if exc.code == "controller_mismatch":
            result.checks[-1] = CheckResult("proof", True)
            result.checks.append(CheckResult("issuer", False, exc.code, exc.message))
        return result
    credential = verified.credential
    result.issuer = issuer_id(credential)
    result.kind = credential_kind(credential)
    result.verification_methods = [verified.key.id]
    result.checks.append(_check_schema(credential))
    result.checks.append(CheckResult("proof", True))
    result.checks.append(CheckResult("issuer", True))
    result.checks.append(_check_validity(credential, now))
    result.checks.append(_check_status(credential, status_checker))
    return result


# --- verifiable presentations ----------------------------------------------------------------------


@dataclass
class PresentationResult:
    """The presentation's own checks (``schema``, ``proof``, ``holder``, ``proof_options``) and its credentials."""

    checks: list[CheckResult] = field(default_factory=list)
    holder: str | None = None
    verification_methods: list[str] = field(default_factory=list)
    #: The embedded credentials, as given (each is verified on its own by the caller).
    credentials: list[Any] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


def _check_presentation_schema(doc: Mapping[str, Any]) -> CheckResult:
    def fail(message: str) -> CheckResult:
        return CheckResult("schema", False, "schema_invalid", message)

    contexts = _as_list(doc.get("@context"))
    if not contexts or contexts[0] not in (VC_V2_CONTEXT, VC_V1_CONTEXT):
        return fail("The first @context must be the W3C Verifiable Credentials context")
    types = _as_list(doc.get("type"))
    if "VerifiablePresentation" not in types or not all(isinstance(t, str) and t for t in types):
        return fail("type must include VerifiablePresentation")
    if "id" in doc and not _is_url(doc["id"]):
        return fail("id must be a single URL")
    holder = doc.get("holder")
    holder_id = holder.get("id") if isinstance(holder, Mapping) else holder
    if holder is not None and not _is_url(holder_id):
        return fail("holder must be a URL or an object with an id that is a URL")
    if not all(isinstance(c, Mapping) for c in _as_list(doc.get("verifiableCredential"))):
        return fail("verifiableCredential must be one or more credential objects")
    return CheckResult("schema", True)


def verify_presentation(
    document: Mapping[str, Any],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    challenge: str | None = None,
    domain: str | list[str] | None = None,
) -> PresentationResult:
    """Verify a presentation's structure and its ``authentication`` proof(s) (VC Data Model 2.0 §4.13).

    When the presentation names a ``holder``, its proof must be by a key the holder controls. The
    embedded credentials are returned, not verified here: the caller verifies each (status lookups
    and issuer knowledge are the caller's).
    """
    result = PresentationResult()
    if not isinstance(document, Mapping):
        result.checks.append(
            CheckResult("schema", False, "malformed_credential", "Presentation is not an object")
        )
        return result
    holder = document.get("holder")
    result.holder = (
        holder.get("id") if isinstance(holder, Mapping) else holder if isinstance(holder, str) else None
    )
    result.checks.append(_check_presentation_schema(document))
    result.credentials = list(_as_list(document.get("verifiableCredential")))
    resolved: list[ResolvedKey] = []
    try:
        resolved = verify_proofs(document, resolve_key, expected_purpose="authentication")
        result.verification_methods = [r.id for r in resolved]
        result.checks.append(CheckResult("proof", True))
    except VCError as exc:
        result.checks.append(CheckResult("proof", False, exc.code, exc.message))
    if result.holder is not None:
        if not resolved:
            result.checks.append(
                CheckResult(
                    "holder", False, "holder_unverified", "The holder could not be bound to a valid proof"
                )
            )
        elif not any(r.controller == result.holder for r in resolved):
            result.checks.append(
                CheckResult(
                    "holder", False, "controller_mismatch", "The presentation was not signed by its holder"
                )
            )
        else:
            result.checks.append(CheckResult("holder", True))
    if challenge is not None or domain is not None:
        result.checks.append(check_proof_options(document, challenge=challenge, domain=domain))
    return result
