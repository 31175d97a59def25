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

* ``credentialSubject.id`` – optional: the holder's DID (from a wallet); it becomes the issued
  credential's ``credentialSubject.id``, binding it to the holder.

The rest of the posted credential must be valid JSON-LD in safe mode (an undefined term is a 400 naming
it), but its values are not copied: the catalogue is the source of the achievement, validity and status,
and the response holds the credential that was signed. What MIMIS cannot honour is refused rather than
dropped: a ``proof`` already present and any ``options``. Signing arbitrary credentials would bypass the
quality-assured catalogue and leave nothing to revoke.

Conformance testing: a region admin may let one organisation sign *any* well-formed VC (off by default,
audited; :func:`set_any_credential_signing`, ``PUT /api/v1/organisations/<slug>/vc-api-conformance``,
``mimis vcapi conformance``). Its organisation tokens may then post a credential that is not a request
for a catalogue micro-credential; it is checked against the VC Data Model 2.0 rules (each refusal is a
400 with its own code), signed as posted with eddsa-rdfc-2022 by the organisation's key, recorded in the
audit log and returned. Such credentials are not stored and MIMIS cannot revoke them.

Verifying: ``POST /credentials/verify`` runs :func:`mimis.verification.services.verify` and reports
its checks as VC API ``checks`` / ``warnings`` / ``errors`` (problem details): 200 when the credential
verifies, 400 with the same body when it does not (as the Data Integrity conformance tests expect).
Any verifiable credential is read (Open Badges, endorsements and plain VCs, VC 1.1 and 2.0), with
every proof of a proof set or chain checked. Options: ``checks`` (MIMIS always runs all of its checks;
one it does not know is a warning), ``challenge`` and ``domain`` (every proof must carry them) and
``returnCredential``; others are ignored, as the VC API says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mimis.accounts.models import ApiToken, Organisation, OrganisationStatus, User
from mimis.accounts.permissions import PROVIDER_KINDS, Capability, require_capability, require_platform_admin
from mimis.audit.services import record
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import Conflict, MimisError, NotFound, PermissionDenied
from mimis.issuing import keys
from mimis.issuing.models import CredentialFormat, IssuerSettings, KeyAlgorithm
from mimis.issuing.services import Issued, issue_credential
from mimis.vc import jsonld
from mimis.vc.credentials import LEARNER_NAME_IDENTITY_TYPE, issuer_id
from mimis.vc.errors import JsonLdError, JWTError, UndefinedTermError, UnknownContextError, VCError
from mimis.vc.jwt import decode_unverified
from mimis.vc.proofs import eddsa_rdfc_2022
from mimis.vc.proofs._common import parse_xsd_datetime
from mimis.vc.verify import check_proof_options
from mimis.vc.verify import verify_presentation as verify_presentation_proofs
from mimis.vcapi.selectors import may_sign_any_credential
from mimis.verification.services import Report, resolve_key, verify

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


_DID_RE = re.compile(r"did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]")


def _holder_did(subject: Mapping[str, Any]) -> str | None:
    holder = subject.get("id")
    if holder is None:
        return None
    if not isinstance(holder, str) or not _DID_RE.fullmatch(holder):
        raise BadRequest(
            _("credentialSubject.id must be the holder's DID, such as did:key:z6Mk…, without a fragment."),
            code="invalid_subject_id",
        )
    return holder


def _is_catalogue_request(credential: Mapping[str, Any]) -> bool:
    subjects = _as_list(credential.get("credentialSubject"))
    achievement = (
        subjects[0].get("achievement") if len(subjects) == 1 and isinstance(subjects[0], Mapping) else None
    )
    achievement_id = achievement.get("id") if isinstance(achievement, Mapping) else None
    return isinstance(achievement_id, str) and _catalogue_slug(achievement_id) is not None


@dataclass(frozen=True)
class Signed:
    """A credential signed through the conformance path (not stored; nothing to revoke)."""

    signed: dict[str, Any]
    created: bool = True


