"""Verify an Open Badges 3.0 / VC credential secured with a Data Integrity proof.

:func:`verify_credential` never raises for an invalid credential: it returns a
:class:`VerificationResult` listing named checks (``schema``, ``proof``, ``issuer``, ``validity``,
``status``), each with a stable error ``code`` (the Django side translates by code) and an English
message.
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
from .proofs import verify_proofs
from .proofs._common import parse_xsd_datetime
from .status import status_failure

#: ``status_checker(entry) -> bool``: True when the entry's status bit is set (revoked/suspended); for a
#: multi-bit ``message`` entry a :class:`~mimis.vc.status.StatusValue` (see ``status_failure``).
#: It should raise :class:`~mimis.vc.errors.VCError` when the status list cannot be obtained or verified.
StatusChecker = Callable[[Mapping[str, Any]], bool]

OB_CREDENTIAL_TYPES = {"OpenBadgeCredential", "AchievementCredential"}


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
            "checks": [asdict(c) for c in self.checks],
        }


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_schema(doc: Mapping[str, Any]) -> CheckResult:
    """Structural OB 3.0 checks that do not need JSON-LD (full JSON-schema validation is a test concern)."""

    def fail(message: str) -> CheckResult:
        return CheckResult("schema", False, "schema_invalid", message)

    contexts = _as_list(doc.get("@context"))
    if not contexts or contexts[0] not in (VC_V2_CONTEXT, VC_V1_CONTEXT):
        return fail("The first @context must be the W3C Verifiable Credentials context")
    types = _as_list(doc.get("type"))
    if "VerifiableCredential" not in types:
        return fail("type must include VerifiableCredential")
    if "EndorsementCredential" in types:
        return _check_endorsement_schema(doc, fail)
    if not OB_CREDENTIAL_TYPES & set(types):
        return fail("type must include OpenBadgeCredential or AchievementCredential")
    if issuer_id(doc) is None:
        return fail("issuer must be an IRI or a Profile with an id")
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


def verify_credential(
    document: Mapping[str, Any] | str,
    *,
    resolve_key: Callable[[str], ResolvedKey],
    status_checker: StatusChecker | None = None,
    now: datetime | None = None,
) -> VerificationResult:
    """Verify proof(s), issuer binding, validity period, status and OB structure of a credential.

    A ``str`` document is treated as a VC-JOSE compact JWT (see :func:`verify_jwt_credential`).
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
    result.checks.append(_check_schema(document))

    resolved: list[ResolvedKey] = []
    try:
        resolved = verify_proofs(document, resolve_key)
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
    elif any(r.controller != result.issuer for r in resolved):
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
    result.verification_methods = [verified.key.id]
    result.checks.append(_check_schema(credential))
    result.checks.append(CheckResult("proof", True))
    result.checks.append(CheckResult("issuer", True))
    result.checks.append(_check_validity(credential, now))
    result.checks.append(_check_status(credential, status_checker))
    return result
