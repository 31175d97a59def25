"""What MIMIS puts inside an issued credential, tested on what issuing really produces.

One status entry (revocation and suspension both), calendar-month validity, every mandatory element of the
EU's Annex I machine-readably in the signed credential, 1EdTech's OB 3.0 JSON Schema and safe-mode JSON-LD.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.test import Client

from mimis.catalog.models import MicroCredentialVersion
from mimis.issuing import services
from mimis.issuing.models import Credential
from mimis.vc import jsonld
from mimis.vc.jwt import decode_unverified
from tests.catalog.conftest import concept
from tests.factories import publish
from tests.issuing.legacy import issue_two_entry_credential
from tests.issuing.test_issuing import verify
from tests.vc.test_credentials import _schema_for_vc2

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    version = publish(draft)
    occupation = concept("occupation_group", "Undersköterskor, vård- och specialavdelning", "5321")
    MicroCredentialVersion.objects.filter(pk=version.pk).update(
        identity_verification="supervised_id_checked",
        grading_scheme="Godkänd / Underkänd",
        prerequisites="Grundläggande svenska.",
        validity_months=36,
    )
    version.occupations.add(occupation)
    return MicroCredentialVersion.objects.get(pk=version.pk)


def issue(version, email, credential_format="ldp") -> Credential:
    return services.issue_credential(
        version=version,
        email=email,
        name="Fatima Ahmed",
        acting_user=None,
        credential_format=credential_format,
    ).credential


def payload(credential: Credential) -> dict:
    """The credential as signed: the JSON-LD document, or the JWT's claims (VC-JOSE: the VC itself)."""
    if credential.format == "ldp":
        return credential.document
    return decode_unverified(credential.token)[1]


class TestOneStatusEntry:
    def test_a_new_credential_has_one_entry_that_revocation_and_suspension_both_use(self, published):
        """Open Badges 3.0, AchievementCredential: credentialStatus has multiplicity [0..1]; Bitstring Status
        List v1.0, 2.1: purpose "message" with statusSize > 1 and a statusMessage per possible value."""
        credential = issue(published, "a@example.se")
        entry = credential.document["credentialStatus"]
        url = services.status_list_url(credential.revocation_list)
        assert entry == {
            "id": f"{url}#0",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "message",
            "statusListIndex": "0",
            "statusListCredential": url,
            "statusSize": 2,
            "statusMessage": [
                {"status": "0x0", "message": "valid"},
                {"status": "0x1", "message": "revoked"},
                {"status": "0x2", "message": "suspended"},
                {"status": "0x3", "message": "revoked"},
            ],
        }
        assert url == "http://testserver/issuers/hkr/status/message/1"
        assert credential.revocation_list_id == credential.suspension_list_id
        assert (credential.suspension_index, credential.revocation_index) == (0, 1)
        published_list = Client().get("/issuers/hkr/status/message/1").json()
        assert published_list["credentialSubject"]["statusPurpose"] == "message"

    @pytest.mark.parametrize("credential_format", ["ldp", "jwt"])
    def test_revoking_suspending_and_reinstating_show_through_the_one_entry(
        self, published, provider, credential_format
    ):
        credential = issue(published, "b@example.se", credential_format)
        signed = credential.document or credential.token
        assert verify(signed, provider).verified
        services.suspend_credential(credential=credential, reason="Under utredning", acting_user=None)
        assert verify(signed, provider).check("status").code == "suspended"
        services.reinstate_credential(credential=credential, acting_user=None)
        assert verify(signed, provider).verified
        services.revoke_credential(credential=credential, reason="Fel deltagare", acting_user=None)
        assert verify(signed, provider).check("status").code == "revoked"

    def test_credentials_issued_with_two_entries_keep_verifying_and_can_still_be_revoked(
        self, published, provider
    ):
        old = issue_two_entry_credential(published, "old@example.se")
        assert [e["statusPurpose"] for e in old.document["credentialStatus"]] == ["revocation", "suspension"]
        assert verify(old.document, provider).verified
        services.suspend_credential(credential=old, reason="Under utredning", acting_user=None)
        assert verify(old.document, provider).check("status").code == "suspended"
        services.revoke_credential(credential=old, reason="Fel deltagare", acting_user=None)
        assert verify(old.document, provider).check("status").code == "revoked"

    def test_key_reissue_gives_a_two_entry_credential_one_entry_and_keeps_its_suspension(
        self, published, provider, provider_admin
    ):
        from mimis.issuing import keys, reissue

        old = issue_two_entry_credential(published, "old2@example.se")
        services.suspend_credential(credential=old, reason="Under utredning", acting_user=None)
        keys.mark_key_compromised(key=old.key, acting_user=provider_admin)
        assert reissue.reissue_after_compromise(key=old.key, acting_user=None) == 2  # and the template

        new = Credential.objects.get(replaces=old)
        assert new.document["credentialStatus"]["statusPurpose"] == "message"
        assert new.revocation_list.purpose == "message"
        assert verify(new.document, provider).check("status").code == "suspended"
        old.refresh_from_db()
        assert (old.state, verify(old.document, provider).verified) == ("revoked", False)


