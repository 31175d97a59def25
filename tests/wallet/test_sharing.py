"""Sharing: a public page per credential and portfolios, verified live, counted, expiring and withdrawable;
LinkedIn; and the learner's API (/api/v1/me/credentials, .../share)."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from mimis.accounts.services import create_api_token
from mimis.audit.models import AuditEntry
from mimis.issuing import services as issuing
from mimis.wallet.models import ShareLink
from tests.conftest import signed_in
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def share_from_page(learner, credential, **data) -> str:
    """Create a share link on the credential's page; return the public path."""
    browser = signed_in(learner)
    response = browser.post(f"/my/credentials/{credential.pk}/", data, follow=True)
    assert response.status_code == 200
    match = re.search(
        r"Delningslänken är klar: http://testserver(/shared/[\w-]+/)", response.content.decode()
    )
    assert match, response.content.decode()
    return match.group(1)


class TestShareLinks:
    def test_the_public_page_verifies_live_for_anyone_logged_out(self, credential, learner):
        path = share_from_page(learner, credential)
        response = Client().get(path)
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        page = response.content.decode()
        assert "Demensvård – grunder" in page and "Fatima Ahmed" in page
        assert "Meriten är äkta och giltig" in page and "Högskolan Kristianstad" in page
        assert "Signaturen är intakt" in page
        assert "Kvalitetssäkrad av" in page and "Kriterieversion 1" in page  # the QA body's decision
        assert learner.email not in page  # the holder's address is never shown
        issuing.revoke_credential(credential=credential, reason="Utfärdad av misstag", acting_user=None)
        page = Client().get(path).content.decode()
        # The status is read anew on every visit, with the issuer's reason.
        assert "Utfärdaren har återkallat meriten" in page and "Meriten är äkta och giltig" not in page
        assert "<dt>Utfärdarens skäl</dt><dd>Utfärdad av misstag</dd>" in page

    def test_the_raw_credential_can_be_downloaded_from_the_public_page(self, credential, learner):
        path = share_from_page(learner, credential)
        assert f'href="{path}{credential.pk}/download/"' in Client().get(path).content.decode()
        response = Client().get(f"{path}{credential.pk}/download/")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
        assert response.json() == credential.document

    def test_views_and_downloads_are_counted_never_who(self, credential, learner):
        path = share_from_page(learner, credential)
        Client().get(path)
        Client().get(path)
        Client().get(f"{path}{credential.pk}/download/")
        link = ShareLink.objects.get()
        assert (link.view_count, link.download_count) == (2, 1)
        page = signed_in(learner).get("/my/sharing/").content.decode()
        assert "<td>2</td>" in page and "<td>1</td>" in page
        privacy = signed_in(learner).get("/my/privacy/").content.decode()
        assert "har öppnats 2 gånger" in privacy and "sparar aldrig vem som tittade" in privacy

    def test_an_expired_link_says_so_and_shows_nothing(self, credential, learner):
        path = share_from_page(learner, credential, expires_in_days="7")
        link = ShareLink.objects.get()
        assert timedelta(days=6) < link.expires_at - timezone.now() <= timedelta(days=7)
        assert Client().get(path).status_code == 200
        ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        response = Client().get(path)
        assert response.status_code == 410
        page = response.content.decode()
        assert "har gått ut eller dragits tillbaka" in page and "Demensvård" not in page
        assert Client().get(f"{path}{credential.pk}/download/").status_code == 410

    def test_a_withdrawn_link_stops_at_once(self, credential, learner):
        path = share_from_page(learner, credential)
        link = ShareLink.objects.get()
        browser = signed_in(learner)
        assert browser.post("/my/sharing/", {"withdraw": str(link.pk)}).status_code == 302
        assert Client().get(path).status_code == 410
        assert AuditEntry.objects.filter(action="share_link.withdrawn").count() == 1
        # Nobody else can withdraw a learner's link.
        other = ShareLink.objects.create(token="x" * 22, user=UserFactory(), kind="credential")
        assert browser.post("/my/sharing/", {"withdraw": str(other.pk)}).status_code == 404
        assert browser.post("/my/sharing/", {"withdraw": "not-a-uuid"}).status_code == 404

    def test_unknown_links_are_404(self, db):
        assert Client().get("/shared/no-such-link/").status_code == 404

    def test_a_revoked_credential_cannot_get_a_new_share_link(self, credential, learner):
        issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
        browser = signed_in(learner)
        page = browser.get(f"/my/credentials/{credential.pk}/").content.decode()
        assert "Utfärdaren har återkallat meriten, så den kan inte delas längre" in page
        assert "Skapa en delningslänk" not in page
        response = browser.post(f"/my/credentials/{credential.pk}/", {}, follow=True)
        assert "Utfärdaren har återkallat meriten, så den kan inte delas längre" in response.content.decode()
        assert not ShareLink.objects.exists()

    def test_an_existing_link_to_a_revoked_credential_says_it_is_revoked(self, credential, learner):
        path = share_from_page(learner, credential)
        issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
        assert "Utfärdaren har återkallat meriten" in Client().get(path).content.decode()

    def test_someone_else_cannot_share_my_credential(self, credential):
        browser = signed_in(UserFactory())
        assert browser.post(f"/my/credentials/{credential.pk}/", {}).status_code == 404
        assert not ShareLink.objects.exists()

    def test_a_portfolio_shows_the_chosen_credentials_each_verified(
        self, credential, learner, make_published
    ):
        other = issuing.issue_credential(
            version=make_published("Kundbemötande"), email=learner.email, name=learner.name, acting_user=None
        ).credential
        browser = signed_in(learner)
        response = browser.post(
            "/my/sharing/",
            {
                "portfolio": "1",
                "title": "Vård och service",
                "credentials": [str(credential.pk), str(other.pk)],
            },
            follow=True,
        )
        path = re.search(
            r"Portfoliosidan är klar: http://testserver(/shared/[\w-]+/)", response.content.decode()
        )[1]
        page = Client().get(path).content.decode()
        assert "<h1>Vård och service</h1>" in page
        assert "Demensvård – grunder" in page and "Kundbemötande" in page
        assert page.count("Meriten är äkta och giltig") == 2
        item = Client().get(f"{path}{other.pk}/")
        assert item.status_code == 200 and "Signaturen är intakt" in item.content.decode()
        unshared = issuing.issue_credential(
            version=make_published("Hygien"), email=learner.email, name=learner.name, acting_user=None
        ).credential
        assert Client().get(f"{path}{unshared.pk}/").status_code == 404
        assert ShareLink.objects.get().kind == "portfolio"

    def test_linkedin_gets_the_credential_and_a_lasting_share_link(self, credential, learner):
        browser = signed_in(learner)
        response = browser.post(f"/my/credentials/{credential.pk}/linkedin/")
        assert response.status_code == 302
        url = urlsplit(response["Location"])
        assert (url.netloc, url.path) == ("www.linkedin.com", "/profile/add")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        link = ShareLink.objects.get()
        assert query == {
            "startTask": "CERTIFICATION_NAME",
            "name": "Demensvård – grunder",
            "organizationName": "Högskolan Kristianstad",
            "issueYear": str(credential.issued_at.year),
            "issueMonth": str(credential.issued_at.month),
            "certUrl": f"http://testserver/shared/{link.token}/",
            "certId": str(credential.pk),
        }
        assert link.expires_at is None
        browser.post(f"/my/credentials/{credential.pk}/linkedin/")
        assert ShareLink.objects.count() == 1  # reused, not a new link each time
        assert browser.get(f"/my/credentials/{credential.pk}/linkedin/").status_code == 405


