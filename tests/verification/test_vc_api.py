"""The W3C CCG VC API: POST /credentials/issue (token with the issue scope) and POST /credentials/verify."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.accounts.models import Membership
from mimis.audit.models import AuditEntry
from mimis.issuing import keys
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential
from mimis.vc.jsonld import OB_V3_CONTEXT, VC_V2_CONTEXT
from tests.factories import member, publish
from tests.verification.test_verify import did_key_credential

pytestmark = pytest.mark.django_db

ISSUE = "/credentials/issue"
VERIFY = "/credentials/verify"


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


@pytest.fixture
def issuer(provider):
    return member(provider, "issuer", email="jonas.issuer@hkr.example.se")


def client_for(user, scopes=("issue",), organisation=None) -> Client:
    _token, secret = account_services.create_api_token(
        user=user, name="vc-api", scopes=list(scopes), organisation=organisation
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def unsigned(version, **changes) -> dict:
    """What an issuer coordinator posts: an unsigned OB 3.0 credential naming the achievement and learner."""
    slug = version.microcredential.slug
    credential = {
        "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": keys.issuer_did(version.microcredential.provider),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": False,
                    "identityHash": "ny@example.se",
                },
                {
                    "type": "IdentityObject",
                    "identityType": "ext:name",
                    "hashed": False,
                    "identityHash": "Ny Person",
                },
            ],
            "achievement": {
                "id": f"http://testserver/microcredentials/{slug}/#v{version.number}",
                "type": ["Achievement"],
                "name": version.title,
                "description": version.summary,
                "criteria": {"narrative": "Godkänd examination."},
            },
        },
    }
    credential.update(changes)
    return credential


def post(client: Client, path: str, body, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data, content_type="application/json", **headers)


class TestIssue:
    def test_an_issuer_token_issues_a_signed_revocable_credential(self, published, provider, issuer):
        response = post(client_for(issuer), ISSUE, {"credential": unsigned(published), "options": {}})
        assert response.status_code == 201, response.content
        vc = response.json()["verifiableCredential"]
        assert vc["issuer"]["id"] == keys.issuer_did(provider)
        assert vc["proof"]["type"] == "DataIntegrityProof"
        assert vc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
        assert vc["proof"]["verificationMethod"].startswith(keys.issuer_did(provider) + "#ed25519-")
        assert vc["credentialStatus"]["statusPurpose"] == "message"  # one entry: revoked or suspended
        stored = Credential.objects.get()
        assert vc["id"] == f"urn:uuid:{stored.pk}"
        assert (stored.recipient_email, stored.recipient_name, stored.version) == (
            "ny@example.se",
            "Ny Person",
            published,
        )
        entry = AuditEntry.objects.get(action="credential.issued")
        assert entry.actor == issuer and entry.organisation == provider
        assert post(Client(), VERIFY, {"verifiableCredential": vc}).json()["verified"] is True

    def test_issuing_to_the_same_learner_again_gives_the_first_credential(self, published, issuer):
        api = client_for(issuer)
        first = post(api, ISSUE, {"credential": unsigned(published)})
        again = post(api, ISSUE, {"credential": unsigned(published)})
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json() == first.json()
        assert Credential.objects.count() == 1

    def test_the_issuer_and_the_version_fragment_may_be_left_out(self, published, provider, issuer):
        credential = unsigned(published)
        del credential["issuer"]
        achievement = credential["credentialSubject"]["achievement"]
        # The English catalogue address names the same micro-credential.
        achievement["id"] = achievement["id"].split("#")[0].replace("testserver/", "testserver/en/")
        credential["credentialSubject"]["name"] = "Ny Person"
        credential["credentialSubject"]["identifier"].pop()
        response = post(client_for(issuer), ISSUE, {"credential": credential})
        assert response.status_code == 201, response.content
        assert response.json()["verifiableCredential"]["issuer"]["id"] == keys.issuer_did(provider)

    def test_without_a_token_it_is_401(self, published):
        response = post(Client(), ISSUE, {"credential": unsigned(published)})
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
        assert Credential.objects.count() == 0

    def test_a_token_without_the_issue_scope_is_403(self, published, issuer):
        response = post(
            client_for(issuer, scopes=["read", "write"]), ISSUE, {"credential": unsigned(published)}
        )
        assert response.status_code == 403
        assert response.json()["code"] == "insufficient_scope"

    def test_a_member_who_may_not_issue_is_403(self, published, provider_editor):
        response = post(client_for(provider_editor), ISSUE, {"credential": unsigned(published)})
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"

    def test_another_organisations_token_cannot_issue_this_providers_micro_credential(
        self, published, provider, other_provider, other_admin
    ):
        # Someone who issues for both organisations, with a token limited to the other one.
        both = member(provider, "issuer", email="dubbel@example.se")
        Membership.objects.create(user=both, organisation=other_provider, role="issuer")
        response = post(
            client_for(both, organisation=other_provider), ISSUE, {"credential": unsigned(published)}
        )
        assert response.status_code == 403
        # An administrator of the other organisation, with a personal token.
        response = post(client_for(other_admin), ISSUE, {"credential": unsigned(published)})
        assert response.status_code == 403
        assert Credential.objects.count() == 0

    def test_an_organisation_token_issues_for_its_own_organisation(self, published, provider, issuer):
        response = post(client_for(issuer, organisation=provider), ISSUE, {"credential": unsigned(published)})
        assert response.status_code == 201

    def test_another_issuer_is_a_400_naming_the_expected_one(
        self, published, provider, other_provider, issuer
    ):
        for other in ("did:web:example.com", {"id": keys.issuer_did(other_provider), "type": ["Profile"]}):
            response = post(client_for(issuer), ISSUE, {"credential": unsigned(published, issuer=other)})
            assert response.status_code == 400
            body = response.json()
            assert body["code"] == "issuer_mismatch"
            assert keys.issuer_did(provider) in body["message"]
        assert Credential.objects.count() == 0

    def test_an_undefined_term_is_a_400_naming_it(self, published, issuer):
        credential = unsigned(published)
        credential["credentialSubject"]["favouriteColour"] = "blå"
        response = post(client_for(issuer), ISSUE, {"credential": credential})
        assert response.status_code == 400
        assert response.json()["code"] == "undefined_term"
        assert "favouriteColour" in response.json()["message"]

    @pytest.mark.parametrize(
        "body",
        [
            "{not json",
            "[]",
            {},
            {"credential": "text"},
            {"credential": {}, "extra": 1},
        ],
    )
    def test_a_malformed_request_is_a_400(self, published, issuer, body):
        response = post(client_for(issuer), ISSUE, body)
        assert response.status_code == 400, response.content
        assert response.json()["code"] in {"malformed_request", "not_a_credential"}

    @pytest.mark.parametrize(
        ("change", "code"),
        [
            (lambda c: c.update(proof={"type": "DataIntegrityProof"}), "already_signed"),
            (lambda c: c["credentialSubject"].update(id="not a did"), "invalid_subject_id"),
            (lambda c: c["credentialSubject"].update(id="did:key:z6Mk#frag"), "invalid_subject_id"),
            (lambda c: c["credentialSubject"].pop("achievement"), "achievement_missing"),
            (
                lambda c: c["credentialSubject"]["achievement"].update(id="https://example.com/badge"),
                "unknown_achievement",
            ),
            (
                lambda c: c["credentialSubject"]["achievement"].update(
                    id=c["credentialSubject"]["achievement"]["id"].replace("#v1", "#v7")
                ),
                "version_not_published",
            ),
            (lambda c: c["credentialSubject"].pop("identifier"), "recipient_missing"),
            (lambda c: c["credentialSubject"]["identifier"].pop(), "recipient_missing"),
            (lambda c: c["credentialSubject"]["identifier"][0].update(hashed=True), "recipient_missing"),
            (
                lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="nej"),
                "recipient_missing",
            ),
            (lambda c: c.update({"@context": [OB_V3_CONTEXT]}), "not_a_credential"),
            (lambda c: c.update({"@context": [VC_V2_CONTEXT, "https://example.com/ctx"]}), "unknown_context"),
        ],
    )
    def test_what_mimis_cannot_honour_is_a_400_with_a_code(self, published, issuer, change, code):
        credential = unsigned(published)
        change(credential)
        response = post(client_for(issuer), ISSUE, {"credential": credential})
        assert response.status_code == 400, response.content
        assert response.json()["code"] == code
        assert Credential.objects.count() == 0

    def test_a_holder_did_is_bound_as_credential_subject_id(self, published, issuer):
        """VC Data Model 2.0 §4.8: "credentialSubject ... id ... identifies the subject" -- the holder's
        DID sent in credentialSubject.id is the issued credential's credentialSubject.id, and it verifies."""
        holder = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        credential = unsigned(published)
        credential["credentialSubject"]["id"] = holder
        response = post(client_for(issuer), ISSUE, {"credential": credential})
        assert response.status_code == 201, response.content
        vc = response.json()["verifiableCredential"]
        assert vc["credentialSubject"]["id"] == holder
        assert Credential.objects.get().document["credentialSubject"]["id"] == holder
        assert post(Client(), VERIFY, {"verifiableCredential": vc}).json()["verified"] is True

    def test_a_holder_did_is_not_silently_dropped_when_the_learner_already_holds_it(self, published, issuer):
        assert post(client_for(issuer), ISSUE, {"credential": unsigned(published)}).status_code == 201
        credential = unsigned(published)
        credential["credentialSubject"]["id"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        response = post(client_for(issuer), ISSUE, {"credential": credential})
        assert response.status_code == 400
        assert response.json()["code"] == "already_issued"
        assert Credential.objects.count() == 1

    def test_options_are_refused_rather_than_ignored(self, published, issuer):
        body = {"credential": unsigned(published), "options": {"credentialId": "urn:uuid:1"}}
        response = post(client_for(issuer), ISSUE, body)
        assert response.status_code == 400
        assert response.json()["code"] == "unsupported_option"
        assert "credentialId" in response.json()["message"]

    def test_messages_follow_accept_language(self, published, issuer):
        credential = unsigned(published, issuer="did:web:example.com")
        swedish = post(client_for(issuer), ISSUE, {"credential": credential}).json()["message"]
        english = post(
            client_for(issuer), ISSUE, {"credential": credential}, HTTP_ACCEPT_LANGUAGE="en"
        ).json()["message"]
        assert english.startswith("The issuer must be") and swedish != english


@pytest.fixture
def issued(published):
    return issuing.issue_credential(
        version=published, email="fatima@example.se", name="Fatima", acting_user=None
    )


class TestVerify:
    def test_a_genuine_credential_is_verified(self, issued):
        response = post(Client(), VERIFY, {"verifiableCredential": issued.signed, "options": {}})
        assert response.status_code == 200
        body = response.json()
        assert body["verified"] is True
        assert body["checks"] == ["schema", "proof", "issuer", "validity", "status"]
        assert body["errors"] == [] and body["warnings"] == []
        assert "credential" not in body

    def test_a_tampered_credential_fails_the_proof(self, issued):
        """Data Integrity conformance: a verifier answers a failed verification with a 4xx (here 400),
        keeping the VC API verification result body (verified, checks, warnings, errors)."""
        tampered = copy.deepcopy(issued.signed)
        tampered["credentialSubject"]["achievement"]["name"] = "Hjärtkirurgi"
        response = post(Client(), VERIFY, {"verifiableCredential": tampered})
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"verified", "checks", "warnings", "errors"}
        assert body["verified"] is False
        assert "proof" not in body["checks"]
        assert body["errors"][0]["type"] == "https://w3id.org/security#PROOF_VERIFICATION_ERROR"
        assert body["errors"][0]["code"] == -17

    def test_a_revoked_credential_is_not_verified(self, issued):
        issuing.revoke_credential(credential=issued.credential, reason="Fel person", acting_user=None)
        response = post(Client(), VERIFY, {"verifiableCredential": issued.signed})
        assert response.status_code == 400
        body = response.json()
        assert body["verified"] is False
        assert [e["type"] for e in body["errors"]] == ["urn:mimis:problem:revoked"]
        assert body["errors"][0]["title"] == "Meriten har återkallats"

    def test_a_jwt_is_verified_as_a_string_or_enveloped(self, published):
        token = issuing.issue_credential(
            version=published, email="j@example.se", name="J", acting_user=None, credential_format="jwt"
        ).signed
        enveloped = {
            "@context": VC_V2_CONTEXT,
            "id": "data:application/vc+jwt," + token,
            "type": "EnvelopedVerifiableCredential",
        }
        for value in (token, enveloped):
            body = post(Client(), VERIFY, {"verifiableCredential": value}).json()
            assert body["verified"] is True, body

    def test_an_issuer_outside_mimis_is_a_warning(self, db):
        body = post(Client(), VERIFY, {"verifiableCredential": did_key_credential()}).json()
        assert body["verified"] is True
        assert "urn:mimis:problem:issuer_not_in_mimis" in [w["type"] for w in body["warnings"]]
        assert "urn:mimis:problem:no_status" in [w["type"] for w in body["warnings"]]

    def test_the_credential_is_returned_when_asked(self, issued):
        body = post(
            Client(), VERIFY, {"verifiableCredential": issued.signed, "options": {"returnCredential": True}}
        ).json()
        assert body["credential"] == issued.signed

    @pytest.mark.parametrize(
        "body",
        [
            "{not json",
            {},
            {"verifiableCredential": 42},
            {"verifiableCredential": {"name": "no context"}},
            {"verifiableCredential": "not.a.jwt"},
            {"verifiableCredential": {"type": "EnvelopedVerifiableCredential", "id": "data:text/plain,x"}},
            {
                "verifiableCredential": {"@context": VC_V2_CONTEXT, "type": "x"},
                "options": {"checks": "proof"},
            },
            {"verifiableCredential": {"@context": VC_V2_CONTEXT, "type": "x"}, "options": {"challenge": 7}},
        ],
    )
    def test_malformed_input_is_a_400(self, db, body):
        response = post(Client(), VERIFY, body)
        assert response.status_code == 400, response.content
        assert response.json()["code"]