class TestValidity:
    @pytest.mark.parametrize(
        ("start", "months", "end"),
        [
            (datetime(2027, 1, 31, 9, 30, tzinfo=UTC), 1, datetime(2027, 2, 28, 9, 30, tzinfo=UTC)),
            (datetime(2028, 1, 31, 9, 30, tzinfo=UTC), 1, datetime(2028, 2, 29, 9, 30, tzinfo=UTC)),
            (datetime(2026, 12, 4, 1, 0, tzinfo=UTC), 36, datetime(2029, 12, 4, 1, 0, tzinfo=UTC)),
            (datetime(2026, 8, 31, tzinfo=UTC), 6, datetime(2027, 2, 28, tzinfo=UTC)),
            (datetime(2026, 3, 15, tzinfo=UTC), 600, datetime(2076, 3, 15, tzinfo=UTC)),
        ],
    )
    def test_calendar_months_with_month_end_clamping(self, start, months, end):
        assert services.add_months(start, months) == end

    def test_a_36_month_credential_is_valid_until_the_same_day_three_years_on(self, published):
        credential = issue(published, "c@example.se")
        issued = credential.issued_at
        assert credential.valid_until == services.add_months(issued, 36)
        assert credential.valid_until.date().replace(year=issued.year) == issued.date()
        assert credential.document["validUntil"] == credential.valid_until.strftime("%Y-%m-%dT%H:%M:%SZ")


