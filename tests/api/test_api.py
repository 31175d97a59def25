"""The REST API root and the accounts endpoints: token authentication, scopes and organisation limits."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.accounts import services
from mimis.accounts.models import Invitation, Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def api_client(user, *, scopes=("read",), organisation=None) -> Client:
    _token, secret = services.create_api_token(
        user=user, name="test", scopes=list(scopes), organisation=organisation
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


class TestRootAndSchema:
    def test_root_links_to_openapi_and_docs(self, client):
        body = client.get("/api/v1/").json()
        assert body["name"] == "MIMIS"
        assert body["openapi"].endswith("/api/v1/openapi.json")
        assert body["docs"].endswith("/api/v1/docs")

    def test_openapi_describes_the_bearer_token_and_endpoints(self, client):
        schema = client.get("/api/v1/openapi.json").json()
        assert "/api/v1/me" in schema["paths"]
        assert "/api/v1/organisations/{slug}/invitations" in schema["paths"]
        assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())

    def test_docs_page_uses_local_assets_only(self, client):
        html = client.get("/api/v1/docs").content.decode()
        assert "cdn" not in html.lower()
        assert "/static/" in html


class TestAuthentication:
    def test_missing_or_wrong_token_gets_401_with_a_code(self, client, learner):
        assert client.get("/api/v1/me").status_code == 401
        response = Client(HTTP_AUTHORIZATION="Bearer mimis_abc_def").get("/api/v1/me")
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"

    def test_me_shows_the_caller_roles_and_capabilities(self, provider, provider_admin):
        body = api_client(provider_admin).get("/api/v1/me").json()
        assert body["email"] == provider_admin.email
        assert body["token_scopes"] == ["read"]
        [membership] = body["memberships"]
        assert membership["organisation"]["slug"] == provider.slug
        assert membership["roles"] == ["admin"]
        assert "manage_members" in membership["capabilities"]

    def test_errors_are_in_the_language_the_client_asks_for(self, learner):
        client = api_client(learner)
        sv = client.post(
            "/api/v1/organisations", {"name": "X", "kind": "employer"}, content_type="application/json"
        )
        en = client.post(
            "/api/v1/organisations",
            {"name": "X", "kind": "employer"},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert sv.status_code == en.status_code == 403
        assert sv.json()["code"] == en.json()["code"] == "insufficient_scope"
        assert "behörigheten" in sv.json()["message"]
        assert "scope" in en.json()["message"]


class TestOrganisationsApi:
    def test_public_list_needs_no_token_and_hides_pending_organisations(self, client, provider):
        Organisation.objects.create(name="Väntar", slug="vantar", kind="employer", status="pending")
        slugs = [o["slug"] for o in client.get("/api/v1/organisations").json()]
        assert slugs == [provider.slug]
        assert client.get("/api/v1/organisations/vantar").status_code == 404

    def test_apply_then_region_approves(self, region_admin):
        applicant = UserFactory()
        response = api_client(applicant, scopes=["write"]).post(
            "/api/v1/organisations",
            {"name": "Bageriet AB", "kind": "employer"},
            content_type="application/json",
        )
        assert response.status_code == 201
        slug = response.json()["slug"]
        assert response.json()["status"] == "pending"
        decision = api_client(region_admin, scopes=["admin"]).post(
            f"/api/v1/organisations/{slug}/decision", {"approve": True}, content_type="application/json"
        )
        assert decision.status_code == 200
        assert decision.json()["status"] == "approved"

    def test_invalid_body_names_the_problem(self, learner):
        response = api_client(learner, scopes=["write"]).post(
            "/api/v1/organisations", {"name": ""}, content_type="application/json"
        )
        assert response.status_code == 422
        assert response.json()["code"] == "validation_failed"
        assert Organisation.objects.count() == 0

    def test_admin_invites_through_the_api_and_the_secret_is_not_returned(self, provider, provider_admin):
        response = api_client(provider_admin, scopes=["admin"]).post(
            f"/api/v1/organisations/{provider.slug}/invitations",
            {"email": "ny@example.se", "role": "issuer"},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert set(response.json()) == {
            "id",
            "email",
            "role",
            "created_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
        }
        assert Invitation.objects.get().role == "issuer"

    def test_another_organisations_members_are_404(self, provider, other_admin):
        response = api_client(other_admin).get(f"/api/v1/organisations/{provider.slug}/members")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    def test_organisation_token_is_limited_to_its_organisation(
        self, provider, other_provider, provider_admin
    ):
        from mimis.accounts.models import Membership

        Membership.objects.create(user=provider_admin, organisation=other_provider, role="admin")
        client = api_client(provider_admin, organisation=provider)
        assert client.get(f"/api/v1/organisations/{provider.slug}/members").status_code == 200
        assert client.get(f"/api/v1/organisations/{other_provider.slug}/members").status_code == 404
        assert [m["organisation"]["slug"] for m in client.get("/api/v1/me").json()["memberships"]] == [
            provider.slug
        ]

    def test_role_changes_need_admin_scope(self, provider, provider_admin, provider_editor):
        url = f"/api/v1/organisations/{provider.slug}/members/{provider_editor.pk}/roles"
        read_only = api_client(provider_admin).put(
            url, {"roles": ["issuer"]}, content_type="application/json"
        )
        assert read_only.status_code == 403
        ok = api_client(provider_admin, scopes=["admin"]).put(
            url, {"roles": ["issuer"]}, content_type="application/json"
        )
        assert ok.json()["roles"] == ["issuer"]

    def test_last_admin_cannot_be_removed(self, provider, provider_admin):
        url = f"/api/v1/organisations/{provider.slug}/members/{provider_admin.pk}/roles"
        response = api_client(provider_admin, scopes=["admin"]).put(
            url, {"roles": []}, content_type="application/json"
        )
        assert response.status_code == 409
        assert response.json()["code"] == "last_admin"


class TestTokensApi:
    def test_create_list_and_revoke(self, learner):
        client = api_client(learner, scopes=["read", "admin"])
        created = client.post(
            "/api/v1/tokens", {"name": "ci", "scopes": ["read"]}, content_type="application/json"
        )
        assert created.status_code == 201
        secret = created.json()["token"]
        listed = client.get("/api/v1/tokens").json()
        assert all("token" not in t and "secret_hash" not in t for t in listed)
        assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").status_code == 200
        client.delete(f"/api/v1/tokens/{created.json()['id']}")
        assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").status_code == 401


class TestAuditApi:
    def test_region_admin_reads_and_verifies_the_trail(self, region_admin, provider_admin):
        services.create_api_token(user=provider_admin, name="x")
        client = api_client(region_admin, scopes=["read", "admin"])
        page = client.get("/api/v1/audit").json()
        assert page["count"] >= 2
        assert page["items"][0]["action"] == "api_token.created"
        assert client.get("/api/v1/audit/verify").json()["intact"] is True

    def test_others_are_refused(self, provider_admin):
        assert api_client(provider_admin, scopes=["admin"]).get("/api/v1/audit").status_code == 403
