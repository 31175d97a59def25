"""Build (and sign) Open Badges 3.0 ``OpenBadgeCredential`` documents on the VC Data Model 2.0.

Inputs are plain dataclasses; output is a JSON-compatible ``dict`` using the contexts
``https://www.w3.org/ns/credentials/v2`` and ``https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json``.
The learner is identified by a salted SHA-256 hash of their e-mail address (``IdentityObject``), never
by the plain address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import CredentialError
from .jsonld import OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT
from .keys import PrivateKey
from .proofs import eddsa_rdfc_2022
from .proofs._common import xsd_datetime

OB_CREDENTIAL_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT]
OB_ACHIEVEMENT_CREDENTIAL_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
#: identityType used for the learner's display name. ``name`` is not in the IdentifierTypeEnum of
#: 1EdTech's published JSON schema, so we use the extension form it allows.
LEARNER_NAME_IDENTITY_TYPE = "ext:name"


def _require_iri(value: str | None, what: str) -> None:
    if not isinstance(value, str) or ":" not in value or value.split(":", 1)[0] == "":
        raise CredentialError(f"{what} must be an absolute IRI, got {value!r}", code="invalid_iri")


def _prune(obj: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values and empty lists, so optional fields are simply absent."""
    return {k: v for k, v in obj.items() if v is not None and v != []}


@dataclass(frozen=True)
class Image:
    id: str
    caption: str | None = None

    def to_json(self) -> dict[str, Any]:
        _require_iri(self.id, "Image id")
        return _prune({"id": self.id, "type": "Image", "caption": self.caption})


@dataclass(frozen=True)
class Address:
    """OB 3.0 ``Address``: where the issuer is (the EU's "country(ies)/region of the issuer")."""

    country_code: str | None = None
    region: str | None = None
    locality: str | None = None

    def to_json(self) -> dict[str, Any]:
        return _prune(
            {
                "type": ["Address"],
                "addressCountryCode": self.country_code,
                "addressRegion": self.region,
                "addressLocality": self.locality,
            }
        )


@dataclass(frozen=True)
class IssuerProfile:
    """The issuing organisation (``Profile``). ``id`` is normally the issuer's did:web DID."""

    id: str
    name: str
    url: str | None = None
    email: str | None = None
    description: str | None = None
    image: Image | None = None
    address: Address | None = None

    def to_json(self) -> dict[str, Any]:
        _require_iri(self.id, "Issuer id")
        return _prune(
            {
                "id": self.id,
                "type": ["Profile"],
                "name": self.name,
                "url": self.url,
                "email": self.email,
                "description": self.description,
                "image": self.image.to_json() if self.image else None,
                "address": self.address.to_json() if self.address else None,
            }
        )


@dataclass(frozen=True)
class MicroCredentialFacts:
    """EU micro-credential elements (Council Recommendation 2022/C 243/02, Annex I) that Open Badges 3.0
    has no property for, as terms of MIMIS's extension context (``context``, see
    :data:`mimis.vc.jsonld.MIMIS_EU_CONTEXT_PATH`). Codes are MIMIS's catalogue codes, e.g. ``"written"``.
    """

    context: str
    learning_outcomes: tuple[str, ...] = ()
    workload_hours: int | None = None
    assessment_type: str | None = None
    assessment_description: str | None = None
    participation_form: tuple[str, ...] = ()
    quality_assurance: str | None = None
    identity_verification: str | None = None
    prerequisites: str | None = None
    stackability: str | None = None
    further_information: str | None = None

    def to_json(self) -> dict[str, Any]:
        _require_iri(self.context, "Extension context")
        return _prune(
            {
                "learningOutcomes": list(self.learning_outcomes),
                "workloadHours": self.workload_hours,
                "assessmentType": self.assessment_type or None,
                "assessmentDescription": self.assessment_description or None,
                "participationForm": list(self.participation_form),
                "qualityAssurance": self.quality_assurance or None,
                "identityVerification": self.identity_verification or None,
                "prerequisites": self.prerequisites or None,
                "stackability": self.stackability or None,
                "furtherInformation": self.further_information or None,
            }
        )


@dataclass(frozen=True)
class Alignment:
    target_name: str
    target_url: str
    target_description: str | None = None
    target_code: str | None = None
    target_framework: str | None = None
    #: e.g. "ext:SUN2020" or one of AlignmentTargetType ("CFItem", "ceasn:Competency", ...)
    target_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        return _prune(
            {
                "type": ["Alignment"],
                "targetName": self.target_name,
                "targetUrl": self.target_url,
                "targetDescription": self.target_description,
                "targetCode": self.target_code,
                "targetFramework": self.target_framework,
                "targetType": self.target_type,
            }
        )