class TestEuElements:
    def test_every_annex_i_element_is_in_the_signed_credential_machine_readably(self, published, provider):
        """Council Recommendation 2022/C 243/02, Annex I (mandatory): learner, title, country/region of the
        issuer, awarding body, date of issuing, learning outcomes, notional workload, level, type of
        assessment, form of participation, type of quality assurance; (optional) prerequisites, supervision
        and identity verification, grade, further information."""
        credential = issue(published, "d@example.se")
        document = credential.document
        issuer, subject = document["issuer"], document["credentialSubject"]
        achievement = subject["achievement"]
        assert subject["identifier"][0]["identityType"] == "emailAddress"  # learner
        assert document["name"] == achievement["name"] == "Demensvård – grunder"  # title
        assert issuer["address"] == {
            "type": ["Address"],
            "addressCountryCode": "SE",
            "addressRegion": "Skåne",
        }
        assert issuer["name"] == provider.name  # awarding body
        assert document["awardedDate"] == document["validFrom"]  # date of issuing
        assert achievement["learningOutcomes"] == ["Beskriva hur demens påverkar omsorgen."]
        assert (achievement["creditsAvailable"], achievement["workloadHours"]) == (1.5, 40)
        frameworks = {a["targetFramework"]: a for a in achievement["alignment"]}
        assert (
            frameworks["European Qualifications Framework"]["targetUrl"] == "http://data.europa.eu/snb/eqf/4"
        )
        assert frameworks["SNI 2007"]["targetName"] == "Vård och omsorg med boende"
        assert frameworks["SNI 2007"]["targetCode"] == "87"
        assert frameworks["SSYK 2012"]["targetCode"] == "5321"
        assert frameworks["JobTech Taxonomy"]["targetUrl"].startswith(
            "http://data.jobtechdev.se/taxonomy/concept/"
        )
        assert achievement["assessmentType"] == "written"
        assert achievement["participationForm"] == ["online"]
        assert achievement["qualityAssurance"] == "external_review"
        assert achievement["identityVerification"] == "supervised_id_checked"
        assert achievement["prerequisites"] == "Grundläggande svenska."
        assert achievement["resultDescription"] == [
            {
                "id": achievement["id"] + "-grading",
                "type": ["ResultDescription"],
                "name": "Godkänd / Underkänd",
                "resultType": "ext:GradingScheme",
            }
        ]
        assert document["credentialSchema"] == [
            {
                "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
                "type": "1EdTechJsonSchemaValidator2019",
            }
        ]
        assert document["@context"][-1] == "http://testserver/contexts/eu-microcredential-v1.jsonld"

    def test_the_signed_credential_expands_in_safe_mode_with_every_extension_term_defined(self, published):
        """JSON-LD 1.1 safe mode: expansion fails on a term that the contexts do not define."""
        credential = issue(published, "e@example.se")
        expanded = json.dumps(jsonld.expand(credential.document, safe=True))
        vocabulary = "http://testserver/contexts/eu-microcredential-v1.jsonld#"
        for term in ("learningOutcomes", "workloadHours", "assessmentType", "identityVerification"):
            assert vocabulary + term in expanded

    def test_mimis_serves_the_extension_context_at_the_url_credentials_name(self, published):
        response = Client().get("/contexts/eu-microcredential-v1.jsonld")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/ld+json"
        url = "http://testserver/contexts/eu-microcredential-v1.jsonld"
        assert response.json() == jsonld.load_context(url)
        assert response.json()["@context"]["mimiseu"] == url + "#"

    def test_the_achievement_id_answers_json_ld_to_machines_and_the_page_to_people(self, published):
        credential = issue(published, "f@example.se")
        achievement = credential.document["credentialSubject"]["achievement"]
        page = achievement["id"].split("#")[0].removeprefix("http://testserver")
        for accept in ("application/ld+json", "application/json"):
            response = Client().get(page, HTTP_ACCEPT=accept)
            assert response["Content-Type"] == "application/ld+json; charset=utf-8"
            assert "Accept" in [name.strip() for name in response["Vary"].split(",")]
            body = response.json()
            assert body.pop("@context") == [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                "http://testserver/contexts/eu-microcredential-v1.jsonld",
            ]
            assert body == achievement
        html = Client().get(page, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
        assert html["Content-Type"].startswith("text/html")
        assert "Accept" in html["Vary"]


STATES = ("valid", "revoked", "suspended")


@pytest.mark.parametrize("credential_format", ["ldp", "jwt"])
def test_what_issuing_produces_passes_1edtechs_ob3_schema(published, credential_format):
    """1EdTech's OB 3.0 AchievementCredential JSON Schema, adapted only where it predates VC DM 2.0
    (see tests/vc/test_credentials.py::_schema_for_vc2: validFrom/validUntil for issuanceDate/expirationDate,
    and the BitstringStatusListEntry properties of CredentialStatus). credentialStatus stays an object."""
    import jsonschema

    validator = jsonschema.Draft4Validator(_schema_for_vc2(), format_checker=jsonschema.FormatChecker())
    for state in STATES:
        credential = issue(published, f"{state}-{credential_format}@example.se", credential_format)
        if state == "revoked":
            services.revoke_credential(credential=credential, reason="Fel", acting_user=None)
        elif state == "suspended":
            services.suspend_credential(credential=credential, reason="Utreds", acting_user=None)
        document = payload(credential)
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], state
        assert isinstance(document["credentialStatus"], dict)
