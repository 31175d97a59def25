"""The W3C CCG VC API (https://w3c-ccg.github.io/vc-api/) on top of MIMIS's own issuing and verifying.

Issuing: ``POST /credentials/issue`` does not sign whatever it is sent. A MIMIS credential always belongs
to a published micro-credential version (it is a ``Credential`` row with its status entries, the learner's
e-mail, an audit entry and the learner's notification), so the posted credential is read as a *request*
for one and handed to :func:`mimis.issuing.services.issue_credential`, exactly like the issuing form,
``mimis credentials issue`` and ``POST /api/v1/credentials``. Three things are read from it:

* ``credentialSubject.achievement.id`` – the achievement id of a published micro-credential (its
  catalogue address, as in every credential MIMIS issues, ``…/microcredentials/<slug>/#v<n>``; without
  ``#v<n>`` the published version is meant);
* the learner: an ``IdentityObject`` in ``credentialSubject.identifier`` with ``identityType``
  ``emailAddress``, ``hashed`` false and the address as ``identityHash``, and the name as an
  ``ext:name`` identifier or ``credentialSubject.name``;
* ``issuer`` – optional; when given it must be the DID of the organisation that provides the
  micro-credential (which is also the organisation the token acts for).

The rest of the posted credential must be valid JSON-LD in safe mode (an undefined term is a 400 naming
it), but its values are not copied: the catalogue is the source of the achievement, validity and status,
and the response holds the credential that was signed. What MIMIS cannot honour is refused rather than
dropped: a ``proof`` already present, a holder DID in ``credentialSubject.id`` and any ``options``.
Signing arbitrary credentials would bypass the quality-assured catalogue and leave nothing to revoke.

Verifying: ``POST /credentials/verify`` runs :func:`mimis.verification.services.verify` and reports
its checks as VC API ``checks`` / ``warnings`` / ``errors`` (problem details): 200 when the credential
verifies, 400 with the same body when it does not (as the Data Integrity conformance tests expect).
Any verifiable credential is read (Open Badges, endorsements and plain VCs, VC 1.1 and 2.0), with
every proof of a proof set or chain checked. Options: ``checks`` (MIMIS always runs all of its checks;
one it does not know is a warning), ``challenge`` and ``domain`` (every proof must carry them) and
``returnCredential``; others are ignored, as the VC API says.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mimis.accounts.models import ApiToken, User
from mimis.accounts.permissions import Capability, require_capability
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError, NotFound, PermissionDenied
from mimis.issuing import keys
from mimis.issuing.models import CredentialFormat
from mimis.issuing.services import Issued, issue_credential
from mimis.vc import jsonld
from mimis.vc.credentials import LEARNER_NAME_IDENTITY_TYPE, issuer_id
from mimis.vc.errors import JsonLdError, JWTError, UndefinedTermError, UnknownContextError
from mimis.vc.jwt import decode_unverified
from mimis.vc.verify import check_proof_options
from mimis.verification.services import Report

ENVELOPED_JWT_PREFIX = "data:application/vc+jwt,"


class BadRequest(MimisError):
    """A VC API request MIMIS cannot act on. Always 400, as the VC API asks."""

    code = "bad_request"
    default_message = gettext_lazy("The request was not valid.")
    http_status = 400

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_json_ld(credential: Mapping[str, Any]) -> None:
    contexts = _as_list(credential.get("@context"))
    if not contexts or contexts[0] not in (jsonld.VC_V2_CONTEXT, jsonld.VC_V1_CONTEXT):
        raise BadRequest(
            _("The credential's first @context must be %(context)s.") % {"context": jsonld.VC_V2_CONTEXT},
            code="not_a_credential",
        )
    if "VerifiableCredential" not in _as_list(credential.get("type")):
        raise BadRequest(
            _("The credential's type must include VerifiableCredential."), code="not_a_credential"
        )
    try:
        jsonld.expand(credential)
    except UndefinedTermError as exc:
        raise BadRequest(
            _("The credential uses terms its @context does not define: %(detail)s") % {"detail": exc.message},
            code="undefined_term",
        ) from exc
    except UnknownContextError as exc:
        raise BadRequest(
            _("The credential uses a @context MIMIS does not know: %(detail)s") % {"detail": exc.message},
            code="unknown_context",
        ) from exc
    except JsonLdError as exc:
        raise BadRequest(
            _("The credential is not valid JSON-LD: %(detail)s") % {"detail": exc.message},
            code="invalid_json_ld",
        ) from exc


def _catalogue_slug(url: str) -> tuple[str, str] | None:
    """``(slug, fragment)`` when ``url`` is a micro-credential's page in this catalogue, in any language."""
    base = settings.MIMIS_BASE_URL
    if not url.startswith(base + "/"):
        return None
    path, _sep, fragment = url[len(base) :].partition("#")
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                match = resolve(path)
            except Resolver404:
                continue
        if match.view_name == "catalog:detail":
            return match.kwargs["slug"], fragment
    return None