@dataclass(frozen=True)
class ResultDescription:
    id: str
    name: str
    #: ResultType, e.g. "LetterGrade", "Percent", "Status", "ext:Hogskolepoang".
    result_type: str
    allowed_value: tuple[str, ...] = ()
    required_value: str | None = None
    value_min: str | None = None
    value_max: str | None = None

    def to_json(self) -> dict[str, Any]:
        _require_iri(self.id, "ResultDescription id")
        return _prune(
            {
                "id": self.id,
                "type": ["ResultDescription"],
                "name": self.name,
                "resultType": self.result_type,
                "allowedValue": list(self.allowed_value),
                "requiredValue": self.required_value,
                "valueMin": self.value_min,
                "valueMax": self.value_max,
            }
        )


@dataclass(frozen=True)
class Result:
    value: str | None = None
    #: id of the achievement's ResultDescription this result is for
    result_description: str | None = None
    #: ResultStatusType, e.g. "Completed", "Passed"
    status: str | None = None
    achieved_level: str | None = None

    def to_json(self) -> dict[str, Any]:
        return _prune(
            {
                "type": ["Result"],
                "value": self.value,
                "resultDescription": self.result_description,
                "status": self.status,
                "achievedLevel": self.achieved_level,
            }
        )


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria_narrative: str | None = None
    criteria_id: str | None = None
    image: Image | None = None
    #: AchievementType, e.g. "Badge", "Certificate", "Course", "MicroCredential"
    achievement_type: str | None = None
    alignments: tuple[Alignment, ...] = ()
    credits_available: float | None = None
    field_of_study: str | None = None
    in_language: str | None = None
    result_descriptions: tuple[ResultDescription, ...] = ()
    tags: tuple[str, ...] = ()
    human_code: str | None = None
    specialization: str | None = None
    version: str | None = None
    creator: IssuerProfile | None = None
    facts: MicroCredentialFacts | None = None

    def contexts(self) -> list[str]:
        """Contexts beyond VC 2.0 and OB 3.0 that this achievement's JSON needs."""
        return [self.facts.context] if self.facts else []

    def to_json(self) -> dict[str, Any]:
        _require_iri(self.id, "Achievement id")
        if self.criteria_narrative is None and self.criteria_id is None:
            raise CredentialError("Achievement criteria needs a narrative or an id", code="missing_criteria")
        if self.credits_available is not None and (
            isinstance(self.credits_available, bool) or self.credits_available < 0
        ):
            raise CredentialError("creditsAvailable must be a non-negative number", code="invalid_value")
        return _prune(
            {
                "id": self.id,
                "type": ["Achievement"],
                "achievementType": self.achievement_type,
                "name": self.name,
                "description": self.description,
                "criteria": _prune({"id": self.criteria_id, "narrative": self.criteria_narrative}),
                "image": self.image.to_json() if self.image else None,
                "alignment": [a.to_json() for a in self.alignments],
                # xsd:float in the OB context; always emit a float so the JSON round-trips identically.
                "creditsAvailable": float(self.credits_available)
                if self.credits_available is not None
                else None,
                "fieldOfStudy": self.field_of_study,
                "inLanguage": self.in_language,
                "resultDescription": [r.to_json() for r in self.result_descriptions],
                "tag": list(self.tags),
                "humanCode": self.human_code,
                "specialization": self.specialization,
                "version": self.version,
                "creator": self.creator.to_json() if self.creator else None,
                **(self.facts.to_json() if self.facts else {}),
            }
        )


def normalise_email(email: str) -> str:
    """Normalisation applied before hashing an e-mail address (trim, lower-case)."""
    return email.strip().lower()


