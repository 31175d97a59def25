"""After a key compromise: a collected credential's replacement stays in the holder's wallet, and the
"credential replaced" e-mail carries a claim link (or points to the wallet), in the holder's language,
finding the holder by any of their verified addresses."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from mimis.issuing import reissue
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential, IssuerKey, KeyStatus
from mimis.wallet.models import ClaimLink, LearnerEmail, WalletEntry
from tests.conftest import last_link, signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def compromise(organisation, admin, on_commit) -> None:  # type: ignore[no-untyped-def]
    key = IssuerKey.objects.get(organisation=organisation, algorithm="Ed25519", status=KeyStatus.ACTIVE)
    mail.outbox.clear()
    with on_commit():
        reissue.compromise_key(key=key, acting_user=admin)


def replacement_of(credential: Credential) -> Credential:
    return Credential.objects.get(pk=credential.pk).replaced_by


class TestACollectedCredential:
    @pytest.fixture
    def claimed(self, credential, learner):  # type: ignore[no-untyped-def]
        signed_in(learner).post(last_link("/claim/"))
        assert WalletEntry.objects.get(credential=credential).user == learner
        return credential

    def test_its_replacement_is_in_the_same_wallet_even_after_the_address_moves_on(
        self, claimed, learner, provider, provider_admin, on_commit
    ):
        compromise(provider, provider_admin, on_commit)
        new = replacement_of(claimed)
        entry = WalletEntry.objects.get(credential=new)
        assert (entry.user, entry.via) == (learner, "claim_link")
        # The address the credential was issued to now belongs to someone else: it stays Fatima's.
        learner.email = "fatima.ny@example.se"
        learner.save()
        UserFactory(email="fatima@example.se")
        page = signed_in(learner).get("/my/credentials/").content.decode()
        assert f"/my/credentials/{new.pk}/" in page and f"/my/credentials/{claimed.pk}/" not in page

    def test_a_second_compromise_keeps_it_there_too(
        self, claimed, learner, provider, provider_admin, on_commit
    ):
        compromise(provider, provider_admin, on_commit)
        compromise(provider, provider_admin, on_commit)
        newest = replacement_of(replacement_of(claimed))
        assert WalletEntry.objects.get(credential=newest).user == learner
        listed = Client().get("/api/v1/me/credentials", HTTP_AUTHORIZATION=f"Bearer {token(learner)}").json()
        assert [item["id"] for item in listed] == [str(newest.pk)]

    def test_the_email_points_to_the_wallet_without_a_claim_link(
        self, claimed, learner, provider, provider_admin, on_commit
    ):
        compromise(provider, provider_admin, on_commit)
        [message] = mail.outbox
        assert message.to == ["fatima@example.se"]
        assert "har ersatts" in message.subject
        assert "/claim/" not in message.body
        assert "Den nya meriten finns redan bland dina meriter" in message.body
        assert "http://testserver/my/credentials/" in message.body
        assert not ClaimLink.objects.filter(credential=replacement_of(claimed)).exists()

    def test_the_issuer_cannot_resend_a_claim_link_for_the_replacement(
        self, claimed, provider, provider_admin, issuer, on_commit
    ):
        compromise(provider, provider_admin, on_commit)
        response = Client().post(
            f"/api/v1/credentials/{replacement_of(claimed).pk}/resend-claim",
            HTTP_AUTHORIZATION=f"Bearer {issuer_token(issuer)}",
        )
        assert response.status_code == 410 and response.json()["code"] == "claim_link_used"
        assert not ClaimLink.objects.filter(credential=replacement_of(claimed)).exists()


class TestACredentialNotCollectedYet:
    def test_someone_without_an_account_gets_a_claim_link_and_the_old_link_stops(
        self, published, issuer, provider, provider_admin, on_commit
    ):
        with on_commit():
            old = issuing.issue_credential(
                version=published, email="amina@example.se", name="Amina", acting_user=issuer, language="en"
            ).credential
        old_link = last_link("/claim/")
        compromise(provider, provider_admin, on_commit)
        [message] = mail.outbox
        assert message.subject == "Your micro-credential Demensvård – grunder has been replaced"
        assert (
            "Collect the new credential with this link; you create your account on the spot." in message.body
        )
        assert "/account/register/" not in message.body
        new_link = last_link("/claim/")
        assert re.fullmatch(r"/en/claim/[\w-]{30,}/", new_link)
        assert Client().get(old_link).status_code == 404  # the newest e-mail's link replaces it
        response = Client().post(new_link, {"name": "Amina Yusuf", "password": "ett-langt-losenord-42"})
        assert response.status_code == 302
        new = replacement_of(old)
        assert WalletEntry.objects.get(credential=new).user.email == "amina@example.se"

    def test_a_holder_found_by_a_further_address_gets_their_language_and_wording(
        self, published, issuer, provider, provider_admin, on_commit
    ):
        holder = UserFactory(email="linnea@example.se", name="Linnea", language="en")
        LearnerEmail.objects.create(
            user=holder, email="linnea.old@example.se", verified_at=holder.date_joined
        )
        with on_commit():
            old = issuing.issue_credential(
                version=published, email="linnea.old@example.se", name="Linnea", acting_user=issuer
            ).credential
        issued = mail.outbox[-1]
        assert issued.subject.startswith("You have received")  # the issued e-mail finds her too
        compromise(provider, provider_admin, on_commit)
        [message] = mail.outbox
        assert message.to == ["linnea.old@example.se"]  # claim links go only where it was issued
        assert "has been replaced" in message.subject
        assert "Collect the new credential in your credentials with this link" in message.body
        assert "http://testserver/en/my/credentials/" in message.body
        path = last_link("/claim/")
        signed_in(holder).post(path)
        assert WalletEntry.objects.get(credential=replacement_of(old)).user == holder

    def test_a_suspended_replacement_gets_no_claim_link(
        self, published, issuer, provider, provider_admin, on_commit
    ):
        old = issuing.issue_credential(
            version=published, email="sus@example.se", name="Sus", acting_user=issuer
        ).credential
        issuing.suspend_credential(credential=old, reason="Utreds", acting_user=issuer)
        compromise(provider, provider_admin, on_commit)
        [message] = mail.outbox
        assert "/claim/" not in message.body and "/account/register/" in message.body
        assert not ClaimLink.objects.filter(credential=replacement_of(old)).exists()


def token(user) -> str:  # type: ignore[no-untyped-def]
    from mimis.accounts.services import create_api_token

    return create_api_token(user=user, name="wallet", scopes=["read"])[1]


def issuer_token(user) -> str:  # type: ignore[no-untyped-def]
    from mimis.accounts.services import create_api_token

    return create_api_token(user=user, name="issuing", scopes=["issue"])[1]
