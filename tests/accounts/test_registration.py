"""Learners register themselves, verify their e-mail, sign in and reset forgotten passwords."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mimis.accounts import services
from mimis.accounts.errors import EmailAlreadyRegistered, VerificationLinkInvalid
from mimis.accounts.models import User
from mimis.audit.models import AuditEntry
from mimis.errors import ValidationFailed
from tests.conftest import last_link
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class TestRegisterLearner:
    def test_registration_creates_unverified_learner_and_sends_verification_link(self, on_commit):
        with on_commit():
            user = services.register_learner(
                email=" Fatima@Example.se ", name="Fatima Ahmed", password=PASSWORD
            )
        assert user.email == "fatima@example.se"
        assert not user.email_verified
        assert user.memberships.count() == 0
        assert [m.to for m in mail.outbox] == [["fatima@example.se"]]
        assert mail.outbox[0].subject == "Bekräfta din e-postadress för MIMIS"
        assert AuditEntry.objects.filter(action="user.registered", object_id=str(user.pk)).exists()

    def test_english_speaker_gets_english_email(self, on_commit):
        with on_commit():
            services.register_learner(
                email="linnea@example.se", name="Linnea", password=PASSWORD, language="en"
            )
        assert mail.outbox[0].subject == "Verify your e-mail address for MIMIS"
        assert "/en/account/verify/" in mail.outbox[0].body

    def test_duplicate_email_is_refused_whatever_the_case(self, learner):
        with pytest.raises(EmailAlreadyRegistered):
            services.register_learner(email=learner.email.upper(), name="X", password=PASSWORD)
        assert User.objects.count() == 1

    @pytest.mark.parametrize(
        ("field", "kwargs"),
        [
            ("email", {"email": "not-an-address"}),
            ("name", {"name": "  "}),
            ("password", {"password": "short"}),
            ("password", {"password": "1234567890123"}),
        ],
    )
    def test_bad_input_names_the_field_and_stores_nothing(self, field, kwargs):
        data = {"email": "ok@example.se", "name": "Ok", "password": PASSWORD, **kwargs}
        with pytest.raises(ValidationFailed) as excinfo:
            services.register_learner(**data)
        assert excinfo.value.field == field
        assert User.objects.count() == 0


class TestVerifyEmail:
    def test_link_from_the_email_verifies_the_address(self, on_commit):
        with on_commit():
            user = services.register_learner(email="johan@example.se", name="Johan", password=PASSWORD)
        response = Client().get(last_link("/account/verify/"))
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.email_verified

    def test_tampered_link_is_refused_with_a_clear_message(self):
        user = UserFactory(email_verified=False)
        with pytest.raises(VerificationLinkInvalid):
            services.verify_email(token="garbage")
        response = Client().get(reverse("accounts:verify_email", args=["garbage"]))
        assert response.status_code == 400
        assert "Länken fungerade inte" in response.content.decode()
        user.refresh_from_db()
        assert not user.email_verified


class TestRegistrationPage:
    def test_registering_through_the_page_signs_the_learner_in(self, on_commit):
        client = Client()
        with on_commit():
            response = client.post(
                reverse("accounts:register"),
                {
                    "name": "Fatima Ahmed",
                    "email": "fatima@example.se",
                    "password": PASSWORD,
                },
            )
        assert response.status_code == 302
        assert response["Location"] == reverse("core:dashboard")
        dashboard = client.get(reverse("core:dashboard")).content.decode()
        assert "Mina meriter" in dashboard
        assert "Bekräfta din e-postadress" in dashboard

    def test_duplicate_email_shows_the_reason_on_the_form_in_swedish(self, learner):
        response = Client().post(
            reverse("accounts:register"),
            {
                "name": "Someone",
                "email": learner.email,
                "password": PASSWORD,
            },
        )
        assert response.status_code == 200
        assert "Det finns redan ett konto med den här e-postadressen" in response.content.decode()

    def test_english_page_shows_english_errors(self):
        response = Client().post("/en/account/register/", {"name": "", "email": "x", "password": ""})
        body = response.content.decode()
        assert '<html lang="en">' in body
        assert "This field is required." in body


class TestSignIn:
    def test_correct_password_signs_in(self, learner):
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": learner.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get(reverse("core:dashboard")).status_code == 200

    def test_the_start_page_opens_in_the_persons_own_language(self, learner):
        learner.language = "en"
        learner.save(update_fields=["language"])
        response = Client().post(reverse("accounts:login"), {"username": learner.email, "password": PASSWORD})
        assert response["Location"] == "/en/start/"

    def test_a_page_to_return_to_wins_over_the_language(self, learner):
        learner.language = "en"
        learner.save(update_fields=["language"])
        response = Client().post(
            reverse("accounts:login") + "?next=/my/credentials/",
            {"username": learner.email, "password": PASSWORD},
        )
        assert response["Location"] == "/my/credentials/"

    def test_wrong_password_gets_a_clear_message_and_no_session(self, learner):
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": learner.email, "password": "wrong"})
        assert response.status_code == 200
        assert "E-postadressen eller lösenordet är fel" in response.content.decode()
        assert client.get(reverse("core:dashboard")).status_code == 302

    def test_repeated_failures_lock_the_account_out_for_a_while(self, learner):
        client = Client()
        for _ in range(5):
            client.post(reverse("accounts:login"), {"username": learner.email, "password": "wrong"})
        response = client.post(reverse("accounts:login"), {"username": learner.email, "password": PASSWORD})
        assert response.status_code == 429
        assert "För många försök" in response.content.decode()
        assert client.get(reverse("core:dashboard")).status_code == 302


class TestPasswordReset:
    def test_reset_link_lets_the_user_choose_a_new_password(self, learner):
        client = Client()
        client.post(reverse("accounts:password_reset"), {"email": learner.email})
        link = last_link("/account/reset/")
        response = client.get(link, follow=True)
        form_url = response.redirect_chain[-1][0]
        new_password = "a brand new passphrase 42"
        response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
        assert response.status_code == 302
        learner.refresh_from_db()
        assert learner.check_password(new_password)

    def test_unknown_address_gets_the_same_answer_and_no_email(self, db):
        response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.se"})
        assert response.status_code == 200
        assert "Titta i din e-post" in response.content.decode()
        assert mail.outbox == []