def issue(
    *, credential: Mapping[str, Any], options: Mapping[str, Any], acting_user: User, token: ApiToken
) -> Issued | Signed:
    """Issue the credential a VC API request asks for (see the module docstring for what is read)."""
    if options:
        raise BadRequest(
            _("MIMIS does not support these issuing options: %(options)s.") % {"options": ", ".join(options)},
            code="unsupported_option",
        )
    if "proof" in credential:
        raise BadRequest(_("Send the credential without a proof; MIMIS signs it."), code="already_signed")
    token_organisation = token.organisation
    if (
        token_organisation is not None
        and not _is_catalogue_request(credential)
        and may_sign_any_credential(token_organisation)
    ):
        return sign_any_credential(
            credential=credential, organisation=token_organisation, acting_user=acting_user
        )
    subjects = _as_list(credential.get("credentialSubject"))
    # A malformed holder DID would otherwise be reported as a relative IRI by the JSON-LD check.
    holder = _holder_did(subjects[0]) if len(subjects) == 1 and isinstance(subjects[0], Mapping) else None
    _check_json_ld(credential)
    if len(subjects) != 1 or not isinstance(subjects[0], Mapping):
        raise BadRequest(_("credentialSubject must be a single object."), code="not_a_credential")
    subject = subjects[0]
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
    issued = issue_credential(
        version=version,
        email=email,
        name=name,
        acting_user=acting_user,
        credential_format=CredentialFormat.LDP,
        subject_id=holder,
    )
    held_by = (issued.credential.document or {}).get("credentialSubject", {}).get("id")
    if not issued.created and held_by != holder:
        message = (
            _(
                "This learner already holds this micro-credential, bound to %(did)s. MIMIS does not issue it "
                "again; revoke the first one to issue a new one."
            )
            % {"did": held_by}
            if held_by
            else _(
                "This learner already holds this micro-credential, without a holder DID. MIMIS does not issue "
                "it again; revoke the first one to issue a new one."
            )
        )
        raise BadRequest(message, code="already_issued")
    return issued


# --- conformance testing: signing any well-formed VC -------------------------------------------------


def _is_url(value: Any) -> bool:
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    scheme, sep, rest = value.partition(":")
    return bool(sep and rest and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme))


def _check_data_model(credential: Mapping[str, Any], expected_issuer: str) -> dict[str, Any]:
    """Enforce the VC Data Model 2.0 rules on a posted credential; return it with the issuer filled in."""
    contexts = _as_list(credential.get("@context"))
    if not contexts or contexts[0] != jsonld.VC_V2_CONTEXT:
        raise BadRequest(
            _("The credential's first @context must be %(context)s.") % {"context": jsonld.VC_V2_CONTEXT},
            code="invalid_context",
        )
    types = _as_list(credential.get("type"))
    if "VerifiableCredential" not in types or not all(isinstance(t, str) and t for t in types):
        raise BadRequest(
            _("type must be a list of strings that includes VerifiableCredential."), code="invalid_type"
        )
    if "id" in credential and not _is_url(credential["id"]):
        raise BadRequest(_("The credential's id must be a single URL."), code="invalid_id")
    document = dict(credential)
    issuer = document.get("issuer")
    if issuer is None:
        document["issuer"] = expected_issuer
    elif issuer_id(document) != expected_issuer or (
        isinstance(issuer, Mapping) and not _is_url(issuer.get("id"))
    ):
        raise BadRequest(
            _(
                "The issuer must be %(did)s (the organisation of this token), as a URL or an object with that id."
            )
            % {"did": expected_issuer},
            code="issuer_mismatch",
        )
    moments = {}
    for key in ("validFrom", "validUntil"):
        if key in document:
            try:
                moments[key] = parse_xsd_datetime(document[key])
            except ValueError as exc:
                raise BadRequest(
                    _("%(field)s must be a date and time with a time zone, such as 2026-01-01T00:00:00Z.")
                    % {"field": key},
                    code="invalid_validity",
                ) from exc
    if len(moments) == 2 and moments["validUntil"] < moments["validFrom"]:
        raise BadRequest(_("validUntil must not be before validFrom."), code="invalid_validity")
    subjects = _as_list(document.get("credentialSubject"))
    if not subjects or not all(isinstance(s, Mapping) and s for s in subjects):
        raise BadRequest(
            _("credentialSubject must be one or more objects, each with at least one claim."),
            code="invalid_subject",
        )
    if any("id" in s and not _is_url(s["id"]) for s in subjects):
        raise BadRequest(_("credentialSubject.id must be a URL."), code="invalid_subject")
    for key, code in (("credentialStatus", "invalid_status"), ("credentialSchema", "invalid_schema")):
        for item in _as_list(document.get(key)):
            if not isinstance(item, Mapping) or not isinstance(item.get("type"), str):
                raise BadRequest(
                    _("Each %(field)s must be an object with a type.") % {"field": key}, code=code
                )
            if ("id" in item or key == "credentialSchema") and not _is_url(item.get("id")):
                raise BadRequest(_("%(field)s.id must be a URL.") % {"field": key}, code=code)
    return document


