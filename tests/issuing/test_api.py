"""Issuers issue, list, revoke and suspend credentials through the API with an `issue`-scoped token."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.issuing.models import Credential
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


def client_for(user, scopes, organisation=None):
    _t, secret = account_services.create_api_token(
        user=user, name="t", scopes=scopes, organisation=organisation
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_issuer_issues_lists_and_revokes(published, provider):
    issuer = member(provider, "issuer")
    api = client_for(issuer, ["read", "issue"])
    body = {"microcredential": published.microcredential.slug, "email": "ny@example.se", "name": "Ny Person"}
    created = api.post("/api/v1/credentials", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["credential"]["proof"]["type"] == "DataIntegrityProof"
    again = api.post("/api/v1/credentials", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["created"] is False
    listed = api.get(f"/api/v1/credentials?organisation={provider.slug}").json()
    assert listed["count"] == 1
    credential_id = created.json()["id"]
    missing_reason = api.post(
        f"/api/v1/credentials/{credential_id}/revoke", {}, content_type="application/json"
    )
    assert missing_reason.status_code == 422
    revoked = api.post(
        f"/api/v1/credentials/{credential_id}/revoke", {"reason": "Fel"}, content_type="application/json"
    )
    assert revoked.json()["state"] == "revoked"


def test_scope_role_and_organisation_are_all_required(published, provider, provider_editor, other_admin):
    body = {"microcredential": published.microcredential.slug, "email": "x@example.se", "name": "X"}
    issuer = member(provider, "issuer")
    assert (
        client_for(issuer, ["read"])
        .post("/api/v1/credentials", body, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(provider_editor, ["issue"])
        .post("/api/v1/credentials", body, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(other_admin, ["issue"])
        .post("/api/v1/credentials", body, content_type="application/json")
        .status_code
        == 404
    )
    assert Credential.objects.count() == 0


def test_bad_input_is_named(published, provider):
    api = client_for(member(provider, "issuer"), ["issue"])
    response = api.post(
        "/api/v1/credentials",
        {"microcredential": published.microcredential.slug, "email": "inte-en-adress", "name": "X"},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["field"] == "email"
    unknown = api.post(
        "/api/v1/credentials",
        {"microcredential": "finns-inte", "email": "a@example.se", "name": "X"},
        content_type="application/json",
    )
    assert unknown.status_code == 404
