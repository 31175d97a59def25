"""Background tasks for issuing: the learner's e-mail, and batches of many awards."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email


@task()
def send_credential_issued_email(*, credential_id: str) -> None:
    """Tell the learner a credential is waiting, in their language, with where to find it."""
    from mimis.accounts.models import User
    from mimis.issuing.models import Credential, CredentialState

    credential = (
        Credential.objects.select_related("organisation", "version")
        .filter(pk=credential_id, state=CredentialState.VALID)
        .first()
    )
    if credential is None:
        return
    holder = User.objects.filter(email=credential.recipient_email, is_active=True).first()
    language = holder.language if holder is not None else credential.recipient_language
    if language not in dict(settings.LANGUAGES):
        language = "sv"
    send_templated_email(
        to=credential.recipient_email,
        template="issuing/emails/credential_issued",
        language=language,
        context={
            "credential": credential,
            "has_account": holder is not None,
            "wallet_url": absolute_url("wallet:my_credentials", language=language),
            "register_url": absolute_url("accounts:register", language=language),
        },
    )


@task()
def run_issuing_batch(*, batch_id: str) -> None:
    """Work through a batch's rows that have no credential yet; safe to run again after a crash."""
    from mimis.issuing import batches

    batches.process_batch(batch_id=batch_id)
