"""Issue 16, "token scope widening" and "an organisation-limited token acts in another organisation": a token
creates only tokens that may do less than itself, and a token limited to one organisation acts in no other,
on the catalogue and pathway endpoints as everywhere else (404, as for the organisation endpoints)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mimis.accounts import services
from mimis.accounts.models import ApiToken, Membership
from mimis.catalog.models import MicroCredentialVersion
from tests.catalog.conftest import COMPLETE, care_sector, draft, skills  # noqa: F401

pytestmark = pytest.mark.django_db


def client_for(user, scopes, organisation=None, expires_at=None) -> Client:  # type: ignore[no-untyped-def]
    _token, secret = services.create_api_token(
        user=user, name="parent", scopes=list(scopes), organisation=organisation, expires_at=expires_at
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def mint(client: Client, **body):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/tokens", {"name": "child", **body}, content_type="application/json")


class TestScopeWidening:
    def test_an_admin_only_token_cannot_mint_issue_or_write(self, provider_admin):
        client = client_for(provider_admin, ["admin"])
        for scopes in (["issue"], ["write"], ["admin", "issue", "write"], ["read"]):
            response = mint(client, scopes=scopes)
            assert response.status_code == 403, (scopes, response.content)
            assert response.json()["code"] == "token_widening"
            assert "kan inte skapa en token med behörigheten" in response.json()["message"]
        assert ApiToken.objects.filter(name="child").count() == 0

    def test_a_token_may_mint_a_subset_of_its_scopes(self, provider_admin):
        client = client_for(provider_admin, ["read", "write", "admin"])
        response = mint(client, scopes=["read", "write"])
        assert response.status_code == 201, response.content
        assert response.json()["scopes"] == ["read", "write"]

    def test_an_organisation_token_cannot_mint_a_personal_token(self, provider, provider_admin):
        client = client_for(provider_admin, ["read", "admin"], organisation=provider)
        response = mint(client, scopes=["read"])
        assert response.status_code == 403
        assert response.json()["code"] == "token_widening"
        ok = mint(client, scopes=["read"], organisation=provider.slug)
        assert ok.status_code == 201 and ok.json()["organisation"] == provider.slug

    def test_an_organisation_token_cannot_mint_for_another_organisation(
        self, provider, other_provider, provider_admin
    ):
        Membership.objects.create(user=provider_admin, organisation=other_provider, role="admin")
        client = client_for(provider_admin, ["read", "admin"], organisation=provider)
        response = mint(client, scopes=["read"], organisation=other_provider.slug)
        assert response.status_code == 404
        assert ApiToken.objects.filter(name="child").count() == 0

    def test_a_minted_token_does_not_outlive_its_parent(self, provider_admin):
        ends = timezone.now() + timedelta(days=3)
        client = client_for(provider_admin, ["read", "admin"], expires_at=ends)
        later = mint(client, scopes=["read"], expires_at=(ends + timedelta(days=1)).isoformat())
        assert later.status_code == 403 and later.json()["code"] == "token_widening"
        unbounded = mint(client, scopes=["read"])
        assert unbounded.status_code == 201
        assert ApiToken.objects.get(pk=unbounded.json()["id"]).expires_at == ends

    def test_an_organisation_token_sees_and_revokes_only_its_organisations_tokens(
        self, provider, provider_admin
    ):
        personal, _secret = services.create_api_token(user=provider_admin, name="personal", scopes=["read"])
        client = client_for(provider_admin, ["read", "admin"], organisation=provider)
        assert [t["name"] for t in client.get("/api/v1/tokens").json()] == ["parent"]
        assert client.delete(f"/api/v1/tokens/{personal.pk}").status_code == 404
        personal.refresh_from_db()
        assert personal.revoked_at is None


class TestOrganisationLimitOnTheCatalogue:
    """The person edits for both providers; the token is limited to the other one."""

    @pytest.fixture
    def both(self, provider_editor, other_provider):  # type: ignore[no-untyped-def]
        Membership.objects.create(user=provider_editor, organisation=other_provider, role="editor")
        return client_for(provider_editor, ["read", "write"], organisation=other_provider)

    def test_no_draft_is_created_for_the_other_organisation(self, both, provider):
        response = both.post(
            "/api/v1/microcredentials",
            {"provider": provider.slug, "title": "Smygutkast"},
            content_type="application/json",
        )
        assert response.status_code == 404, response.content
        assert not MicroCredentialVersion.objects.filter(title="Smygutkast").exists()

    def test_the_other_organisations_draft_cannot_be_read_or_changed(self, both, draft):  # noqa: F811
        mc = draft.microcredential.pk
        assert both.get(f"/api/v1/microcredentials/{mc}?version=1").status_code == 404
        assert both.get(f"/api/v1/microcredentials/{mc}/draft/checklist").status_code == 404
        patched = both.patch(
            f"/api/v1/microcredentials/{mc}/draft", {"title": "Ändrad"}, content_type="application/json"
        )
        assert patched.status_code == 404
        draft.refresh_from_db()
        assert draft.title == "Demensvård – grunder"

    def test_no_version_or_occasion_is_started_for_the_other_organisation(self, both, draft):  # noqa: F811
        mc = draft.microcredential.pk
        assert both.post(f"/api/v1/microcredentials/{mc}/versions").status_code == 404
        occasion = both.post(
            f"/api/v1/microcredentials/{mc}/occasions",
            {"start_date": "2030-01-10"},
            content_type="application/json",
        )
        assert occasion.status_code == 404
        assert draft.microcredential.versions.count() == 1

    def test_no_pathway_is_created_for_the_other_organisation(self, both, provider):
        response = both.post(
            "/api/v1/pathways",
            {"owner": provider.slug, "title": "Smygväg", "rule": "all_of", "microcredentials": []},
            content_type="application/json",
        )
        assert response.status_code == 404, response.content

    def test_the_same_person_with_a_token_for_the_provider_may(self, provider_editor, provider, draft):  # noqa: F811
        client = client_for(provider_editor, ["read", "write"], organisation=provider)
        mc = draft.microcredential.pk
        assert client.get(f"/api/v1/microcredentials/{mc}/draft/checklist").status_code == 200


class TestLastUsed:
    """Issue 16: token authentication wrote ``last_used_at`` on every call, queueing every API request behind
    SQLite's single writer while a batch ran. It is written at most once per five minutes."""

    def test_calls_within_five_minutes_write_nothing(self, learner):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        token, secret = services.create_api_token(user=learner, name="t", scopes=["read"])
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        with CaptureQueriesContext(connection) as first:
            assert client.get("/api/v1/me").status_code == 200
        with CaptureQueriesContext(connection) as later:
            for _ in range(3):
                assert client.get("/api/v1/me").status_code == 200
        writes = lambda queries: [q for q in queries if q["sql"].startswith("UPDATE")]  # noqa: E731
        assert len(writes(first.captured_queries)) == 1
        assert writes(later.captured_queries) == []
        token.refresh_from_db()
        assert token.last_used_at is not None

    def test_a_call_after_five_minutes_records_the_new_time(self, learner):
        token, secret = services.create_api_token(user=learner, name="t", scopes=["read"])
        long_ago = timezone.now() - timedelta(minutes=6)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
        Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me")
        token.refresh_from_db()
        assert token.last_used_at > long_ago + timedelta(minutes=5)
