"""Background tasks of the wallet: e-mails. Secrets for links are minted at send time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email

if TYPE_CHECKING:
    from mimis.wallet.models import LearnerEmail

ADDRESS_SALT = "mimis.wallet.address-verification"


def make_address_token(learner_email: LearnerEmail) -> str:
    """The secret in the link that proves the learner reads a further address (checked by
    ``services.verify_address``)."""
    return signing.dumps(
        {"u": learner_email.user_id, "e": learner_email.email.lower()}, salt=ADDRESS_SALT, compress=True
    )


@task()
def send_address_verification_email(*, learner_email_id: int) -> None:
    """A link to the further address that proves the learner reads it."""
    from mimis.wallet.models import LearnerEmail

    extra = (
        LearnerEmail.objects.select_related("user")
        .filter(pk=learner_email_id, verified_at__isnull=True, user__is_active=True)
        .first()
    )
    if extra is None:
        return
    language = extra.user.language
    send_templated_email(
        to=extra.email,
        template="wallet/emails/verify_address",
        language=language,
        context={
            "user": extra.user,
            "address": extra.email,
            "url": absolute_url("wallet:verify_address", language=language, token=make_address_token(extra)),
        },
    )


@task()
def send_participant_welcome_email(*, user_id: int, organisation_id: int | None) -> None:
    """Tell a participant someone registered them, and let them choose a password."""
    from mimis.accounts.models import Organisation, User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    url = absolute_url(
        "accounts:password_reset_confirm",
        language=user.language,
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
    send_templated_email(
        to=user.email,
        template="wallet/emails/participant_welcome",
        language=user.language,
        context={
            "user": user,
            "organisation": organisation,
            "url": url,
            "reset_url": absolute_url("accounts:password_reset", language=user.language),
        },
    )