def _version(subject: Mapping[str, Any]) -> MicroCredentialVersion:
    achievement = subject.get("achievement")
    achievement_id = achievement.get("id") if isinstance(achievement, Mapping) else None
    if not isinstance(achievement_id, str):
        raise BadRequest(
            _(
                "Name the micro-credential: credentialSubject.achievement.id must be the address of a "
                "published micro-credential in the MIMIS catalogue."
            ),
            code="achievement_missing",
        )
    found = _catalogue_slug(achievement_id)
    version = None
    if found is not None:
        version = (
            MicroCredentialVersion.objects.select_related("microcredential__provider")
            .filter(microcredential__slug=found[0], status=VersionStatus.PUBLISHED)
            .first()
        )
    if version is None:
        raise BadRequest(
            _("%(id)s is not a published micro-credential in the MIMIS catalogue.") % {"id": achievement_id},
            code="unknown_achievement",
        )
    fragment = found[1] if found else ""
    if fragment and fragment != f"v{version.number}":
        raise BadRequest(
            _(
                "%(id)s is not the published version of this micro-credential; the published version is "
                "#v%(number)s."
            )
            % {"id": achievement_id, "number": version.number},
            code="version_not_published",
        )
    return version


def _identifiers(subject: Mapping[str, Any], identity_types: tuple[str, ...]) -> list[str]:
    return [
        item["identityHash"]
        for item in _as_list(subject.get("identifier"))
        if isinstance(item, Mapping)
        and item.get("identityType") in identity_types
        and not item.get("hashed")
        and isinstance(item.get("identityHash"), str)
    ]


def _recipient(subject: Mapping[str, Any]) -> tuple[str, str]:
    emails = _identifiers(subject, ("emailAddress",))
    if len(emails) != 1:
        raise BadRequest(
            _(
                "Give the learner's e-mail address once in credentialSubject.identifier, as an IdentityObject "
                'with "identityType": "emailAddress", "hashed": false and the address as identityHash.'
            ),
            code="recipient_missing",
        )
    try:
        validate_email(emails[0].strip())
    except DjangoValidationError as exc:
        raise BadRequest(
            _("%(email)s is not an e-mail address.") % {"email": emails[0]}, code="recipient_missing"
        ) from exc
    names = _identifiers(subject, (LEARNER_NAME_IDENTITY_TYPE, "name"))
    name = names[0] if names else subject.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(
            _(
                "Give the learner's name in credentialSubject.name or as an identifier with "
                '"identityType": "ext:name".'
            ),
            code="recipient_missing",
        )
    return emails[0], name


def issue(
    *, credential: Mapping[str, Any], options: Mapping[str, Any], acting_user: User, token: ApiToken
) -> Issued:
    """Issue the credential a VC API request asks for (see the module docstring for what is read)."""
    if options:
        raise BadRequest(
            _("MIMIS does not support these issuing options: %(options)s.") % {"options": ", ".join(options)},
            code="unsupported_option",
        )
    if "proof" in credential:
        raise BadRequest(_("Send the credential without a proof; MIMIS signs it."), code="already_signed")
    _check_json_ld(credential)
    subjects = _as_list(credential.get("credentialSubject"))
    if len(subjects) != 1 or not isinstance(subjects[0], Mapping):
        raise BadRequest(_("credentialSubject must be a single object."), code="not_a_credential")
    subject = subjects[0]
    if "id" in subject:
        raise BadRequest(
            _(
                "MIMIS cannot yet bind a credential to a holder's DID (credentialSubject.id); "
                "identify the learner by e-mail address instead."
            ),
            code="subject_id_unsupported",
        )
    version = _version(subject)
    organisation = version.microcredential.provider
    if token.organisation_id is not None and token.organisation_id != organisation.pk:
        raise PermissionDenied(
            _("This token belongs to another organisation than the one that provides this micro-credential.")
        )
    try:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, organisation)
    except NotFound as exc:  # the micro-credential is public, so there is no existence to hide
        raise PermissionDenied() from exc
    expected = keys.issuer_did(organisation)
    given = issuer_id(credential)
    if "issuer" in credential and given != expected:
        raise BadRequest(
            _(
                "The issuer must be %(did)s (%(organisation)s, which provides this micro-credential), "
                "not %(given)s. Leave issuer out to have it filled in."
            )
            % {"did": expected, "organisation": organisation.name, "given": given or "?"},
            code="issuer_mismatch",
        )
    email, name = _recipient(subject)
    return issue_credential(
        version=version,
        email=email,
        name=name,
        acting_user=acting_user,
        credential_format=CredentialFormat.LDP,
    )