class TestLearnerApi:
    def token(self, user, scopes=("read", "write"), organisation=None) -> str:
        return create_api_token(user=user, name="wallet", scopes=list(scopes), organisation=organisation)[1]

    def test_list_my_credentials(self, credential, learner):
        response = Client().get("/api/v1/me/credentials", HTTP_AUTHORIZATION=f"Bearer {self.token(learner)}")
        assert response.status_code == 200
        [item] = response.json()
        assert item["id"] == str(credential.pk)
        assert item["status"] == "valid" and item["title"] == "Demensvård – grunder"
        assert item["verification_url"] == f"http://testserver/verify/credentials/{credential.pk}/"

    def test_share_returns_the_url_of_a_live_verification_page(self, credential, learner):
        response = Client().post(
            f"/api/v1/me/credentials/{credential.pk}/share",
            {"expires_in_days": 30},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token(learner)}",
        )
        assert response.status_code == 201
        url = response.json()["url"]
        assert re.fullmatch(r"http://testserver/shared/[\w-]{20,}/", url)
        page = Client().get(urlsplit(url).path).content.decode()
        assert "Meriten är äkta och giltig" in page
        listed = (
            Client().get("/api/v1/me/share-links", HTTP_AUTHORIZATION=f"Bearer {self.token(learner)}").json()
        )
        assert [link["url"] for link in listed] == [url] and listed[0]["views"] == 1

    def test_sharing_a_revoked_credential_is_refused_with_a_code(self, credential, learner):
        issuing.revoke_credential(credential=credential, reason="Fel person", acting_user=None)
        response = Client().post(
            f"/api/v1/me/credentials/{credential.pk}/share",
            {},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token(learner)}",
        )
        assert response.status_code == 422 and response.json()["code"] == "credential_revoked"
        assert not ShareLink.objects.exists()

    def test_share_without_a_body_never_expires_and_can_be_withdrawn(self, credential, learner):
        secret = self.token(learner)
        created = (
            Client()
            .post(f"/api/v1/me/credentials/{credential.pk}/share", HTTP_AUTHORIZATION=f"Bearer {secret}")
            .json()
        )
        assert created["expires_at"] is None and created["active"] is True
        response = Client().post(
            f"/api/v1/me/share-links/{created['id']}/withdraw", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        assert response.status_code == 200 and response.json()["active"] is False
        assert Client().get(urlsplit(created["url"]).path).status_code == 410

    def test_someone_elses_credential_is_404_and_a_read_token_cannot_share(self, credential, learner):
        other = self.token(UserFactory())
        response = Client().post(
            f"/api/v1/me/credentials/{credential.pk}/share", HTTP_AUTHORIZATION=f"Bearer {other}"
        )
        assert response.status_code == 404 and response.json()["code"] == "not_found"
        assert Client().get("/api/v1/me/credentials", HTTP_AUTHORIZATION=f"Bearer {other}").json() == []
        read_only = self.token(learner, scopes=("read",))
        response = Client().post(
            f"/api/v1/me/credentials/{credential.pk}/share", HTTP_AUTHORIZATION=f"Bearer {read_only}"
        )
        assert response.status_code == 403 and response.json()["code"] == "insufficient_scope"
        assert Client().get("/api/v1/me/credentials").status_code == 401
        assert not ShareLink.objects.exists()

    def test_organisation_tokens_do_not_reach_a_persons_wallet(self, credential, provider):
        admin = member(provider, "admin")
        secret = self.token(admin, organisation=provider)
        response = Client().get("/api/v1/me/credentials", HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 403 and response.json()["code"] == "personal_token_needed"
