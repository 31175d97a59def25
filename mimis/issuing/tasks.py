"""Background tasks for issuing: the learner's e-mail, and batches of many awards."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email


@task()
def send_credential_issued_email(*, credential_id: str) -> None:
    """Tell the learner a credential is waiting, in their language, with a single-use link to collect it.

    The claim link's secret is minted here, at send time (``mimis.wallet.services.mint_claim_link``), so
    it never sits in the task queue; sending again makes the earlier link stop working.
    """
    from mimis.issuing.models import Credential, CredentialState
    from mimis.wallet.models import CLAIM_LINK_VALID_DAYS
    from mimis.wallet.selectors import account_for_address
    from mimis.wallet.services import mint_claim_link

    credential = (
        Credential.objects.select_related("organisation", "version")
        .filter(pk=credential_id, state=CredentialState.VALID)
        .first()
    )
    if credential is None:
        return
    holder = account_for_address(credential.recipient_email)
    language = holder.language if holder is not None else credential.recipient_language
    if language not in dict(settings.LANGUAGES):
        language = "sv"
    secret = mint_claim_link(credential=credential)
    send_templated_email(
        to=credential.recipient_email,
        template="issuing/emails/credential_issued",
        language=language,
        context={
            "credential": credential,
            "has_account": holder is not None,
            "claim_url": absolute_url("wallet:claim", language=language, token=secret) if secret else "",
            "claim_days": CLAIM_LINK_VALID_DAYS,
            "wallet_url": absolute_url("wallet:my_credentials", language=language),
            "register_url": absolute_url("accounts:register", language=language),
        },
    )


@task()
def run_issuing_batch(*, batch_id: str) -> None:
    """Work through a batch's rows that have no credential yet; safe to run again after a crash."""
    from mimis.issuing import batches

    batches.process_batch(batch_id=batch_id)