def verifiable_credential(issued: Issued) -> dict[str, Any]:
    """The issued credential as the VC API returns it; a JWT (issued earlier) as an enveloped credential."""
    signed = issued.signed
    if isinstance(signed, str):
        return {
            "@context": jsonld.VC_V2_CONTEXT,
            "id": ENVELOPED_JWT_PREFIX + signed,
            "type": "EnvelopedVerifiableCredential",
        }
    return signed


def _jwt(token: str) -> str:
    try:
        decode_unverified(token)
    except JWTError as exc:
        raise BadRequest(
            _("verifiableCredential is not a readable JWT: %(detail)s") % {"detail": exc.message},
            code="malformed_credential",
        ) from exc
    return token.strip()


def credential_to_verify(value: Any) -> dict[str, Any] | str:
    """What ``verifiableCredential`` holds: a credential, a JWT string (an extension) or an enveloped JWT."""
    if isinstance(value, str):
        return _jwt(value)
    if isinstance(value, Mapping):
        if value.get("type") == "EnvelopedVerifiableCredential":
            enveloped = value.get("id")
            if isinstance(enveloped, str) and enveloped.startswith(ENVELOPED_JWT_PREFIX):
                return _jwt(enveloped[len(ENVELOPED_JWT_PREFIX) :])
            raise BadRequest(
                _("Only enveloped credentials of type application/vc+jwt can be verified."),
                code="unsupported_envelope",
            )
        if "@context" not in value or "type" not in value:
            raise BadRequest(
                _("verifiableCredential is not a credential: it has no @context or type."),
                code="malformed_credential",
            )
        return dict(value)
    raise BadRequest(_("verifiableCredential must be a credential or a JWT."), code="malformed_credential")


# --- verification results --------------------------------------------------------------------------

_VC_DM = "https://www.w3.org/TR/vc-data-model#"
_SECURITY = "https://w3id.org/security#"
_STATUS_LIST = "https://www.w3.org/ns/credentials/status-list#"
# Problem types the specifications define, with their codes (VC Data Model 2.0 §7.1, Data Integrity
# §2.2, Bitstring Status List §3.3). MIMIS's own outcomes (revoked, expired, …) get urn:mimis:problem:….
MALFORMED_VALUE = (_VC_DM + "MALFORMED_VALUE_ERROR", -66)
CRYPTOGRAPHIC_SECURITY = (_VC_DM + "CRYPTOGRAPHIC_SECURITY_ERROR", -65)
PROOF_VERIFICATION = (_SECURITY + "PROOF_VERIFICATION_ERROR", -17)
INVALID_DOMAIN = (_SECURITY + "INVALID_DOMAIN_ERROR", -19)
INVALID_CHALLENGE = (_SECURITY + "INVALID_CHALLENGE_ERROR", -20)
STATUS_RETRIEVAL = (_STATUS_LIST + "STATUS_RETRIEVAL_ERROR", -128)
STATUS_VERIFICATION = (_STATUS_LIST + "STATUS_VERIFICATION_ERROR", -129)
_OWN_PROBLEMS = {"revoked", "suspended", "status_set", "expired", "not_yet_valid", "issuer_unresolvable"}

