"""The certificate and badge files through the REST API, for the issuing organisation's tokens only."""

from __future__ import annotations

import pytest
from django.test import Client

from mimis.accounts import services as account_services
from mimis.issuing import services
from mimis.vc.baking import extract_png
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(draft, region_admin, provider):
    version = publish(draft)
    issuer = member(provider, "issuer")
    return services.issue_credential(
        version=version, email="a@example.se", name="Anna", acting_user=issuer
    ).credential


def token_client(user, organisation):
    _token, secret = account_services.create_api_token(
        user=user, name="t", scopes=["read"], organisation=organisation
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_issuer_token_downloads_certificate_and_badges(credential, provider):
    client = token_client(member(provider, "issuer"), provider)
    pdf = client.get(f"/api/v1/credentials/{credential.pk}/certificate.pdf?lang=en")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    png = client.get(f"/api/v1/credentials/{credential.pk}/badge.png")
    assert png["Content-Type"] == "image/png"
    assert extract_png(png.content) == credential.document
    svg = client.get(f"/api/v1/credentials/{credential.pk}/badge.svg")
    assert svg["Content-Type"].startswith("image/svg+xml")


def test_another_organisations_token_gets_404(credential, other_provider):
    client = token_client(member(other_provider, "issuer"), other_provider)
    assert client.get(f"/api/v1/credentials/{credential.pk}/certificate.pdf").status_code == 404