def plain_vc(**changes) -> dict:
    """A VC Data Model 2.0 credential that is not an Open Badge (what conformance suites post)."""
    credential = {
        "@context": [VC_V2_CONTEXT, "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:8b4b7a64-3c3f-4a8e-9a0e-6a5f0c1d2e3f",
        "type": ["VerifiableCredential", "ExampleAlumniCredential"],
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:alumna", "alumniOf": "The School of Examples"},
    }
    credential.update(changes)
    return credential


@pytest.fixture
def conformance(provider, region_admin):
    from mimis.vcapi.services import set_any_credential_signing

    set_any_credential_signing(organisation=provider, allowed=True, acting_user=region_admin)
    return provider


class TestConformanceIssuing:
    """An organisation a region admin allows may sign any well-formed VC; VC DM 2.0 rules are enforced."""

    def test_it_is_off_by_default(self, provider, issuer):
        response = post(client_for(issuer, organisation=provider), ISSUE, {"credential": plain_vc()})
        assert response.status_code == 400
        assert response.json()["code"] == "achievement_missing"

    def test_an_allowed_organisation_signs_a_plain_vc_that_verifies(self, conformance, issuer):
        response = post(client_for(issuer, organisation=conformance), ISSUE, {"credential": plain_vc()})
        assert response.status_code == 201, response.content
        vc = response.json()["verifiableCredential"]
        assert vc["issuer"] == keys.issuer_did(conformance)
        assert vc["credentialSubject"] == plain_vc()["credentialSubject"]
        assert vc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
        assert Credential.objects.count() == 0
        assert AuditEntry.objects.filter(action="vcapi.any_credential_signed").count() == 1
        verified = post(Client(), VERIFY, {"verifiableCredential": vc, "options": {"checks": ["proof"]}})
        assert verified.status_code == 200 and verified.json()["verified"] is True

    def test_a_personal_token_does_not_use_the_conformance_path(self, conformance, issuer):
        response = post(client_for(issuer), ISSUE, {"credential": plain_vc()})
        assert response.json()["code"] == "achievement_missing"

    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"@context": ["https://www.w3.org/2018/credentials/v1"]}, "invalid_context"),
            (
                {"@context": ["https://www.w3.org/ns/credentials/examples/v2", VC_V2_CONTEXT]},
                "invalid_context",
            ),
            ({"type": ["ExampleAlumniCredential"]}, "invalid_type"),
            ({"type": ["VerifiableCredential", 5]}, "invalid_type"),
            ({"id": "not a url"}, "invalid_id"),
            ({"issuer": "did:web:example.com"}, "issuer_mismatch"),
            ({"issuer": {"name": "No id"}}, "issuer_mismatch"),
            ({"validFrom": "2026-01-01"}, "invalid_validity"),
            ({"validUntil": "2026-13-01T00:00:00Z"}, "invalid_validity"),
            ({"validUntil": "2025-01-01T00:00:00Z"}, "invalid_validity"),
            ({"credentialSubject": {}}, "invalid_subject"),
            ({"credentialSubject": []}, "invalid_subject"),
            ({"credentialSubject": {"id": "relative", "alumniOf": "x"}}, "invalid_subject"),
            ({"credentialStatus": {"id": "https://example.com/s#1"}}, "invalid_status"),
            ({"credentialStatus": {"id": "no url", "type": "BitstringStatusListEntry"}}, "invalid_status"),
            ({"credentialSchema": {"type": "JsonSchema"}}, "invalid_schema"),
            ({"@context": [VC_V2_CONTEXT, "https://example.com/unknown"]}, "unknown_context"),
        ],
    )
    def test_vc_data_model_rules_are_enforced(self, conformance, issuer, changes, code):
        """VC Data Model 2.0 §4.3 (first @context is https://www.w3.org/ns/credentials/v2), §4.4 (id "MUST
        be a single URL"), §4.5 (type includes VerifiableCredential; terms/URLs), §4.7 (issuer "MUST be
        either a URL or an object containing an id property whose value is a URL"), §4.8
        (credentialSubject objects with claims), §4.9 (validFrom/validUntil "MUST be an
        [XMLSCHEMA11-2] dateTimeStamp string"), §4.10 (credentialStatus "type property, which is
        REQUIRED"), §4.11 (credentialSchema id and type)."""
        response = post(
            client_for(issuer, organisation=conformance), ISSUE, {"credential": plain_vc(**changes)}
        )
        assert response.status_code == 400, response.content
        assert response.json()["code"] == code
        assert AuditEntry.objects.filter(action="vcapi.any_credential_signed").count() == 0

    def test_only_a_region_admin_may_allow_it_and_the_change_is_audited(
        self, provider, provider_admin, region_admin
    ):
        from mimis.errors import PermissionDenied
        from mimis.vcapi.services import set_any_credential_signing

        with pytest.raises(PermissionDenied):
            set_any_credential_signing(organisation=provider, allowed=True, acting_user=provider_admin)
        admin = client_for(region_admin, scopes=("admin",))
        url = f"/api/v1/organisations/{provider.slug}/vc-api-conformance"
        assert admin.get(url).json()["allowed"] is False
        response = admin.put(url, json.dumps({"allowed": True}), content_type="application/json")
        assert response.status_code == 200, response.content
        assert response.json()["allowed"] is True
        assert client_for(provider_admin, scopes=("admin",)).get(url).status_code == 403
        entries = AuditEntry.objects.filter(action="vcapi.any_credential_signing_changed")
        assert [e.data for e in entries] == [{"allowed": True}]

    def test_the_cli_shows_and_changes_the_setting(self, provider):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("vcapi", "conformance", provider.slug, "--allow", stdout=out)
        assert out.getvalue().strip() == f"{provider.slug}: may sign any VC through the VC API"
        out = StringIO()
        call_command("vcapi", "conformance", provider.slug, "--deny", stdout=out)
        assert out.getvalue().strip() == f"{provider.slug}: may not sign any VC through the VC API"
        assert AuditEntry.objects.filter(action="vcapi.any_credential_signing_changed").count() == 2


