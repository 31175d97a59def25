"""A learner's credential as a European Learning Model (ELM 3) ``EuropeanDigitalCredential``, for Europass.

The shape follows the European Commission's ELM v3 JSON-LD examples: the credential subject is a
``Person`` with one ``LearningAchievement`` claim, awarded by the issuing organisation and specified by
the micro-credential's ``LearningAchievementSpecification`` (``mimis.catalog.elm``). It is not sealed:
Europass shows it, and the signed Open Badges credential (and the verification page it links to) is
the proof. The holder's e-mail address is never included.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from mimis.catalog.elm import ELM_CONTEXT
from mimis.issuing import keys
from mimis.issuing.models import Credential

VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
EDC_GENERIC_SCHEMA = "http://data.europa.eu/snb/model/ap/edc-generic-full"


def _iso(value: Any) -> str:
    return value.replace(microsecond=0).isoformat()


def europass_credential(
    credential: Credential, *, specification: dict[str, Any], verification_url: str
) -> dict[str, Any]:
    specification = {key: value for key, value in specification.items() if key != "@context"}
    organisation = credential.organisation
    issuer_id = keys.issuer_did(organisation)
    homepage = organisation.website or settings.MIMIS_BASE_URL + reverse(
        "accounts:organisation_detail", args=[organisation.slug]
    )
    awarding_body = {
        "id": issuer_id,
        "type": "Organisation",
        "legalName": {"sv": organisation.name},
        "homepage": [{"id": f"{issuer_id}#homepage", "type": "WebResource", "contentURL": homepage}],
    }
    document: dict[str, Any] = {
        "@context": [VC_V1_CONTEXT, ELM_CONTEXT],
        "id": f"urn:epass:certificate:{credential.pk}",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSchema": [{"id": EDC_GENERIC_SCHEMA, "type": "ShaclValidator2017"}],
        "issuer": awarding_body,
        "issuanceDate": _iso(credential.issued_at),
        "issued": _iso(credential.issued_at),
        "validFrom": _iso(credential.issued_at),
        "credentialSubject": {
            "id": f"urn:epass:person:{credential.pk}",
            "type": "Person",
            "fullName": {"sv": credential.recipient_name},
            "hasClaim": [
                {
                    "id": f"urn:epass:learningAchievement:{credential.pk}",
                    "type": "LearningAchievement",
                    "title": specification.get("title", {"sv": credential.version.title}),
                    "awardedBy": {
                        "id": f"urn:epass:awardingProcess:{credential.pk}",
                        "type": "AwardingProcess",
                        "awardingBody": [awarding_body],
                        "awardingDate": _iso(credential.issued_at),
                    },
                    "specifiedBy": specification,
                    "supplementaryDocument": [
                        {
                            "id": f"urn:epass:webResource:{credential.pk}",
                            "type": "WebResource",
                            "contentURL": verification_url,
                            "title": {"sv": "Kontroll av meriten", "en": "Verification of the credential"},
                        }
                    ],
                }
            ],
        },
        "displayParameter": {
            "id": f"urn:epass:displayParameter:{credential.pk}",
            "type": "DisplayParameter",
            "title": specification.get("title", {"sv": credential.version.title}),
            "primaryLanguage": {
                "id": "http://publications.europa.eu/resource/authority/language/SWE",
                "type": "Concept",
                "inScheme": {
                    "id": "http://publications.europa.eu/resource/authority/language",
                    "type": "ConceptScheme",
                },
                "prefLabel": {"en": "Swedish"},
            },
        },
    }
    if credential.valid_until is not None:
        document["expirationDate"] = _iso(credential.valid_until)
        document["validUntil"] = _iso(credential.valid_until)
    return document
