"""Background tasks for accounts: the e-mails. Secrets for links are minted here, at send time,
so they never sit in the task queue's table."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email


@task()
def send_verification_email(*, user_id: int) -> None:
    from mimis.accounts.models import User
    from mimis.accounts.tokens import make_email_verification_token

    user = User.objects.filter(pk=user_id, is_active=True, email_verified=False).first()
    if user is None:
        return
    token = make_email_verification_token(user.pk, user.email)
    send_templated_email(
        to=user.email,
        template="accounts/emails/verify_email",
        language=user.language,
        context={
            "user": user,
            "url": absolute_url("accounts:verify_email", language=user.language, token=token),
        },
    )


@task()
def send_password_reset_email(*, user_id: int) -> None:
    from mimis.accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    url = absolute_url(
        "accounts:password_reset_confirm",
        language=user.language,
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
    send_templated_email(
        to=user.email,
        template="accounts/emails/password_reset",
        language=user.language,
        context={"user": user, "url": url},
    )


@task()
def send_password_changed_email(*, user_id: int) -> None:
    """Tell the account's address that its password changed, so a stranger's change does not go unnoticed."""
    from mimis.accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    send_templated_email(
        to=user.email,
        template="accounts/emails/password_changed",
        language=user.language,
        context={
            "user": user,
            "reset_url": absolute_url("accounts:password_reset", language=user.language),
        },
    )


@task()
def send_invitation_email(*, invitation_id: int) -> None:
    from mimis.accounts.models import Invitation, User
    from mimis.accounts.tokens import hash_secret, new_secret

    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.is_open:
        return
    secret = new_secret()
    # A new link each time the invitation is sent: only the newest one works.
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_secret(secret))
    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = (
        existing.language if existing else (invitation.invited_by.language if invitation.invited_by else "sv")
    )
    send_templated_email(
        to=invitation.email,
        template="accounts/emails/invitation",
        language=language,
        context={
            "invitation": invitation,
            "url": absolute_url("accounts:invitation", language=language, token=secret),
        },
    )


@task()
def notify_platform_admins_of_application(*, organisation_id: int) -> None:
    from mimis.accounts.models import Membership, Organisation, OrganisationKind, Role

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return
    admins = Membership.objects.filter(
        role=Role.ADMIN, organisation__kind=OrganisationKind.REGION, user__is_active=True
    ).select_related("user")
    for membership in admins:
        admin = membership.user
        send_templated_email(
            to=admin.email,
            template="accounts/emails/organisation_application",
            language=admin.language,
            context={
                "organisation": organisation,
                "url": absolute_url("accounts:organisation_applications", language=admin.language),
            },
        )


@task()
def send_organisation_decision_email(*, organisation_id: int, reason: str) -> None:
    from mimis.accounts.models import Membership, Organisation, Role

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return
    for membership in Membership.objects.filter(organisation=organisation, role=Role.ADMIN).select_related(
        "user"
    ):
        admin = membership.user
        send_templated_email(
            to=admin.email,
            template="accounts/emails/organisation_decision",
            language=admin.language,
            context={
                "organisation": organisation,
                "reason": reason,
                "url": absolute_url(
                    "accounts:organisation_detail", language=admin.language, slug=organisation.slug
                ),
            },
        )
