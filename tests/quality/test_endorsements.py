"""Employers, unions and industry bodies endorse published micro-credentials with signed
Open Badges 3.0 EndorsementCredentials that anyone can verify."""

from __future__ import annotations

import copy

import pytest
from django.core import mail
from django.test import Client

from mimis.audit.models import AuditEntry
from mimis.errors import MimisError
from mimis.quality import services as quality
from mimis.quality.models import Endorsement
from mimis.verification.services import verify
from tests.factories import OrganisationFactory, member
from tests.quality.test_api import client_for, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def lena(employer):
    return member(employer, "editor", email="lena@kommun.example.se", name="Lena Ström")


def test_an_employer_endorsement_is_signed_by_the_employer_and_verifies(published, employer, lena, on_commit):
    with on_commit():
        endorsement = quality.endorse_microcredential(
            microcredential=published.microcredential,
            organisation=employer,
            acting_user=lena,
            comment="Precis det våra undersköterskor behöver.",
        )
    document = endorsement.document
    assert document["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert document["issuer"]["id"] == "did:web:testserver:issuers:kommun"
    assert document["credentialSubject"] == {
        "id": f"http://testserver/microcredentials/{published.microcredential.slug}/#v1",
        "type": ["EndorsementSubject"],
        "endorsementComment": "Precis det våra undersköterskor behöver.",
    }
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    report = verify(document)
    assert (report.verified, report.known_issuer, report.issuer_name) == (True, True, "Kristianstads kommun")
    assert AuditEntry.objects.get(action="quality.endorsed").data["organisation"] == "kommun"
    assert mail.outbox[0].subject == "Kristianstads kommun rekommenderar Demensvård – grunder"
    assert mail.outbox[0].to == ["jonas@hkr.example.se"]


def test_a_changed_endorsement_does_not_verify(published, employer, lena):
    endorsement = quality.endorse_microcredential(
        microcredential=published.microcredential, organisation=employer, acting_user=lena, comment="Bra."
    )
    forged = copy.deepcopy(endorsement.document)
    forged["credentialSubject"]["endorsementComment"] = "Världens bästa."
    report = verify(forged)
    assert not report.verified
    assert [e["name"] for e in report.errors] == ["proof", "issuer"]


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("provider_admin", "not_allowed_to_endorse"),  # its own micro-credential
        ("other_admin", "not_allowed_to_endorse"),  # an education provider does not endorse
        ("employer_viewer", "not_allowed_to_endorse"),
        ("learner", "not_allowed_to_endorse"),
    ],
)
def test_who_may_not_endorse(request, published, employer, provider, who, code):
    if who == "employer_viewer":
        user, organisation = member(employer, "viewer"), employer
    else:
        user = request.getfixturevalue(who)
        organisation = (
            provider if who in ("provider_admin", "learner") else request.getfixturevalue("other_provider")
        )
    with pytest.raises(MimisError) as excinfo:
        quality.endorse_microcredential(
            microcredential=published.microcredential,
            organisation=organisation,
            acting_user=user,
            comment="Bra.",
        )
    assert excinfo.value.code == code
    assert not Endorsement.objects.exists()


def test_only_a_published_microcredential_is_endorsed_once_per_organisation_with_a_comment(
    submitted, published, employer, lena
):
    with pytest.raises(MimisError) as excinfo:
        quality.endorse_microcredential(
            microcredential=published.microcredential, organisation=employer, acting_user=lena, comment=" "
        )
    assert excinfo.value.code == "validation_failed"
    quality.endorse_microcredential(
        microcredential=published.microcredential, organisation=employer, acting_user=lena, comment="Bra."
    )
    with pytest.raises(MimisError) as excinfo:
        quality.endorse_microcredential(
            microcredential=published.microcredential,
            organisation=employer,
            acting_user=lena,
            comment="Igen.",
        )
    assert excinfo.value.code == "already_endorsed"


def test_an_unpublished_microcredential_cannot_be_endorsed(submitted, employer, lena):
    with pytest.raises(MimisError) as excinfo:
        quality.endorse_microcredential(
            microcredential=submitted.microcredential, organisation=employer, acting_user=lena, comment="Bra."
        )
    assert excinfo.value.code == "transition_not_allowed"


def test_endorsements_through_the_api(published, employer, lena):
    mc = published.microcredential_id
    union = OrganisationFactory(name="Kommunal Skåne", slug="kommunal", kind="union")
    created = post(
        client_for(lena, "write"),
        f"/api/v1/microcredentials/{mc}/endorsements",
        {"organisation": "kommun", "comment": "Bra."},
    )
    assert created.status_code == 201
    assert created.json()["credential"]["type"][1] == "EndorsementCredential"
    refused = post(
        client_for(lena, "write"),
        f"/api/v1/microcredentials/{mc}/endorsements",
        {"organisation": union.slug, "comment": "Bra."},
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed_to_endorse")
    listed = Client().get(f"/api/v1/microcredentials/{mc}/endorsements").json()
    assert [(e["organisation"], e["comment"], e["version"]) for e in listed] == [("kommun", "Bra.", 1)]
    verified = Client().post("/api/v1/verify", listed[0]["credential"], content_type="application/json")
    assert verified.json()["verified"] is True