def hash_identity(value: str, salt: str) -> str:
    """OB ``IdentityHash``: ``sha256$`` + hex SHA-256 of the value followed by the salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def email_matches_identity(identity: Mapping[str, Any], email: str) -> bool:
    """Whether a (hashed or plain) emailAddress ``IdentityObject`` identifies ``email``."""
    if identity.get("identityType") != "emailAddress":
        return False
    expected = identity.get("identityHash", "")
    if identity.get("hashed"):
        actual = hash_identity(normalise_email(email), identity.get("salt", ""))
    else:
        actual = normalise_email(email)
        expected = normalise_email(str(expected))
    return hmac.compare_digest(actual.encode(), str(expected).encode())


@dataclass(frozen=True)
class Learner:
    """The recipient. The e-mail is only ever emitted hashed; ``salt`` is random unless given."""

    email: str
    name: str | None = None
    #: Optional DID or other IRI for the learner (e.g. from a wallet); becomes credentialSubject.id.
    id: str | None = None
    salt: str = field(default_factory=lambda: secrets.token_hex(16))

    def identifiers(self) -> list[dict[str, Any]]:
        if "@" not in self.email:
            raise CredentialError("Learner e-mail address is invalid", code="invalid_email")
        out = [
            {
                "type": "IdentityObject",
                "identityHash": hash_identity(normalise_email(self.email), self.salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": self.salt,
            }
        ]
        if self.name:
            out.append(
                {
                    "type": "IdentityObject",
                    "identityHash": self.name,
                    "identityType": LEARNER_NAME_IDENTITY_TYPE,
                    "hashed": False,
                }
            )
        return out


@dataclass(frozen=True)
class Evidence:
    id: str | None = None
    name: str | None = None
    narrative: str | None = None
    description: str | None = None
    genre: str | None = None
    audience: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.id is not None:
            _require_iri(self.id, "Evidence id")
        return _prune(
            {
                "id": self.id,
                "type": ["Evidence"],
                "name": self.name,
                "narrative": self.narrative,
                "description": self.description,
                "genre": self.genre,
                "audience": self.audience,
            }
        )


def build_credential(
    *,
    credential_id: str,
    issuer: IssuerProfile,
    achievement: Achievement,
    learner: Learner,
    valid_from: datetime,
    valid_until: datetime | None = None,
    name: str | None = None,
    description: str | None = None,
    image: Image | None = None,
    awarded_date: datetime | None = None,
    credits_earned: float | None = None,
    results: Iterable[Result] = (),
    evidence: Iterable[Evidence | Mapping[str, Any]] = (),
    credential_status: Iterable[Mapping[str, Any]] = (),
    include_credential_schema: bool = False,
) -> dict[str, Any]:
    """Build an unsigned ``OpenBadgeCredential``.

    ``credential_status`` entries are dicts such as those from
    :func:`mimis.vc.status.status_list_entry`. ``include_credential_schema`` adds 1EdTech's
    ``credentialSchema`` reference (and the OB extensions context that defines its type).
    """
    _require_iri(credential_id, "Credential id")
    for moment, label in (
        (valid_from, "validFrom"),
        (valid_until, "validUntil"),
        (awarded_date, "awardedDate"),
    ):
        if moment is not None and moment.tzinfo is None:
            raise CredentialError(f"{label} must be timezone-aware", code="invalid_datetime")
    if valid_until is not None and valid_until <= valid_from:
        raise CredentialError("validUntil must be after validFrom", code="invalid_validity_period")
    statuses = [dict(s) for s in credential_status]
    contexts = list(OB_CREDENTIAL_CONTEXTS)
    if include_credential_schema:
        contexts.append(OB_V3_EXTENSIONS_CONTEXT)
    contexts.extend(achievement.contexts())
    subject = _prune(
        {
            "id": learner.id,
            "type": ["AchievementSubject"],
            "identifier": learner.identifiers(),
            "achievement": achievement.to_json(),
            "creditsEarned": float(credits_earned) if credits_earned is not None else None,
            "result": [r.to_json() for r in results],
        }
    )
    if learner.id is not None:
        _require_iri(learner.id, "Learner id")
    credential = _prune(
        {
            "@context": contexts,
            "id": credential_id,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": name or achievement.name,
            "description": description,
            "image": image.to_json() if image else None,
            "issuer": issuer.to_json(),
            "validFrom": xsd_datetime(valid_from),
            "validUntil": xsd_datetime(valid_until) if valid_until else None,
            "awardedDate": xsd_datetime(awarded_date) if awarded_date else None,
            "credentialSubject": subject,
            "evidence": [e.to_json() if isinstance(e, Evidence) else dict(e) for e in evidence],
            # A single entry is emitted as an object: 1EdTech's schema and most wallets expect that.
            "credentialStatus": (statuses[0] if len(statuses) == 1 else statuses) or None,
            "credentialSchema": (
                [{"id": OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}]
                if include_credential_schema
                else None
            ),
        }
    )
    return credential


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """The issuer IRI of a credential (``issuer`` may be a string or a Profile object)."""
    issuer = credential.get("issuer")
    if isinstance(issuer, str):
        return issuer
    if isinstance(issuer, Mapping) and isinstance(issuer.get("id"), str):
        return issuer["id"]
    return None


def sign_credential(
    credential: Mapping[str, Any],
    private_key: PrivateKey,
    verification_method: str,
    *,
    created: datetime | None = None,
) -> dict[str, Any]:
    """Sign with ``eddsa-rdfc-2022``; the verification method must belong to the issuer."""
    issuer = issuer_id(credential)
    if issuer is None or verification_method.split("#", 1)[0] != issuer:
        raise CredentialError(
            "Verification method must be controlled by the credential issuer", code="issuer_key_mismatch"
        )
    return eddsa_rdfc_2022.sign(credential, private_key, verification_method, created=created)
