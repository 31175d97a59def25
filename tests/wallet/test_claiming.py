"""Claiming: the e-mail's single-use, expiring link; with or without an account; re-sent by the issuer;
further verified addresses; participants registered by someone else (page and shell)."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from mimis.accounts.models import User
from mimis.accounts.services import create_api_token
from mimis.audit.models import AuditEntry
from mimis.issuing import services as issuing
from mimis.wallet.models import ClaimLink, LearnerEmail, WalletEntry
from tests.conftest import last_link, signed_in, verified_client
from tests.factories import PASSWORD, UserFactory, member

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "amina@example.se"


@pytest.fixture
def issued(published, issuer, on_commit):
    """A credential for someone without an account yet, issued from the issuer's form."""
    mail.outbox.clear()
    return issuing.issue_credential(
        version=published, email=NEW_ADDRESS, name="Amina Yusuf", acting_user=issuer
    ).credential


def claim_path() -> str:
    return last_link("/claim/")


def wallet_of(user: User) -> str:
    return signed_in(user).get("/my/credentials/").content.decode()


class TestTheEmail:
    def test_the_email_carries_a_single_use_claim_link_in_the_learners_language(self, published):
        issuing.issue_credential(
            version=published, email="johan@example.se", name="Johan", acting_user=None, language="en"
        )
        message = mail.outbox[-1]
        assert message.subject == "You have received the micro-credential Demensvård – grunder"
        assert re.search(r"http://testserver/en/claim/[\w-]{30,}/", message.body)
        assert "The link works once, for 30 days" in message.body
        link = ClaimLink.objects.get()
        assert link.send_count == 1 and link.claimed_at is None
        assert timedelta(days=29) < link.expires_at - timezone.now() <= timedelta(days=30)
        # Only a hash is stored.
        assert claim_path().split("/")[-2] not in link.token_hash

    def test_a_swedish_learner_with_an_account_gets_both_the_claim_link_and_the_wallet(self, credential):
        body = mail.outbox[-1].body
        assert "Hämta den bland dina meriter med den här länken" in body
        assert "http://testserver/my/credentials/" in body and "/claim/" in body