@transaction.atomic
def sign_any_credential(
    *, credential: Mapping[str, Any], organisation: Organisation, acting_user: User
) -> Signed:
    """Sign a posted VC as it is (conformance testing); the organisation must be allowed to."""
    try:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, organisation)
    except NotFound as exc:
        raise PermissionDenied() from exc
    if not may_sign_any_credential(organisation):
        raise PermissionDenied()
    document = _check_data_model(credential, keys.issuer_did(organisation))
    _check_json_ld(document)
    keys.ensure_issuer_keys(organisation=organisation, acting_user=acting_user)
    private_key, method = keys.signing_key(organisation=organisation, algorithm=KeyAlgorithm.ED25519)
    try:
        signed = eddsa_rdfc_2022.sign(document, private_key, method)
    except VCError as exc:
        raise BadRequest(
            _("The credential could not be signed: %(detail)s") % {"detail": exc.message},
            code="invalid_json_ld",
        ) from exc
    record(
        "vcapi.any_credential_signed",
        actor=acting_user,
        organisation=organisation,
        data={"id": document.get("id"), "type": _as_list(document.get("type"))},
    )
    return Signed(signed)


@transaction.atomic
def set_any_credential_signing(
    *, organisation: Organisation, allowed: bool, acting_user: User | None
) -> IssuerSettings:
    """Let (or stop) an organisation sign any well-formed VC through the VC API. Region admins only.

    ``acting_user`` None means the server's shell (``mimis vcapi conformance``), which is trusted.
    """
    if acting_user is not None:
        require_platform_admin(acting_user)
    if allowed and (
        organisation.status != OrganisationStatus.APPROVED or organisation.kind not in PROVIDER_KINDS
    ):
        raise Conflict(_("Only approved providers issue credentials."))
    issuer_settings, _created = IssuerSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if issuer_settings.vc_api_any_credential != allowed:
        issuer_settings.vc_api_any_credential = allowed
        issuer_settings.save(update_fields=["vc_api_any_credential", "changed_at"])
        record(
            "vcapi.any_credential_signing_changed",
            actor=acting_user,
            organisation=organisation,
            target=issuer_settings,
            actor_label=None if acting_user else "system",
            data={"allowed": allowed},
        )
    return issuer_settings


def verifiable_credential(issued: Issued | Signed) -> dict[str, Any]:
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
    "schema": gettext_lazy(
        "The credential is not well-formed (VC Data Model or, for a badge, Open Badges 3.0)"
    ),
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


def _check_dicts(checks) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "ok": c.ok, "code": c.code, "message": c.message, "skipped": c.skipped}
        for c in checks
    ]


def verify_presentation(
    presentation: Mapping[str, Any],
    *,
    checks: list[str] | None = None,
    challenge: str | None = None,
    domain: str | list[str] | None = None,
    return_presentation: bool = False,
) -> dict[str, Any]:
    """``POST /presentations/verify``: the presentation's own result plus one result per credential in it.

    ``verified`` is true only when the presentation and every credential in it verify.
    """
    if "@context" not in presentation or "type" not in presentation:
        raise BadRequest(
            _("verifiablePresentation is not a presentation: it has no @context or type."),
            code="malformed_presentation",
        )
    result = verify_presentation_proofs(
        presentation, resolve_key=resolve_key, challenge=challenge, domain=domain
    )
    own = _check_dicts(result.checks)
    credential_results = []
    for credential in result.credentials:
        try:
            report = verify(credential_to_verify(credential))
        except MimisError as exc:
            credential_results.append(
                {
                    "verified": False,
                    "checks": [],
                    "warnings": [],
                    "errors": [
                        {
                            "type": MALFORMED_VALUE[0],
                            "code": MALFORMED_VALUE[1],
                            "title": str(exc.message),
                            "detail": exc.code,
                        }
                    ],
                }
            )
            continue
        credential_results.append(verification_result(report))
    body: dict[str, Any] = {
        "verified": result.verified and all(r["verified"] for r in credential_results),
        "checks": [c["name"] for c in own if c["ok"] and not c["skipped"]],
        "warnings": [
            {
                "type": "urn:mimis:problem:check_not_supported",
                "title": str(PROBLEM_TITLES["check_not_supported"]),
                "detail": str(name),
            }
            for name in checks or []
            if name not in KNOWN_CHECKS and name != "holder"
        ],
        "errors": [_problem(c, jwt=False) for c in own if not c["ok"]],
        "credentialResults": credential_results,
    }
    if return_presentation:
        body["presentation"] = dict(presentation)
    return body
