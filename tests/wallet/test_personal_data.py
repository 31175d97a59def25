"""Privacy and GDPR: being findable is off by default; "download all my data"; "delete my account" erases
personal data and keeps what issuers need for revocation status."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client

from mimis.accounts.models import User
from mimis.accounts.services import create_api_token
from mimis.audit.services import verify_chain
from mimis.issuing import services as issuing
from mimis.issuing.models import Credential, StatusList
from mimis.vc import status as vc_status
from mimis.wallet import selectors
from mimis.wallet.models import (
    ClaimLink,
    ExternalCredential,
    LearnerEmail,
    LearnerProfile,
    ShareLink,
    WalletEntry,
)
from tests.conftest import last_link, signed_in
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.django_db


def bit(status_list_id: int, index: int) -> bool:
    status_list = StatusList.objects.get(pk=status_list_id)
    return vc_status.StatusList.from_bytes(bytes(status_list.bits)).get(index)


class TestFindableBySkills:
    def test_it_is_off_by_default_and_the_learner_decides(self, learner):
        assert selectors.privacy_of(user=learner).findable_by_skills is False
        assert list(selectors.findable_learners()) == []
        browser = signed_in(learner)
        page = browser.get("/my/privacy/").content.decode()
        # The wallet page links to the matching page that offers the choice with what employers see
        # (tests/matching/test_candidates.py); the stored choice is the wallet's.
        assert 'name="findable_by_skills"' not in page
        browser.post("/my/privacy/", {"findable_by_skills": "on"})
        assert LearnerProfile.objects.get(user=learner).findable_by_skills is True
        assert list(selectors.findable_learners()) == [learner]
        browser.post("/my/privacy/", {})  # an unticked box turns it off again
        assert LearnerProfile.objects.get(user=learner).findable_by_skills is False


class TestDownloadAllMyData:
    def test_the_zip_holds_the_account_credentials_files_and_share_links(self, credential, learner):
        LearnerEmail.objects.create(user=learner, email="gammal@example.se")
        browser = signed_in(learner)
        browser.post(f"/my/credentials/{credential.pk}/", {})
        assert browser.get("/my/privacy/export/").status_code == 405  # a POST with CSRF, not a link
        response = browser.post("/my/privacy/export/")
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith('attachment; filename="mimis-')
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        file_name = f"credentials/demensvard-grunder-{credential.pk}.json"
        assert sorted(archive.namelist()) == sorted(["mimis-data.json", file_name])
        data = json.loads(archive.read("mimis-data.json"))
        assert data["account"]["email"] == learner.email and data["account"]["name"] == "Fatima Ahmed"
        assert data["further_email_addresses"][0]["email"] == "gammal@example.se"
        assert data["privacy"] == {"findable_by_skills": False}
        [row] = data["credentials"]
        assert row["id"] == str(credential.pk) and row["status"] == "valid" and row["file"] == file_name
        assert json.loads(archive.read(file_name)) == credential.document
        [link] = data["share_links"]
        assert link["url"].startswith("http://testserver/shared/") and link["views"] == 0
        assert any(entry["action"] == "share_link.created" for entry in data["activity"])


class TestDeleteMyAccount:
    @pytest.fixture
    def shared(self, credential, learner):
        signed_in(learner).post(f"/my/credentials/{credential.pk}/", {})
        ExternalCredential.objects.create(
            user=learner,
            standard="ob3",
            content="{}",
            fingerprint="x",
            source="json",
            title="Extern",
            status="verified",
            checked_at=credential.issued_at,
        )
        create_api_token(user=learner, name="t")
        return ShareLink.objects.get()

    def test_the_page_explains_in_plain_words_before_anything_happens(self, credential, learner):
        page = signed_in(learner).get("/my/privacy/delete/").content.decode()
        assert "Det här raderas" in page and "Det här sparas, och varför" in page
        assert "utan ditt namn" in page and "Du har 1 merit. Ladda ner den först" in page
        assert "Radera mitt konto för gott" in page
        english = signed_in(learner).get("/en/my/privacy/delete/").content.decode()
        assert "What is kept, and why" in english

    def test_a_wrong_password_deletes_nothing(self, shared, learner):
        response = signed_in(learner).post("/my/privacy/delete/", {"understood": "on", "password": "fel"})
        assert "Lösenordet är fel. Ditt konto raderades inte." in response.content.decode()
        learner.refresh_from_db()
        assert learner.is_active and learner.name == "Fatima Ahmed"

    def test_deleting_erases_personal_data_and_keeps_the_issuers_status_record(
        self, shared, credential, learner, provider
    ):
        issuing.suspend_credential(credential=credential, reason="Under utredning", acting_user=None)
        share_path = f"/shared/{shared.token}/"
        browser = signed_in(learner)
        response = browser.post("/my/privacy/delete/", {"understood": "on", "password": PASSWORD})
        assert response.status_code == 200 and "Ditt konto är raderat" in response.content.decode()

        user = User.objects.get(pk=learner.pk)
        assert (user.name, user.email, user.is_active) == ("", f"erased-{learner.pk}@erased.invalid", False)
        assert not user.has_usable_password()
        login = Client().post("/account/login/", {"username": "fatima@example.se", "password": PASSWORD})
        assert login.status_code == 200 and "_auth_user_id" not in login.wsgi_request.session
        for model in (ShareLink, ExternalCredential, LearnerEmail, LearnerProfile, WalletEntry):
            assert not model.objects.filter(user_id=learner.pk).exists(), model
        assert not user.api_tokens.exists()
        assert not ClaimLink.objects.filter(credential=credential).exists()  # no later claim of it

        kept = Credential.objects.get(pk=credential.pk)
        assert kept.recipient_name == "" and kept.recipient_email.endswith("@erased.invalid")
        assert kept.document is None and kept.token == ""
        # What the issuer needs stays: the state and the status-list entries, unchanged.
        assert kept.state == "suspended" and kept.state_reason == "Under utredning"
        assert (kept.version_id, kept.organisation_id) == (credential.version_id, credential.organisation_id)
        assert bit(kept.suspension_list_id, kept.suspension_index) is True
        assert "Fatima" not in json.dumps(
            {k: str(v) for k, v in Credential.objects.filter(pk=credential.pk).values()[0].items()}
        )

        # The issuer can still change the status; public pages of the learner are gone.
        issuing.revoke_credential(credential=kept, reason="Fel person", acting_user=None)
        assert bit(kept.revocation_list_id, kept.revocation_index) is True
        assert Client().get(share_path).status_code == 404
        assert Client().get(f"/verify/credentials/{credential.pk}/").status_code == 404
        issuer = member(provider, "issuer")
        from tests.conftest import verified_client

        listing = verified_client(issuer).get(f"/organisations/{provider.slug}/credentials/").content.decode()
        assert "Fatima" not in listing and "fatima@example.se" not in listing
        assert verify_chain().intact

    def test_issuing_again_to_the_address_after_erasure_makes_a_new_credential(
        self, credential, learner, published
    ):
        signed_in(learner).post("/my/privacy/delete/", {"understood": "on", "password": PASSWORD})
        again = issuing.issue_credential(
            version=published, email="fatima@example.se", name="Fatima", acting_user=None
        )
        assert again.created and again.credential.pk != credential.pk

    def test_members_of_an_organisation_are_told_to_leave_first(self, provider):
        editor = member(provider, "editor")
        page = signed_in(editor).get("/my/privacy/delete/").content.decode()
        assert "Be en administratör där att ta bort dig först" in page
        response = signed_in(editor).post("/my/privacy/delete/", {"understood": "on", "password": PASSWORD})
        assert "Be en administratör där att ta bort dig först" in response.content.decode()
        assert User.objects.get(pk=editor.pk).is_active

    def test_a_participant_without_a_password_confirms_with_the_checkbox(self, published, on_commit):
        from django.core.management import call_command

        call_command(
            "learners", "create", "--email", "utan@example.se", "--name", "Utan Lösen", stdout=io.StringIO()
        )
        user = User.objects.get(email="utan@example.se")
        browser = signed_in(user)
        assert 'name="password"' not in browser.get("/my/privacy/delete/").content.decode()
        assert browser.post("/my/privacy/delete/", {}).status_code == 200
        assert User.objects.get(pk=user.pk).is_active  # the box was not ticked
        browser.post("/my/privacy/delete/", {"understood": "on"})
        assert not User.objects.get(pk=user.pk).is_active

    def test_further_addresses_are_verified_through_their_link(self, learner, on_commit):
        with on_commit():
            signed_in(learner).post("/my/email-addresses/", {"add": "1", "email": "ny@example.se"})
        Client().get(last_link("/my/email-addresses/verify/"))
        assert LearnerEmail.objects.get().verified_at is not None