class TestClaimingWithoutAnAccount:
    def test_a_new_learner_creates_an_account_on_the_spot_and_the_credential_is_theirs(self, issued):
        browser = Client()
        page = browser.get(claim_path()).content.decode()
        assert "Hämta din merit" in page and NEW_ADDRESS in page
        assert 'value="Amina Yusuf"' in page  # the name is prefilled
        response = browser.post(claim_path(), {"name": "Amina Yusuf", "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == f"/my/credentials/{issued.pk}/"
        user = User.objects.get(email=NEW_ADDRESS)
        assert user.email_verified  # the link proved the address
        assert WalletEntry.objects.get(credential=issued).user == user
        assert "Demensvård – grunder" in browser.get("/my/credentials/").content.decode()
        link = ClaimLink.objects.get(credential=issued)
        assert link.claimed_by == user and link.claimed_at is not None
        assert AuditEntry.objects.filter(action="credential.claimed", object_id=str(issued.pk)).count() == 1

    def test_a_weak_password_is_explained_and_nothing_is_created(self, issued):
        response = Client().post(claim_path(), {"name": "Amina", "password": "kort"})
        assert response.status_code == 200
        assert (
            "Det här lösenordet är för kort. Det måste innehålla minst 10 tecken."
            in response.content.decode()
        )
        assert not User.objects.filter(email=NEW_ADDRESS).exists()
        assert ClaimLink.objects.get(credential=issued).claimed_at is None

    def test_someone_with_an_account_is_asked_to_sign_in_first(self, credential, learner):
        path = claim_path()
        page = Client().get(path).content.decode()
        assert "Du har redan ett konto. Logga in för att hämta meriten." in page
        assert f'href="/account/login/?next={path}"' in page
        response = Client().post(path, {"name": "Inkräktare", "password": PASSWORD})
        assert response.status_code == 200
        assert User.objects.filter(email=learner.email).count() == 1


class TestClaimingWhileSignedIn:
    def test_the_matching_learner_collects_it(self, credential, learner):
        path = claim_path()
        browser = signed_in(learner)
        assert "Hämta den till mina meriter" in browser.get(path).content.decode()
        response = browser.post(path)
        assert response.status_code == 302 and response["Location"] == f"/my/credentials/{credential.pk}/"
        assert WalletEntry.objects.get(credential=credential).user == learner

    def test_someone_else_is_refused_clearly_and_nothing_is_claimed(self, issued):
        other = UserFactory(email="someone@example.se")
        path = claim_path()
        browser = signed_in(other)
        response = browser.get(path)
        assert response.status_code == 403
        page = response.content.decode()
        assert "skickades till en annan e-postadress" in page and "Logga ut" in page
        response = browser.post(path)
        assert response.status_code == 403
        assert not WalletEntry.objects.exists()
        assert ClaimLink.objects.get(credential=issued).claimed_at is None
        # The rightful learner can still use the link.
        assert Client().post(path, {"name": "Amina", "password": PASSWORD}).status_code == 302

    def test_a_claim_proves_an_unverified_address(self, published, on_commit):
        user = UserFactory(email="nyss@example.se", email_verified=False)
        credential = issuing.issue_credential(
            version=published, email=user.email, name="Ny", acting_user=None
        ).credential
        assert "Demensvård" not in wallet_of(user)
        signed_in(user).post(claim_path())
        user.refresh_from_db()
        assert user.email_verified
        assert WalletEntry.objects.get(credential=credential).user == user


class TestBadLinks:
    def test_a_reused_link_says_it_was_already_collected(self, issued):
        path = claim_path()
        Client().post(path, {"name": "Amina", "password": PASSWORD})
        response = Client().get(path)
        assert response.status_code == 410
        assert "redan hämtats" in response.content.decode()
        assert Client().post(path, {"name": "Igen", "password": PASSWORD}).status_code == 410

    def test_an_unknown_link_is_404_with_a_clear_message(self, db):
        response = Client().get("/claim/inte-en-riktig-lank/")
        assert response.status_code == 404
        assert "inte giltig" in response.content.decode()

    def test_an_expired_link_offers_a_new_one_sent_to_the_recipient_only(self, issued, on_commit):
        path = claim_path()
        ClaimLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        response = Client().get(path)
        assert response.status_code == 410
        page = response.content.decode()
        assert "har gått ut" in page and "Skicka en ny länk till mig" in page
        assert Client().post(path, {"name": "Amina", "password": PASSWORD}).status_code == 410
        assert not User.objects.filter(email=NEW_ADDRESS).exists()
        mail.outbox.clear()
        with on_commit():
            response = Client().post(path + "new-link/")
        assert response.status_code == 200 and "En ny länk är på väg" in response.content.decode()
        assert [m.to for m in mail.outbox] == [[NEW_ADDRESS]]
        new_path = claim_path()
        assert new_path != path
        # The expired link cannot ask twice; the new one works.
        assert Client().post(path + "new-link/").status_code == 404
        assert Client().post(new_path, {"name": "Amina", "password": PASSWORD}).status_code == 302


class TestIssuerResends:
    def test_the_issuer_resends_from_the_list_and_only_the_newest_link_works(
        self, issued, issuer, provider, on_commit
    ):
        old_path = claim_path()
        browser = verified_client(issuer)
        page = browser.get(f"/organisations/{provider.slug}/credentials/").content.decode()
        assert f'action="/organisations/{provider.slug}/credentials/{issued.pk}/resend-claim/"' in page
        assert "Skicka länken för att hämta meriten igen" in page
        mail.outbox.clear()
        with on_commit():
            response = browser.post(f"/organisations/{provider.slug}/credentials/{issued.pk}/resend-claim/")
        assert response.status_code == 302
        assert [m.to for m in mail.outbox] == [[NEW_ADDRESS]]
        assert ClaimLink.objects.get().send_count == 2
        assert Client().get(old_path).status_code == 404
        assert Client().get(claim_path()).status_code == 200
        assert AuditEntry.objects.filter(action="credential.claim_link_resent", actor=issuer).count() == 1

    def test_resending_after_it_was_collected_says_so(self, issued, issuer, provider):
        Client().post(claim_path(), {"name": "Amina", "password": PASSWORD})
        mail.outbox.clear()
        browser = verified_client(issuer)
        response = browser.post(
            f"/organisations/{provider.slug}/credentials/{issued.pk}/resend-claim/", follow=True
        )
        assert "redan hämtat" in response.content.decode()
        assert mail.outbox == []

    def test_resending_through_the_api(self, issued, issuer, on_commit):
        _token, secret = create_api_token(user=issuer, name="t", scopes=["issue"])
        with on_commit():
            response = Client().post(
                f"/api/v1/credentials/{issued.pk}/resend-claim", HTTP_AUTHORIZATION=f"Bearer {secret}"
            )
        assert response.status_code == 202 and response.json()["id"] == str(issued.pk)
        assert ClaimLink.objects.get().send_count == 2

    def test_outsiders_cannot_resend(self, issued, other_admin, other_provider):
        response = verified_client(other_admin).post(
            f"/organisations/{other_provider.slug}/credentials/{issued.pk}/resend-claim/"
        )
        assert response.status_code in (403, 404)
        assert ClaimLink.objects.get().send_count == 1


class TestFurtherAddresses:
    def test_a_credential_sent_to_an_old_address_arrives_once_it_is_verified(
        self, published, learner, on_commit
    ):
        issuing.issue_credential(version=published, email="fatima.old@example.se", name="F", acting_user=None)
        browser = signed_in(learner)
        assert "Demensvård" not in browser.get("/my/credentials/").content.decode()
        with on_commit():
            response = browser.post("/my/email-addresses/", {"add": "1", "email": "Fatima.Old@example.se"})
        assert response.status_code == 302
        assert mail.outbox[-1].to == ["fatima.old@example.se"]
        page = browser.get("/my/email-addresses/").content.decode()
        assert "fatima.old@example.se" in page and "väntar på att du öppnar länken" in page
        assert "Demensvård" not in browser.get("/my/credentials/").content.decode()
        browser.get(last_link("/my/email-addresses/verify/"))
        assert LearnerEmail.objects.get().verified_at is not None
        assert "Demensvård" in browser.get("/my/credentials/").content.decode()

    def test_an_address_of_another_account_cannot_be_added(self, learner):
        UserFactory(email="taken@example.se")
        response = signed_in(learner).post("/my/email-addresses/", {"add": "1", "email": "taken@example.se"})
        assert response.status_code == 200
        assert "tillhör redan ett annat konto" in response.content.decode()
        assert not LearnerEmail.objects.exists()

    def test_a_claim_link_to_a_pending_further_address_verifies_it(self, published, learner):
        LearnerEmail.objects.create(user=learner, email="gammal@example.se")
        credential = issuing.issue_credential(
            version=published, email="gammal@example.se", name="F", acting_user=None
        ).credential
        signed_in(learner).post(claim_path())
        assert LearnerEmail.objects.get().verified_at is not None
        assert WalletEntry.objects.get(credential=credential).user == learner

    def test_removing_an_address_removes_unclaimed_credentials_sent_to_it(self, published, learner):
        extra = LearnerEmail.objects.create(
            user=learner, email="gammal@example.se", verified_at=timezone.now()
        )
        issuing.issue_credential(version=published, email="gammal@example.se", name="F", acting_user=None)
        browser = signed_in(learner)
        assert "Demensvård" in browser.get("/my/credentials/").content.decode()
        browser.post("/my/email-addresses/", {"remove": str(extra.pk)})
        assert "Demensvård" not in browser.get("/my/credentials/").content.decode()


class TestRegisteringParticipants:
    def test_the_shell_creates_a_verified_learner_who_sees_earlier_credentials(self, published, on_commit):
        issuing.issue_credential(version=published, email="omar@example.se", name="Omar", acting_user=None)
        out = io.StringIO()
        with on_commit():
            call_command(
                "learners", "create", "--email", "Omar@Example.se", "--name", "Omar Hassan", stdout=out
            )
        assert out.getvalue().strip() == (
            "Created learner omar@example.se (Omar Hassan), e-mail address verified; 1 credential in their wallet."
        )
        user = User.objects.get(email="omar@example.se")
        assert user.email_verified and not user.has_usable_password()
        assert "Demensvård" in wallet_of(user)
        # The welcome e-mail lets them choose a password.
        assert mail.outbox[-1].subject == "Ditt konto i MIMIS är klart"
        assert "/account/reset/" in mail.outbox[-1].body

    def test_the_shell_refuses_an_address_that_has_an_account(self, learner):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="finns redan"):
            call_command("learners", "create", "--email", learner.email, "--name", "X", stdout=io.StringIO())

    def test_an_issuer_registers_a_participant_from_the_page(self, issuer, provider, on_commit):
        browser = verified_client(issuer)
        page = browser.get(f"/organisations/{provider.slug}/participants/new/").content.decode()
        assert "Registrera en deltagare" in page
        with on_commit():
            response = browser.post(
                f"/organisations/{provider.slug}/participants/new/",
                {"name": "Berit Ek", "email": "berit@example.se", "language": "sv"},
            )
        assert response.status_code == 302
        user = User.objects.get(email="berit@example.se")
        assert user.email_verified and user.name == "Berit Ek"
        assert AuditEntry.objects.get(action="learner.registered").actor == issuer
        assert "Högskolan Kristianstad har skapat ett konto åt dig" in mail.outbox[-1].body

    def test_an_editor_or_an_outsider_may_not_register_participants(self, provider, other_admin):
        editor = member(provider, "editor")
        assert (
            verified_client(editor).get(f"/organisations/{provider.slug}/participants/new/").status_code
            == 403
        )
        assert (
            verified_client(other_admin).get(f"/organisations/{provider.slug}/participants/new/").status_code
            == 404
        )

    def test_a_region_administrator_registers_participants_too(self, region, region_admin):
        browser = verified_client(region_admin)
        response = browser.post(
            f"/organisations/{region.slug}/participants/new/",
            {"name": "Cecilia", "email": "cecilia@example.se", "language": "en"},
        )
        assert response.status_code == 302
        assert User.objects.get(email="cecilia@example.se").language == "en"
