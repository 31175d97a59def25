"""Open Badges 3.0 EndorsementCredentials: built, signed with eddsa-rdfc-2022 and verified like credentials."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from mimis.vc import credentials
from mimis.vc.endorsements import build_endorsement
from mimis.vc.errors import CredentialError
from mimis.vc.verify import verify_credential

from .conftest import ISSUER_DID, ISSUER_VM

SUBJECT = "https://mimis.example/microcredentials/demensvard-grund/#v1"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def endorsement(**overrides):  # type: ignore[no-untyped-def]
    args = {
        "credential_id": "urn:uuid:7a3c8e4e-8a5e-4c61-9b0e-0d5a2f3c9e11",
        "issuer": credentials.IssuerProfile(id=ISSUER_DID, name="Kristianstads kommun"),
        "subject_id": SUBJECT,
        "comment": "Precis det våra undersköterskor behöver.",
        "valid_from": NOW,
        "name": "Kristianstads kommun rekommenderar Demensvård – grunder",
        **overrides,
    }
    return build_endorsement(**args)


def test_an_endorsement_names_what_it_endorses_and_verifies(issuer_key, issuer_resolver):
    document = endorsement()
    assert document["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert document["credentialSubject"] == {
        "id": SUBJECT,
        "type": ["EndorsementSubject"],
        "endorsementComment": "Precis det våra undersköterskor behöver.",
    }
    signed = credentials.sign_credential(document, issuer_key, ISSUER_VM)
    result = verify_credential(signed, resolve_key=issuer_resolver, now=NOW)
    assert result.verified, result.errors
    changed = copy.deepcopy(signed)
    changed["credentialSubject"]["id"] = "https://mimis.example/microcredentials/other/#v1"
    assert not verify_credential(changed, resolve_key=issuer_resolver, now=NOW).verified


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        (
            {"id": SUBJECT, "type": ["AchievementSubject"]},
            "credentialSubject.type must include EndorsementSubject",
        ),
        ({"type": ["EndorsementSubject"]}, "credentialSubject.id must name what is endorsed"),
    ],
)
def test_an_endorsement_must_say_what_it_endorses(issuer_resolver, subject, message):
    document = {**endorsement(), "credentialSubject": subject}
    check = verify_credential(document, resolve_key=issuer_resolver, now=NOW).check("schema")
    assert (check.ok, check.message) == (False, message)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"subject_id": "not an iri"}, "invalid_iri"),
        ({"comment": "  "}, "missing_comment"),
        ({"valid_from": datetime(2026, 3, 1)}, "invalid_datetime"),  # noqa: DTZ001
    ],
)
def test_bad_input_is_refused(overrides, code):
    with pytest.raises(CredentialError) as excinfo:
        endorsement(**overrides)
    assert excinfo.value.code == code
