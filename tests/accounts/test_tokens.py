"""API tokens: shown once, stored hashed, scoped, limited to an organisation, revocable.

The shell can mint them too.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mimis.accounts import services
from mimis.accounts.errors import UnknownScope
from mimis.accounts.models import ApiToken
from mimis.errors import NotFound, PermissionDenied

pytestmark = pytest.mark.django_db


def test_token_secret_is_returned_once_and_only_its_hash_is_stored(learner):
    token, secret = services.create_api_token(user=learner, name="min app")
    assert secret.startswith(f"mimis_{token.prefix}_")
    stored = ApiToken.objects.get()
    assert secret.split("_", 2)[2] not in (stored.secret_hash, stored.prefix, stored.name)
    assert stored.scopes == ["read"]
    assert services.authenticate_api_token(secret) == stored


def test_wrong_secret_revoked_or_expired_tokens_do_not_authenticate(learner):
    from datetime import timedelta

    from django.utils import timezone

    token, secret = services.create_api_token(user=learner, name="x")
    assert services.authenticate_api_token(secret[:-2] + "xx") is None
    assert services.authenticate_api_token("not a token") is None
    services.revoke_api_token(token=token, acting_user=learner)
    assert services.authenticate_api_token(secret) is None
    token2, secret2 = services.create_api_token(user=learner, name="y")
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.authenticate_api_token(secret2) is None


def test_unknown_scope_is_refused(learner):
    with pytest.raises(UnknownScope):
        services.create_api_token(user=learner, name="x", scopes=["everything"])
    assert ApiToken.objects.count() == 0


def test_organisation_tokens_need_an_admin_of_that_organisation(
    provider, provider_admin, provider_editor, other_admin
):
    with pytest.raises(PermissionDenied):
        services.create_api_token(
            user=provider_editor, acting_user=provider_editor, name="x", organisation=provider
        )
    with pytest.raises(NotFound):
        services.create_api_token(user=other_admin, acting_user=other_admin, name="x", organisation=provider)
    token, _secret = services.create_api_token(
        user=provider_admin,
        acting_user=provider_admin,
        name="sis",
        organisation=provider,
        scopes=["read", "write"],
    )
    assert token.organisation == provider


def test_someone_else_cannot_revoke_my_personal_token(learner, provider_admin):
    token, _secret = services.create_api_token(user=learner, name="x")
    with pytest.raises(NotFound):
        services.revoke_api_token(token=token, acting_user=provider_admin)


class TestTokensCommand:
    def test_create_prints_a_working_token(self, provider, provider_admin):
        out = io.StringIO()
        call_command(
            "tokens",
            "create",
            "--user",
            provider_admin.email,
            "--org",
            provider.slug,
            "--scope",
            "read",
            "--scope",
            "write",
            stdout=out,
        )
        secret = out.getvalue().strip()
        token = services.authenticate_api_token(secret)
        assert token is not None
        assert token.organisation == provider
        assert token.scopes == ["read", "write"]

    def test_unknown_user_is_a_clear_error(self, db):
        with pytest.raises(CommandError, match="No user with the e-mail address"):
            call_command("tokens", "create", "--user", "nobody@example.se")

    def test_org_the_user_is_not_in_is_refused(self, provider, learner):
        with pytest.raises(CommandError):
            call_command("tokens", "create", "--user", learner.email, "--org", provider.slug)
        assert ApiToken.objects.count() == 0


def test_shell_revokes_a_token_by_prefix_and_the_trail_says_shell(learner):
    from mimis.audit.models import AuditEntry

    token, secret = services.create_api_token(user=learner, name="x")
    out = io.StringIO()
    call_command("tokens", "revoke", token.prefix, stdout=out)
    assert out.getvalue().strip() == f"Revoked {token.prefix}."
    assert services.authenticate_api_token(secret) is None
    assert AuditEntry.objects.get(action="api_token.revoked").actor_label == "shell"