class TestVerifyConformance:
    """What conformance test suites send: options on every call, credentials from other issuers."""

    def test_options_checks_proof_is_accepted_for_a_mimis_credential(self, issued):
        """VC API verifyCredential: options.checks lists the checks to perform ("proof"); unknown
        options are ignored, not refused."""
        body = {
            "verifiableCredential": issued.signed,
            "options": {
                "checks": ["proof"],
                "expectedProofPurpose": "assertionMethod",
                "someVendorOption": 1,
            },
        }
        response = post(Client(), VERIFY, body)
        assert response.status_code == 200, response.content
        assert response.json()["verified"] is True
        assert "proof" in response.json()["checks"]

    def test_a_check_mimis_does_not_run_is_a_warning(self, issued):
        body = {"verifiableCredential": issued.signed, "options": {"checks": ["proof", "ageOver18"]}}
        response = post(Client(), VERIFY, body)
        assert response.status_code == 200
        problems = [
            w for w in response.json()["warnings"] if w["type"] == "urn:mimis:problem:check_not_supported"
        ]
        assert [p["detail"] for p in problems] == ["ageOver18"]

    @pytest.mark.parametrize(
        ("options", "problem"),
        [
            ({"challenge": "1235abcd6789"}, ("https://w3id.org/security#INVALID_CHALLENGE_ERROR", -20)),
            ({"domain": "verifier.example"}, ("https://w3id.org/security#INVALID_DOMAIN_ERROR", -19)),
        ],
    )
    def test_an_expected_challenge_or_domain_the_proof_lacks_fails(self, issued, options, problem):
        """Data Integrity 1.0 §4.4: an expected domain/challenge that the proof does not carry is an
        error of type INVALID_DOMAIN_ERROR / INVALID_CHALLENGE_ERROR."""
        response = post(Client(), VERIFY, {"verifiableCredential": issued.signed, "options": options})
        assert response.status_code == 400
        body = response.json()
        assert body["verified"] is False
        assert [(e["type"], e["code"]) for e in body["errors"]] == [problem]

    def test_a_plain_vc_from_another_issuer_verifies(self, db):
        """VC Data Model 2.0: any well-formed VC (here an ExampleAlumniCredential with a proof set, signed by
        Digital Bazaar's stack with did:key issuers) is verified, not refused as "not an Open Badge"."""
        credential = json.loads(
            (
                Path(__file__).parents[1] / "vc" / "data" / "jsigs-eddsa-rdfc-2022-vc20-proof-set.json"
            ).read_text()
        )
        response = post(
            Client(), VERIFY, {"verifiableCredential": credential, "options": {"checks": ["proof"]}}
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["verified"] is True
        assert body["checks"] == ["schema", "proof", "issuer", "validity"]

    def test_mimis_verify_says_what_kind_of_credential_it_is(self, db, tmp_path):
        """`mimis verify` reads a plain VC from another issuer (exit 3: valid, issuer not in MIMIS)."""
        from tests.verification.test_verify import run_verify

        path = Path(__file__).parents[1] / "vc" / "data" / "jsigs-eddsa-rdfc-2022-vc20-plain.json"
        code, output = run_verify(tmp_path, path.read_text())
        assert code == 3, output
        assert "Kind: a verifiable credential" in output

    def test_a_vc11_credential_with_a_remote_status_list_fails_for_the_right_reason(self, db):
        """VC 1.1 + StatusList2021 from another host: the status list is not fetched while remote
        resolution is off, so the status check (only) fails with a STATUS_RETRIEVAL_ERROR."""
        credential = json.loads(
            (
                Path(__file__).parents[1]
                / "vc"
                / "data"
                / "jsigs-ed25519-signature-2020-vc11-statuslist2021.json"
            ).read_text()
        )
        response = post(Client(), VERIFY, {"verifiableCredential": credential})
        assert response.status_code == 400
        body = response.json()
        assert body["checks"] == ["schema", "proof", "issuer", "validity"]
        assert [e["type"] for e in body["errors"]] == [
            "https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR"
        ]


def test_the_vc_api_has_its_own_openapi_document(db):
    schema = Client().get("/credentials/openapi.json").json()
    assert {"/credentials/issue", "/credentials/verify"} <= set(schema["paths"])
    assert Client().get("/api/v1/openapi.json").status_code == 200


PRESENTATIONS = "/presentations/verify"
VP_CHALLENGE = "1f44d55f-f161-4938-a659-f8026467f126"


def presentation() -> dict:
    """A VC 2.0 presentation signed by Digital Bazaar's stack (tests/vc/data/make-other-issuers.mjs)."""
    return json.loads(
        (Path(__file__).parents[1] / "vc" / "data" / "jsigs-eddsa-rdfc-2022-vp20.json").read_text()
    )


class TestVerifyPresentation:
    def test_a_presentation_with_the_expected_challenge_and_domain_verifies(self, db):
        """VC Data Model 2.0 §4.13 and Data Integrity 1.0 §4.4: the authentication proof verifies for the
        verifier's challenge and domain, it is the holder's, and the credential in it verifies."""
        body = {
            "verifiablePresentation": presentation(),
            "options": {"challenge": VP_CHALLENGE, "domain": "verifier.example", "checks": ["proof"]},
        }
        response = post(Client(), PRESENTATIONS, body)
        assert response.status_code == 200, response.content
        result = response.json()
        assert result["verified"] is True
        assert result["checks"] == ["schema", "proof", "holder", "proof_options"]
        assert [r["verified"] for r in result["credentialResults"]] == [True]

    @pytest.mark.parametrize(
        ("options", "problem"),
        [
            ({"challenge": "another-challenge"}, "https://w3id.org/security#INVALID_CHALLENGE_ERROR"),
            ({"domain": "other.example"}, "https://w3id.org/security#INVALID_DOMAIN_ERROR"),
        ],
    )
    def test_a_replayed_presentation_fails(self, db, options, problem):
        """Data Integrity 1.0 §4.4: a challenge or domain other than the one expected "MUST" raise an error."""
        response = post(
            Client(), PRESENTATIONS, {"verifiablePresentation": presentation(), "options": options}
        )
        assert response.status_code == 400
        assert [e["type"] for e in response.json()["errors"]] == [problem]

    def test_a_presentation_not_signed_by_its_holder_fails(self, db):
        """VC Data Model 2.0 §4.13: holder is "the entity that is generating the presentation" -- a proof
        by another key does not bind the holder (and changing holder breaks the signature)."""
        vp = presentation()
        vp["holder"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        result = post(Client(), PRESENTATIONS, {"verifiablePresentation": vp}).json()
        assert result["verified"] is False
        assert "holder" not in result["checks"]

    def test_a_tampered_credential_inside_fails_the_presentation(self, db):
        vp = presentation()
        vp["verifiableCredential"][0]["credentialSubject"]["alumniOf"] = "Elsewhere"
        response = post(Client(), PRESENTATIONS, {"verifiablePresentation": vp})
        assert response.status_code == 400
        assert response.json()["credentialResults"][0]["verified"] is False

    def test_an_assertion_proof_is_not_a_presentation_proof(self, db):
        """Data Integrity 1.0: a presentation is proven with proofPurpose authentication."""
        vp = presentation()
        vp["proof"]["proofPurpose"] = "assertionMethod"
        errors = post(Client(), PRESENTATIONS, {"verifiablePresentation": vp}).json()["errors"]
        assert "https://w3id.org/security#PROOF_VERIFICATION_ERROR" in [e["type"] for e in errors]

    @pytest.mark.parametrize("body", [{}, {"verifiablePresentation": {"type": "VerifiablePresentation"}}])
    def test_malformed_input_is_a_400(self, db, body):
        response = post(Client(), PRESENTATIONS, body)
        assert response.status_code == 400
        assert response.json()["code"] in ("malformed_request", "malformed_presentation")
