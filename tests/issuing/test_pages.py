"""An issuer awards a credential from a form and revokes it from the list (2FA passed)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from mimis.issuing import services
from mimis.issuing.models import Credential
from tests.conftest import signed_in, verified_client
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


def test_issuer_awards_then_revokes(published, provider):
    issuer = member(provider, "issuer")
    browser = verified_client(issuer)
    url = reverse("issuer_credentials", args=[provider.slug])
    assert url in browser.get("/start/").content.decode()
    response = browser.post(
        url,
        {
            "award": "1",
            "version": published.pk,
            "name": "Fatima Ahmed",
            "email": "fatima@example.se",
            "format": "ldp",
        },
    )
    assert response.status_code == 302
    credential = Credential.objects.get()
    page = browser.get(url).content.decode()
    assert "Fatima Ahmed" in page and "Giltig" in page
    # Revoking from the list only opens the confirmation page, which shows whose credential and what.
    response = browser.post(url, {"credential": credential.pk, "action": "revoke", "reason": "Fel person"})
    confirm = reverse("issuer_credential_revoke", args=[provider.slug, credential.pk])
    assert response.status_code == 302 and response["Location"] == confirm + "?reason=Fel+person"
    credential.refresh_from_db()
    assert credential.state == "valid"
    page = browser.get(response["Location"]).content.decode()
    assert "Återkalla meriten?" in page and "Fatima Ahmed" in page and "fatima@example.se" in page
    assert published.title in page and 'value="Fel person"' in page and "Det går inte att ångra" in page
    response = browser.post(confirm, {"reason": ""})
    credential.refresh_from_db()
    assert credential.state == "valid"  # a reason is required
    assert 'aria-invalid="true"' in response.content.decode()
    response = browser.post(confirm, {"reason": "Fel person"})
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.state == "revoked" and credential.state_reason == "Fel person"
    assert "Meriten är redan återkallad." in browser.get(confirm).content.decode()


class TestRevokeConfirmation:
    def test_the_confirmation_page_works_only_for_the_issuers_own_credentials(
        self, published, provider, other_provider
    ):
        issued = services.issue_credential(
            version=published, email="fatima@example.se", name="Fatima Ahmed", acting_user=None
        )
        confirm = reverse("issuer_credential_revoke", args=[provider.slug, issued.credential.pk])
        outsider = verified_client(member(other_provider, "issuer"))
        assert outsider.get(confirm).status_code == 404
        assert outsider.post(confirm, {"reason": "x"}).status_code == 404
        other_url = reverse("issuer_credential_revoke", args=[other_provider.slug, issued.credential.pk])
        assert outsider.post(other_url, {"reason": "x"}).status_code == 404
        issued.credential.refresh_from_db()
        assert issued.credential.state == "valid"

    def test_suspending_stays_one_step(self, published, provider):
        issued = services.issue_credential(
            version=published, email="fatima@example.se", name="Fatima Ahmed", acting_user=None
        )
        browser = verified_client(member(provider, "issuer"))
        url = reverse("issuer_credentials", args=[provider.slug])
        browser.post(url, {"credential": issued.credential.pk, "action": "suspend", "reason": "Utreds"})
        issued.credential.refresh_from_db()
        assert issued.credential.state == "suspended"


class TestHolderEmails:
    @pytest.fixture
    def issued(self, published):
        issued = services.issue_credential(
            version=published, email="fatima@example.se", name="Fatima Ahmed", acting_user=None
        ).credential
        mail.outbox.clear()
        return issued

    def test_the_learner_hears_of_a_revocation_with_the_reason(self, issued, on_commit):
        with on_commit():
            services.revoke_credential(credential=issued, reason="Fel person", acting_user=None)
        [message] = mail.outbox
        assert message.to == ["fatima@example.se"]
        assert message.subject == f"Din mikromerit {issued.version.title} har återkallats"
        assert (
            "har återkallat din mikromerit" in message.body and "Utfärdarens skäl: Fel person" in message.body
        )

    def test_suspension_and_reinstatement_in_the_learners_language(self, issued, on_commit):
        issued.recipient_language = "en"
        issued.save(update_fields=["recipient_language"])
        with on_commit():
            services.suspend_credential(credential=issued, reason="Under review", acting_user=None)
        with on_commit():
            services.reinstate_credential(credential=issued, acting_user=None)
        suspended, reinstated = mail.outbox
        assert suspended.subject == f"Your micro-credential {issued.version.title} has been suspended"
        assert "The issuer's reason: Under review" in suspended.body
        assert reinstated.subject == f"Your micro-credential {issued.version.title} is valid again"
        assert "/en/" in reinstated.body

    def test_nothing_is_sent_if_the_change_is_rolled_back(self, issued, on_commit):
        with on_commit(), transaction.atomic():
            services.revoke_credential(credential=issued, reason="Fel", acting_user=None)
            transaction.set_rollback(True)
        assert mail.outbox == []
        issued.refresh_from_db()
        assert issued.state == "valid"


class TestIssuedSearch:
    @pytest.fixture
    def issued(self, published):
        for email, name in [
            ("fatima@example.se", "Fatima Ahmed"),
            ("johan@example.se", "Johan Persson"),
            ("linnea@example.se", "Linnea Berg"),
        ]:
            services.issue_credential(version=published, email=email, name=name, acting_user=None)

    def test_search_by_name_or_email_without_javascript(self, issued, provider):
        browser = verified_client(member(provider, "issuer"))
        url = reverse("issuer_credentials", args=[provider.slug])
        page = browser.get(url, {"q": "persson"}).content.decode()
        assert "Johan Persson" in page and "Fatima Ahmed" not in page and "Linnea Berg" not in page
        assert "1 merit matchar ”persson”." in page and 'value="persson"' in page
        page = browser.get(url, {"q": "linnea@"}).content.decode()
        assert "Linnea Berg" in page and "Johan Persson" not in page
        page = browser.get(url, {"q": "nobody"}).content.decode()
        assert "Ingen merit matchar ”nobody”." in page

    def test_htmx_gets_the_results_alone(self, issued, provider):
        browser = verified_client(member(provider, "issuer"))
        response = browser.get(
            reverse("issuer_credentials", args=[provider.slug]),
            {"q": "fatima"},
            headers={"HX-Request": "true", "HX-Target": "issued-results"},
        )
        body = response.content.decode()
        assert "<html" not in body and "Fatima Ahmed" in body and "Johan Persson" not in body
        assert 'class="table-wrap table-scroll" role="region"' in body

    def test_the_api_list_takes_q(self, issued, provider):
        from mimis.accounts.services import create_api_token

        _token, secret = create_api_token(user=member(provider, "issuer"), name="t", scopes=["read"])
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
            "/api/v1/credentials", {"organisation": provider.slug, "q": "JOHAN"}
        )
        assert response.status_code == 200
        assert [item["recipient_name"] for item in response.json()["items"]] == ["Johan Persson"]


def test_the_award_form_offers_plain_words_first(published, provider):
    page = (
        verified_client(member(provider, "issuer"))
        .get(reverse("issuer_credentials", args=[provider.slug]))
        .content.decode()
    )
    assert "Standard (rekommenderas)" in page and "JWT, för system som kräver det" in page
    assert "Data Integrity proof (eddsa-rdfc-2022)" not in page
    assert "signeras med eddsa-rdfc-2022" in page  # the technical name in the explanation


def test_bad_email_is_shown_and_nothing_is_issued(published, provider):
    browser = verified_client(member(provider, "issuer"))
    response = browser.post(
        reverse("issuer_credentials", args=[provider.slug]),
        {"award": "1", "version": published.pk, "name": "X", "email": "nej", "format": "ldp"},
    )
    assert 'aria-invalid="true"' in response.content.decode()
    assert Credential.objects.count() == 0


def test_issuers_need_two_factor_and_others_are_kept_out(published, provider, provider_editor, other_admin):
    issuer = member(provider, "issuer")
    url = reverse("issuer_credentials", args=[provider.slug])
    assert signed_in(issuer).get(url)["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert verified_client(provider_editor).get(url).status_code == 403
    assert verified_client(other_admin).get(url).status_code == 404
