"""Issuing signed Open Badges 3.0 credentials, revoking and suspending them through the status lists."""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from mimis.audit.models import AuditEntry
from mimis.catalog import services as catalog_services
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.issuing import keys, services
from mimis.issuing.errors import CredentialStateConflict, VersionNotPublished
from mimis.issuing.models import STATUS_LIST_SIZE, Credential, StatusList
from mimis.vc import dids
from mimis.vc.status import make_status_checker
from mimis.vc.verify import verify_credential
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


@pytest.fixture
def issuer(provider):
    return member(provider, "issuer", email="jonas.issuer@hkr.example.se")


def verify(signed, provider):
    """Verify as an outside verifier would: our DID document and status lists, fetched over HTTP."""
    resolve = dids.resolver_from_documents([Client().get(f"/issuers/{provider.slug}/did.json").json()])

    def fetch(url):
        return Client().get(urlsplit(url).path).json()

    checker = make_status_checker(fetch, resolve_key=resolve, expected_issuer=keys.issuer_did(provider))
    return verify_credential(signed, resolve_key=resolve, status_checker=checker)


def test_issued_credential_verifies_and_carries_the_microcredential(published, issuer, provider):
    issued = services.issue_credential(
        version=published, email="Fatima@Example.se", name="Fatima Ahmed", acting_user=issuer
    )
    document = issued.signed
    assert issued.created
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "Demensvård – grunder"
    assert achievement["creditsAvailable"] == 1.5
    assert {a["targetName"] for a in achievement["alignment"]} == {
        "Omvårdnad",
        "Demensvård",
        "Föreslagen EQF-nivå 4 (inte beslutad av MYH)",  # no MYH decision is recorded: a proposal
        "Föreslagen SeQF-nivå 4 (inte beslutad av MYH)",
        "Vård och omsorg med boende",  # the sector (SNI)
    }
    assert achievement["alignment"][2]["targetUrl"] == "http://data.europa.eu/snb/eqf/4"
    assert achievement["image"] == {
        "id": f"http://testserver/badges/{published.microcredential.slug}/1.png",
        "type": "Image",
        "caption": "Demensvård – grunder",
    }
    assert "Bedömning:\nSkriftligt prov" in achievement["criteria"]["narrative"]
    assert achievement["tag"] == ["På nätet"]
    assert Client().get(achievement["image"]["id"]).headers["Content-Type"] == "image/png"
    assert "fatima@example.se" not in json.dumps(document)  # the e-mail is only there hashed
    assert document["credentialStatus"]["statusPurpose"] == "message"  # one entry (test_credential_content)
    result = verify(document, provider)
    assert result.verified, result.to_dict()
    assert AuditEntry.objects.filter(action="credential.issued").count() == 1


def test_issuing_twice_to_the_same_learner_returns_the_first_credential(published, issuer):
    first = services.issue_credential(version=published, email="a@example.se", name="A", acting_user=issuer)
    again = services.issue_credential(version=published, email="A@example.se ", name="A", acting_user=issuer)
    assert not again.created and again.credential.pk == first.credential.pk
    assert Credential.objects.count() == 1


def test_jwt_credential_verifies_with_the_p256_key(published, issuer, provider):
    issued = services.issue_credential(
        version=published, email="b@example.se", name="B", acting_user=issuer, credential_format="jwt"
    )
    assert issued.signed.count(".") == 2
    result = verify(issued.signed, provider)
    assert result.verified, result.to_dict()


def test_revocation_shows_in_the_published_status_list_at_once(published, issuer, provider):
    issued = services.issue_credential(version=published, email="c@example.se", name="C", acting_user=issuer)
    with pytest.raises(ValidationFailed):
        services.revoke_credential(credential=issued.credential, reason=" ", acting_user=issuer)
    services.revoke_credential(credential=issued.credential, reason="Fel person", acting_user=issuer)
    result = verify(issued.signed, provider)
    assert not result.verified
    assert not result.check("status").ok
    with pytest.raises(CredentialStateConflict):
        services.reinstate_credential(credential=issued.credential, acting_user=issuer)