PROBLEM_TITLES = {
    "schema": gettext_lazy("The credential is not a well-formed Open Badges credential"),
    "proof": gettext_lazy("The signature could not be verified"),
    "issuer": gettext_lazy("The signature does not belong to the issuer"),
    "validity": gettext_lazy("The credential is outside its validity period"),
    "status": gettext_lazy("The credential's status could not be confirmed"),
    "revoked": gettext_lazy("The credential has been revoked"),
    "suspended": gettext_lazy("The credential is suspended"),
    "expired": gettext_lazy("The credential has expired"),
    "not_yet_valid": gettext_lazy("The credential is not valid yet"),
    "issuer_unresolvable": gettext_lazy("The issuer's keys cannot be found"),
    "no_status": gettext_lazy("The credential has no revocation status to check"),
    "issuer_not_in_mimis": gettext_lazy("The issuer is not an organisation in MIMIS"),
    "invalid_challenge": gettext_lazy("The proof was not made for this challenge"),
    "invalid_domain": gettext_lazy("The proof was not made for this domain"),
    "check_not_supported": gettext_lazy("MIMIS does not run a check that was asked for"),
}

#: What each VC API check name means in MIMIS's checks (other names are reported as not supported).
KNOWN_CHECKS = {
    "proof": "proof",
    "schema": "schema",
    "credentialSchema": "schema",
    "issuer": "issuer",
    "validity": "validity",
    "expiration": "validity",
    "validFrom": "validity",
    "validUntil": "validity",
    "status": "status",
    "credentialStatus": "status",
}


def _problem_type(check: Mapping[str, Any], jwt: bool) -> tuple[str, int | None]:
    name, code = check["name"], check["code"]
    if code in _OWN_PROBLEMS or check.get("skipped"):
        return f"urn:mimis:problem:{code}", None
    if code == "invalid_challenge":
        return INVALID_CHALLENGE
    if code == "invalid_domain":
        return INVALID_DOMAIN
    if name == "proof":
        return CRYPTOGRAPHIC_SECURITY if jwt else PROOF_VERIFICATION
    if name == "issuer":
        return CRYPTOGRAPHIC_SECURITY
    if name == "status":
        return (
            STATUS_RETRIEVAL
            if code in ("status_list_unavailable", "remote_fetch_failed")
            else STATUS_VERIFICATION
        )
    return MALFORMED_VALUE


def _problem(check: Mapping[str, Any], *, jwt: bool) -> dict[str, Any]:
    problem_type, number = _problem_type(check, jwt)
    title = PROBLEM_TITLES.get(check["code"]) or PROBLEM_TITLES.get(check["name"], check["name"])
    problem: dict[str, Any] = {"type": problem_type}
    if number is not None:
        problem["code"] = number
    problem["title"] = str(title)
    problem["detail"] = check["message"] or check["code"]
    return problem


def verification_result(
    report: Report,
    *,
    return_credential: bool = False,
    checks: list[str] | None = None,
    challenge: str | None = None,
    domain: str | list[str] | None = None,
) -> dict[str, Any]:
    """A VC API verification result: ``verified``, the ``checks`` that passed, ``warnings`` and ``errors``.

    ``challenge`` / ``domain`` add a check that every proof carries them; ``checks`` names the checks
    the client asked for (a name MIMIS does not know becomes a warning; all checks always run).
    """
    jwt = isinstance(report.credential, str)
    report_checks = list(report.checks)
    if (challenge is not None or domain is not None) and not jwt and isinstance(report.credential, Mapping):
        option_check = check_proof_options(report.credential, challenge=challenge, domain=domain)
        report_checks.append(
            {
                "name": option_check.name,
                "ok": option_check.ok,
                "code": option_check.code,
                "message": option_check.message,
                "skipped": option_check.skipped,
            }
        )
    verified = report.verified and all(c["ok"] for c in report_checks)
    warnings = [_problem(c, jwt=jwt) for c in report_checks if c["ok"] and c["skipped"]]
    if verified and not report.known_issuer:
        warnings.append(
            {
                "type": "urn:mimis:problem:issuer_not_in_mimis",
                "title": str(PROBLEM_TITLES["issuer_not_in_mimis"]),
                "detail": report.issuer or "",
            }
        )
    for name in checks or []:
        if name not in KNOWN_CHECKS:
            warnings.append(
                {
                    "type": "urn:mimis:problem:check_not_supported",
                    "title": str(PROBLEM_TITLES["check_not_supported"]),
                    "detail": str(name),
                }
            )
    result: dict[str, Any] = {
        "verified": verified,
        "checks": [c["name"] for c in report_checks if c["ok"] and not c["skipped"]],
        "warnings": warnings,
        "errors": [_problem(c, jwt=jwt) for c in report_checks if not c["ok"]],
    }
    if return_credential:
        result["credential"] = report.credential
    return result
