"""The W3C CCG VC API: POST /credentials/issue (token with the issue scope) and POST /credentials/verify."""

from __future__ import annotations

import copy
import json

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
            (lambda c: c["credentialSubject"].update(id="did:example:learner"), "subject_id_unsupported"),
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
        tampered = copy.deepcopy(issued.signed)
        tampered["credentialSubject"]["achievement"]["name"] = "Hjärtkirurgi"
        body = post(Client(), VERIFY, {"verifiableCredential": tampered}).json()
        assert body["verified"] is False
        assert "proof" not in body["checks"]
        assert body["errors"][0]["type"] == "https://w3id.org/security#PROOF_VERIFICATION_ERROR"
        assert body["errors"][0]["code"] == -17

    def test_a_revoked_credential_is_not_verified(self, issued):
        issuing.revoke_credential(credential=issued.credential, reason="Fel person", acting_user=None)
        body = post(Client(), VERIFY, {"verifiableCredential": issued.signed}).json()
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
            {"verifiableCredential": {"@context": VC_V2_CONTEXT, "type": "x"}, "options": {"challenge": "x"}},
        ],
    )
    def test_malformed_input_is_a_400(self, db, body):
        response = post(Client(), VERIFY, body)
        assert response.status_code == 400, response.content
        assert response.json()["code"]


def test_the_vc_api_has_its_own_openapi_document(db):
    schema = Client().get("/credentials/openapi.json").json()
    assert {"/credentials/issue", "/credentials/verify"} <= set(schema["paths"])
    assert Client().get("/api/v1/openapi.json").status_code == 200
