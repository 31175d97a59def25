"""Portfolios may include credentials imported from other platforms: the public page shows each with its
own verification status, checked again on every visit, as honestly as on import (page and API)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from mimis.accounts.services import create_api_token
from mimis.vc import credentials
from mimis.vc.keys import generate_key
from mimis.wallet import imports
from mimis.wallet.models import ExternalCredential, ShareLink
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.wallet.test_import import issued_to, ob3_credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(learner) -> ExternalCredential:  # type: ignore[no-untyped-def]
    return imports.import_credential(user=learner, data=json.dumps(ob3_credential()).encode())


@pytest.fixture
def unverifiable(learner) -> ExternalCredential:  # type: ignore[no-untyped-def]
    document = issued_to()  # a did:web issuer hosted elsewhere; remote resolution is off
    document.pop("credentialStatus", None)
    document["credentialSubject"]["achievement"]["name"] = "Truckkort A"
    signed = credentials.sign_credential(document, generate_key(), document["issuer"]["id"] + "#key-1")
    return imports.import_credential(user=learner, data=json.dumps(signed).encode())


def portfolio_path(response) -> str:  # type: ignore[no-untyped-def]
    return re.search(
        r"Portfoliosidan är klar: http://testserver(/shared/[\w-]+/)", response.content.decode()
    )[1]


class TestPortfolioPage:
    def test_imported_credentials_are_shown_with_their_own_status(
        self, credential, learner, verified, unverifiable
    ):
        browser = signed_in(learner)
        form = browser.get("/my/sharing/").content.decode()
        assert "Importerade meriter att ta med" in form and "Truckkort A (Kunde inte kontrolleras)" in form
        response = browser.post(
            "/my/sharing/",
            {
                "portfolio": "1",
                "title": "Svetsning och vård",
                "credentials": [str(credential.pk)],
                "imported": [str(verified.pk), str(unverifiable.pk)],
            },
            follow=True,
        )
        path = portfolio_path(response)
        assert "(3 meriter)" in browser.get("/my/sharing/").content.decode()
        page = Client().get(path).content.decode()
        assert "Demensvård – grunder" in page
        assert "Grundläggande svetsning (MIG/MAG)" in page and "Truckkort A" in page
        assert page.count("Importerad från en annan plattform") == 2
        # The unverifiable one is never shown as verified: it says what could not be checked.
        assert page.count("Meriten är äkta och giltig") == 2
        assert "Meriten kunde inte kontrolleras helt" in page
        download = Client().get(f"{path}imported/{unverifiable.pk}/download/")
        assert download.status_code == 200 and download.content.decode() == unverifiable.content
        assert ShareLink.objects.get().download_count == 1

    def test_only_imports_can_be_shared_and_removing_one_takes_it_off_the_page(self, learner, verified):
        browser = signed_in(learner)
        response = browser.post(
            "/my/sharing/", {"portfolio": "1", "imported": [str(verified.pk)]}, follow=True
        )
        path = portfolio_path(response)
        assert "Grundläggande svetsning (MIG/MAG)" in Client().get(path).content.decode()
        imports.remove_imported(user=learner, credential=verified)
        assert Client().get(path).status_code == 404

    def test_choosing_nothing_is_explained(self, learner, verified):
        response = signed_in(learner).post("/my/sharing/", {"portfolio": "1"})
        assert "Välj minst en av dina meriter att dela." in response.content.decode()
        assert not ShareLink.objects.exists()

    def test_someone_elses_import_cannot_be_shared(self, credential, learner, verified):
        from mimis.errors import NotFound
        from mimis.wallet import services
        from mimis.wallet.errors import NotShareable

        other = UserFactory()
        theirs = imports.import_credential(user=other, data=json.dumps(ob3_credential(other.email)).encode())
        with pytest.raises(NotFound):
            services.create_share_link(user=other, credential_ids=[], imported_ids=[str(verified.pk)])
        with pytest.raises(NotShareable):
            services.create_share_link(
                user=learner, credential_ids=[str(credential.pk)], imported_ids=[str(theirs.pk)]
            )
        assert not ShareLink.objects.exists()


class TestPortfolioApi:
    def test_create_a_portfolio_with_imports_and_list_it(self, credential, learner, verified):
        secret = create_api_token(user=learner, name="wallet", scopes=["read", "write"])[1]
        auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        response = Client().post(
            "/api/v1/me/share-links",
            {"credentials": [str(credential.pk)], "imported": [str(verified.pk)], "expires_in_days": 30},
            content_type="application/json",
            **auth,
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["kind"] == "portfolio" and body["title"] == "Mina mikromeriter"
        assert body["credentials"] == [str(credential.pk)] and body["imported"] == [str(verified.pk)]
        assert body["expires_at"] is not None
        page = Client().get(urlsplit(body["url"]).path).content.decode()
        assert "Grundläggande svetsning (MIG/MAG)" in page and "Demensvård – grunder" in page
        listed = Client().get("/api/v1/me/share-links", **auth).json()
        assert listed[0]["imported"] == [str(verified.pk)]
        read_only = create_api_token(user=learner, name="r", scopes=["read"])[1]
        response = Client().post(
            "/api/v1/me/share-links",
            {"imported": [str(verified.pk)]},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {read_only}",
        )
        assert response.status_code == 403
        response = Client().post("/api/v1/me/share-links", {}, content_type="application/json", **auth)
        assert response.status_code == 422 and response.json()["code"] == "not_shareable"
