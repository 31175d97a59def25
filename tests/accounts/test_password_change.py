"""Changing one's password while signed in; the reset request page says what it does."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from mimis.accounts import services
from mimis.audit.models import AuditEntry
from tests.conftest import signed_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett-helt-nytt-lösenord-2026"


class TestChangePasswordPage:
    def test_learner_changes_password_stays_signed_in_and_is_told_by_email(self, learner, on_commit):
        browser = signed_in(learner)
        assert "Byt lösenord" in browser.get("/account/").content.decode()
        with on_commit():
            response = browser.post(
                "/account/password/",
                {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            )
        assert response.status_code == 302
        assert response["Location"] == "/account/"
        assert browser.get("/account/").status_code == 200  # still signed in on this device
        learner.refresh_from_db()
        assert learner.check_password(NEW_PASSWORD)
        assert list(
            AuditEntry.objects.filter(action="account.password_changed").values_list("actor", flat=True)
        ) == [learner.pk]
        [notice] = mail.outbox
        assert notice.to == [learner.email]
        assert notice.subject == "Ditt lösenord i MIMIS har ändrats"
        assert "http://testserver/account/password-reset/" in notice.body
        assert NEW_PASSWORD not in notice.body

    def test_wrong_current_password_is_refused_and_changes_nothing(self, learner, on_commit):
        browser = signed_in(learner)
        with on_commit():
            response = browser.post(
                "/account/password/",
                {"old_password": "fel", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            )
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="error-summary" role="alert"' in html
        assert 'id="id_old_password"' in html and 'aria-invalid="true"' in html
        learner.refresh_from_db()
        assert learner.check_password(PASSWORD)
        assert not AuditEntry.objects.filter(action="account.password_changed").exists()
        assert mail.outbox == []

    def test_page_needs_sign_in(self, client):
        response = client.get("/account/password/")
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")

    def test_english_page(self, learner):
        html = signed_in(learner).get("/en/account/password/").content.decode()
        assert "<h1>Change your password</h1>" in html


class TestChangePasswordService:
    def test_too_short_new_password_names_the_field(self, learner):
        from mimis.errors import ValidationFailed

        with pytest.raises(ValidationFailed) as error:
            services.change_password(user=learner, current_password=PASSWORD, new_password="kort")
        assert error.value.field == "new_password1"
        learner.refresh_from_db()
        assert learner.check_password(PASSWORD)


class TestChangePasswordApi:
    def _client(self, user, **kwargs) -> Client:
        _token, secret = services.create_api_token(user=user, name="test", **kwargs)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def test_personal_token_with_write_scope_changes_the_password(self, learner, on_commit):
        with on_commit():
            response = self._client(learner, scopes=["read", "write"]).post(
                "/api/v1/me/password",
                {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
                content_type="application/json",
            )
        assert response.status_code == 204
        learner.refresh_from_db()
        assert learner.check_password(NEW_PASSWORD)
        assert len(mail.outbox) == 1

    def test_wrong_current_password_gives_validation_failed(self, learner):
        response = self._client(learner, scopes=["read", "write"]).post(
            "/api/v1/me/password",
            {"current_password": "fel", "new_password": NEW_PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 422
        assert response.json()["code"] == "validation_failed"
        assert response.json()["field"] == "old_password"

    def test_read_only_or_organisation_token_may_not(self, provider_admin, provider):
        read_only = self._client(provider_admin).post(
            "/api/v1/me/password",
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            content_type="application/json",
        )
        assert read_only.status_code == 403
        organisation_token = self._client(
            provider_admin, scopes=["read", "write"], organisation=provider, acting_user=provider_admin
        ).post(
            "/api/v1/me/password",
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            content_type="application/json",
        )
        assert organisation_token.status_code == 403
        assert organisation_token.json()["code"] == "permission_denied"
        provider_admin.refresh_from_db()
        assert provider_admin.check_password(PASSWORD)


def test_reset_request_page_is_about_requesting_a_link(client):
    html = client.get("/account/password-reset/").content.decode()
    assert "<title>Har du glömt ditt lösenord? – MIMIS</title>" in html
    assert "<h1>Har du glömt ditt lösenord?</h1>" in html
    assert "Välj ett nytt lösenord" not in html
    assert "<h1>Forgot your password?</h1>" in client.get("/en/account/password-reset/").content.decode()
