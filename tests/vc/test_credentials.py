from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime

import jsonschema
import pytest

from mimis.vc import credentials, jsonld
from mimis.vc.credentials import Achievement, IssuerProfile, Learner, build_credential
from mimis.vc.errors import CredentialError

from .conftest import ISSUER_DID, ISSUER_VM, STANDARDS, build_sample_credential


def test_sample_credential_shape(sample_credential):
    assert sample_credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert sample_credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert sample_credential["issuer"]["id"] == ISSUER_DID
    assert sample_credential["validFrom"] == "2026-03-01T00:00:00Z"
    assert sample_credential["validUntil"] == "2031-03-01T00:00:00Z"
    assert sample_credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    achievement = sample_credential["credentialSubject"]["achievement"]
    assert achievement["creditsAvailable"] == 7.5
    assert achievement["criteria"] == {
        "narrative": "Godkänd praktisk examination och skriftligt prov om arbetsmiljö."
    }
    assert achievement["alignment"][0]["targetUrl"] == "https://esco.ec.europa.eu/sv/skill/abc"
    assert 2000 < len(json.dumps(sample_credential)) < 3200


def test_sample_credential_uses_only_defined_terms(sample_credential):
    nquads = jsonld.canonize(sample_credential)  # safe mode raises on any undefined term
    assert "<https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsAvailable>" in nquads


def test_learner_email_is_salted_sha256_and_never_plain(sample_credential):
    identity = sample_credential["credentialSubject"]["identifier"][0]
    expected = "sha256$" + hashlib.sha256(b"anna.andersson@example.se" + b"c0ffee").hexdigest()
    assert identity == {
        "type": "IdentityObject",
        "identityHash": expected,
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "c0ffee",
    }
    assert "anna.andersson@" not in json.dumps(sample_credential).lower()
    assert credentials.email_matches_identity(identity, " Anna.Andersson@EXAMPLE.se ") is True
    assert credentials.email_matches_identity(identity, "someone@example.se") is False


def test_learner_name_identity_object(sample_credential):
    assert sample_credential["credentialSubject"]["identifier"][1] == {
        "type": "IdentityObject",
        "identityHash": "Anna Andersson",
        "identityType": "ext:name",
        "hashed": False,
    }


def test_random_salt_differs_per_learner():
    assert Learner(email="a@b.se").salt != Learner(email="a@b.se").salt


def test_optional_fields_are_omitted():
    cred = build_credential(
        credential_id="urn:uuid:1",
        issuer=IssuerProfile(id=ISSUER_DID, name="X"),
        achievement=Achievement(id="https://x.example/a", name="A", description="D", criteria_narrative="N"),
        learner=Learner(email="a@b.se", salt="s"),
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert set(cred) == {"@context", "id", "type", "name", "issuer", "validFrom", "credentialSubject"}
    assert set(cred["credentialSubject"]) == {"type", "identifier", "achievement"}
    jsonld.canonize(cred)


def test_multiple_status_entries_are_a_list():
    entry = {
        "id": "https://x.example/s#1",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "1",
        "statusListCredential": "https://x.example/s",
    }
    cred = build_sample_credential(credential_status=[entry, {**entry, "statusPurpose": "suspension"}])
    assert [e["statusPurpose"] for e in cred["credentialStatus"]] == ["revocation", "suspension"]
    jsonld.canonize(cred)


def test_credential_schema_reference_adds_extensions_context():
    cred = build_sample_credential(include_credential_schema=True)
    assert cred["@context"][-1] == "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
    assert cred["credentialSchema"][0]["type"] == "1EdTechJsonSchemaValidator2019"
    jsonld.canonize(cred)


@pytest.mark.parametrize(
    "overrides,code",
    [
        ({"credential_id": "3527"}, "invalid_iri"),
        ({"valid_from": datetime(2026, 1, 1)}, "invalid_datetime"),
        ({"valid_until": datetime(2020, 1, 1, tzinfo=UTC)}, "invalid_validity_period"),
        ({"learner": Learner(email="not-an-email")}, "invalid_email"),
    ],
)
def test_invalid_input_raises_credential_error(overrides, code):
    with pytest.raises(CredentialError) as info:
        build_sample_credential(**overrides)
    assert info.value.code == code


def test_achievement_requires_criteria():
    with pytest.raises(CredentialError) as info:
        Achievement(id="https://x.example/a", name="A", description="D").to_json()
    assert info.value.code == "missing_criteria"


def test_sign_credential_requires_issuer_key(sample_credential, issuer_key):
    with pytest.raises(CredentialError) as info:
        credentials.sign_credential(sample_credential, issuer_key, "did:web:other.example#key-1")
    assert info.value.code == "issuer_key_mismatch"
    signed = credentials.sign_credential(sample_credential, issuer_key, ISSUER_VM)
    assert signed["proof"]["verificationMethod"] == ISSUER_VM


def _schema_for_vc2():
    """1EdTech's draft-04 schema predates VC DM 2.0; adapt only the parts VC 2.0 renamed."""
    schema = json.loads((STANDARDS / "ob3" / "ob_v3p0_achievementcredential_schema_draft4.json").read_text())
    schema = copy.deepcopy(schema)
    # VC 2.0 replaced issuanceDate/expirationDate with validFrom/validUntil.
    schema["required"] = [r if r != "issuanceDate" else "validFrom" for r in schema["required"]]
    schema["properties"]["validFrom"] = schema["properties"]["issuanceDate"]
    schema["properties"]["validUntil"] = schema["properties"]["expirationDate"]
    # VC 2.0 BitstringStatusListEntry carries statusPurpose/statusListIndex/statusListCredential.
    schema["$defs"]["CredentialStatus"]["additionalProperties"] = True
    return schema


def test_credential_validates_against_1edtech_json_schema(sample_credential, issuer_key):
    schema = _schema_for_vc2()
    signed = credentials.sign_credential(sample_credential, issuer_key, ISSUER_VM)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(signed), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_schema_test_detects_missing_criteria():
    cred = build_sample_credential()
    del cred["credentialSubject"]["achievement"]["criteria"]
    validator = jsonschema.Draft4Validator(_schema_for_vc2())
    assert any("criteria" in e.message for e in validator.iter_errors(cred))