def test_suspension_can_be_lifted(published, issuer, provider):
    issued = services.issue_credential(version=published, email="d@example.se", name="D", acting_user=issuer)
    services.suspend_credential(credential=issued.credential, reason="Utreds", acting_user=issuer)
    assert not verify(issued.signed, provider).verified
    services.reinstate_credential(credential=issued.credential, acting_user=issuer)
    assert verify(issued.signed, provider).verified


def test_only_published_versions_are_issued_and_only_by_issuers(
    draft, published, provider_editor, other_admin
):
    with pytest.raises(PermissionDenied):
        services.issue_credential(
            version=published, email="e@example.se", name="E", acting_user=provider_editor
        )
    with pytest.raises(NotFound):
        services.issue_credential(version=published, email="e@example.se", name="E", acting_user=other_admin)
    second = catalog_services.start_new_version(
        microcredential=draft.microcredential, acting_user=provider_editor
    )
    with pytest.raises(VersionNotPublished):
        services.issue_credential(version=second, email="e@example.se", name="E", acting_user=None)
    with pytest.raises(ValidationFailed):
        services.issue_credential(version=published, email="not-an-email", name="E", acting_user=None)
    assert Credential.objects.count() == 0


def test_status_indexes_are_unique_and_a_full_list_starts_a_new_one(published, provider):
    first = services.issue_credential(version=published, email="f1@example.se", name="F", acting_user=None)
    second = services.issue_credential(version=published, email="f2@example.se", name="F", acting_user=None)
    assert (first.credential.status_entry_index, second.credential.status_entry_index) == (0, 1)
    StatusList.objects.filter(organisation=provider, purpose="message").update(next_index=STATUS_LIST_SIZE)
    third = services.issue_credential(version=published, email="f3@example.se", name="F", acting_user=None)
    assert third.credential.revocation_list.number == 2
    assert third.credential.status_entry_index == 0
    assert third.signed["credentialStatus"]["statusListIndex"] == "0"
    assert len(third.credential.revocation_list.bits) == 2 * STATUS_LIST_SIZE // 8  # 2 bits per entry


class TestCommands:
    def test_issue_prints_the_signed_credential_and_revoke_takes_its_id(self, published, provider):
        out = io.StringIO()
        call_command(
            "credentials",
            "issue",
            "--microcredential",
            published.microcredential.slug,
            "--email",
            "g@example.se",
            "--name",
            "G",
            stdout=out,
        )
        document = json.loads(out.getvalue())
        assert verify(document, provider).verified
        call_command("credentials", "revoke", document["id"], "--reason", "Test", stdout=io.StringIO())
        assert not verify(document, provider).verified

    def test_jwt_format_prints_a_token(self, published):
        out = io.StringIO()
        call_command(
            "credentials",
            "issue",
            "--microcredential",
            published.microcredential.slug,
            "--email",
            "h@example.se",
            "--name",
            "H",
            "--format",
            "jwt",
            stdout=out,
        )
        assert out.getvalue().strip().count(".") == 2

    def test_unknown_microcredential_or_id_is_a_clear_error(self, db):
        with pytest.raises(CommandError, match="No published micro-credential"):
            call_command(
                "credentials", "issue", "--microcredential", "nope", "--email", "x@example.se", "--name", "X"
            )
        with pytest.raises(CommandError, match="is not a credential id"):
            call_command("credentials", "revoke", "garbage", "--reason", "x")


def test_a_lapsed_approval_stops_issuing_with_its_own_reason(published, issuer, provider):
    from datetime import timedelta

    from django.utils import timezone

    from mimis.issuing.errors import QualityAssuranceLapsed
    from mimis.issuing.forms import AwardForm

    published.review_by = timezone.localdate() - timedelta(days=1)
    published.save(update_fields=["review_by"])
    with pytest.raises(QualityAssuranceLapsed) as error:
        services.issue_credential(version=published, email="a@example.se", name="A", acting_user=issuer)
    assert error.value.code == "quality_assurance_lapsed"
    assert Credential.objects.count() == 0
    assert AwardForm(organisation=provider).fields["version"].choices == []
