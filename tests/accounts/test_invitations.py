"""Organisation admins invite colleagues by e-mail.

The link works once, for the invited address, for 7 days.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mimis.accounts import services
from mimis.accounts.errors import (
    AlreadyMember,
    InvitationExpired,
    InvitationForSomeoneElse,
    InvitationInvalid,
    InvitationPending,
    InvitationUsed,
)
from mimis.accounts.models import Invitation, Membership, User
from mimis.errors import NotFound, PermissionDenied
from tests.conftest import last_link, signed_in, verified_client
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def invite(on_commit, organisation, admin, email="colleague@example.se", role="editor"):
    """Invite and return the invitation with the secret from the e-mail's link."""
    with on_commit():
        invitation = services.invite_member(
            organisation=organisation, email=email, role=role, acting_user=admin
        )
    return invitation, last_link("/invitations/").split("/invitations/")[1].strip("/")


class TestInviteMember:
    def test_admin_invites_and_the_email_carries_a_working_link(self, provider, provider_admin, on_commit):
        invitation, token = invite(on_commit, provider, provider_admin)
        assert mail.outbox[-1].to == ["colleague@example.se"]
        assert "Högskolan Kristianstad" in mail.outbox[-1].subject
        assert services.open_invitation(token) == invitation
        # Only a hash of the secret is stored.
        assert token not in invitation.token_hash and len(Invitation.objects.get().token_hash) == 64

    def test_editor_may_not_invite(self, provider, provider_editor):
        with pytest.raises(PermissionDenied):
            services.invite_member(
                organisation=provider, email="x@example.se", role="viewer", acting_user=provider_editor
            )
        assert Invitation.objects.count() == 0

    def test_admin_of_another_organisation_cannot_invite_here(self, provider, other_admin):
        with pytest.raises(NotFound):
            services.invite_member(
                organisation=provider, email="x@example.se", role="viewer", acting_user=other_admin
            )

    def test_second_invitation_to_the_same_address_is_refused_while_one_is_open(
        self, provider, provider_admin, on_commit
    ):
        invite(on_commit, provider, provider_admin)
        with pytest.raises(InvitationPending):
            services.invite_member(
                organisation=provider, email="Colleague@example.se", role="viewer", acting_user=provider_admin
            )

    def test_existing_member_with_that_role_is_refused(self, provider, provider_admin, provider_editor):
        with pytest.raises(AlreadyMember):
            services.invite_member(
                organisation=provider, email=provider_editor.email, role="editor", acting_user=provider_admin
            )


class TestAcceptInvitation:
    def test_new_person_creates_an_account_from_the_link_and_joins(self, provider, provider_admin, on_commit):
        _inv, token = invite(on_commit, provider, provider_admin)
        client = Client()
        page = client.get(reverse("accounts:invitation", args=[token]))
        assert "Högskolan Kristianstad" in page.content.decode()
        response = client.post(
            reverse("accounts:invitation", args=[token]), {"name": "Kim Ny", "password": PASSWORD}
        )
        assert response.status_code == 302
        user = User.objects.get(email="colleague@example.se")
        assert user.email_verified
        assert set(Membership.objects.filter(user=user).values_list("role", flat=True)) == {"editor"}

    def test_existing_user_signed_in_with_the_invited_address_joins(
        self, provider, provider_admin, on_commit
    ):
        colleague = UserFactory(email="colleague@example.se")
        _inv, token = invite(on_commit, provider, provider_admin, role="viewer")
        response = signed_in(colleague).post(reverse("accounts:invitation", args=[token]))
        assert response.status_code == 302
        assert Membership.objects.filter(user=colleague, organisation=provider, role="viewer").exists()

    def test_link_opened_while_signed_in_as_someone_else_is_refused(
        self, provider, provider_admin, learner, on_commit
    ):
        _inv, token = invite(on_commit, provider, provider_admin)
        with pytest.raises(InvitationForSomeoneElse):
            services.accept_invitation(token=token, user=learner)
        client = signed_in(learner)
        assert (
            "en annan e-postadress"
            in client.get(reverse("accounts:invitation", args=[token])).content.decode()
        )
        client.post(reverse("accounts:invitation", args=[token]))
        assert not Membership.objects.filter(user=learner).exists()

    def test_link_works_only_once(self, provider, provider_admin, on_commit):
        _inv, token = invite(on_commit, provider, provider_admin)
        services.accept_invitation_with_new_account(token=token, name="Kim", password=PASSWORD)
        with pytest.raises(InvitationUsed):
            services.accept_invitation_with_new_account(token=token, name="Kim 2", password=PASSWORD)
        response = Client().get(reverse("accounts:invitation", args=[token]))
        assert response.status_code == 410

    def test_expired_link_is_refused_with_a_clear_message(self, provider, provider_admin, on_commit):
        invitation, token = invite(on_commit, provider, provider_admin)
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        with pytest.raises(InvitationExpired):
            services.open_invitation(token)
        response = Client().get(reverse("accounts:invitation", args=[token]))
        assert response.status_code == 410
        assert "Inbjudan har gått ut" in response.content.decode()
        assert User.objects.filter(email="colleague@example.se").count() == 0

    def test_withdrawn_invitation_no_longer_works(self, provider, provider_admin, on_commit):
        invitation, token = invite(on_commit, provider, provider_admin)
        services.revoke_invitation(invitation=invitation, acting_user=provider_admin)
        with pytest.raises(InvitationUsed):
            services.open_invitation(token)

    def test_sending_again_replaces_the_link(self, provider, provider_admin, on_commit):
        invitation, first = invite(on_commit, provider, provider_admin)
        with on_commit():
            services.resend_invitation(invitation=invitation, acting_user=provider_admin)
        second = last_link("/invitations/").split("/invitations/")[1].strip("/")
        assert first != second
        with pytest.raises(InvitationInvalid):
            services.open_invitation(first)
        assert services.open_invitation(second) == invitation

    def test_made_up_token_is_invalid(self, db):
        response = Client().get(reverse("accounts:invitation", args=["made-up"]))
        assert response.status_code == 404


class TestMembersPage:
    def test_admin_invites_from_the_page(self, provider, provider_admin, on_commit):
        client = verified_client(provider_admin)
        with on_commit():
            response = client.post(
                reverse("accounts:organisation_members", args=[provider.slug]),
                {"email": "ny@example.se", "role": "issuer"},
            )
        assert response.status_code == 302
        assert Invitation.objects.get().role == "issuer"
        assert mail.outbox[-1].to == ["ny@example.se"]

    def test_bad_email_is_shown_on_the_field_and_nothing_is_sent(self, provider, provider_admin):
        client = verified_client(provider_admin)
        response = client.post(
            reverse("accounts:organisation_members", args=[provider.slug]),
            {"email": "not-an-email", "role": "issuer"},
        )
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.content.decode()
        assert Invitation.objects.count() == 0

    def test_admin_changes_roles_but_cannot_remove_the_last_admin(
        self, provider, provider_admin, provider_editor
    ):
        client = verified_client(provider_admin)
        url = reverse("accounts:member_roles", args=[provider.slug, provider_editor.pk])
        client.post(url, {"roles": ["editor", "issuer"]})
        assert set(provider_editor.memberships.values_list("role", flat=True)) == {"editor", "issuer"}
        client.post(
            reverse("accounts:member_roles", args=[provider.slug, provider_admin.pk]), {"roles": ["viewer"]}
        )
        assert provider_admin.memberships.filter(role="admin").exists()
        client.post(url, {})
        assert not provider_editor.memberships.exists()
