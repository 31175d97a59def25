"""Background tasks for issuing: the learner's e-mail, and batches of many awards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django_tasks import task

from mimis.core.emails import absolute_url, send_templated_email

if TYPE_CHECKING:
    from mimis.issuing.models import Credential


@task()
def send_credential_issued_email(*, credential_id: str) -> None:
    """Tell the learner a credential is waiting, in their language, with a single-use link to collect it."""
    from mimis.issuing.models import Credential, CredentialState

    credential = (
        Credential.objects.select_related("organisation", "version")
        .filter(pk=credential_id, state=CredentialState.VALID)
        .first()
    )
    if credential is not None:
        send_holder_email(credential=credential, template="issuing/emails/credential_issued")


STATUS_EMAILS = {
    "revoked": "issuing/emails/credential_revoked",
    "suspended": "issuing/emails/credential_suspended",
    "valid": "issuing/emails/credential_reinstated",
}


@task()
def send_credential_status_email(*, credential_id: str, state: str) -> None:
    """Tell the holder their credential was revoked, suspended or reinstated, with the issuer's reason.

    Sent only if the credential is still in that state when the task runs (a suspension lifted a moment
    later sends the "reinstated" e-mail, not a stale "suspended" one), and never for a credential erased at
    the holder's request (it has no address left)."""
    from mimis.issuing.models import Credential

    credential = (
        Credential.objects.select_related("organisation", "version")
        .filter(pk=credential_id, state=state)
        .exclude(document__isnull=True, token="")
        .first()
    )
    template = STATUS_EMAILS.get(state)
    if credential is not None and template:
        send_holder_email(credential=credential, template=template)


def send_holder_email(*, credential: Credential, template: str) -> None:
    """An e-mail about a credential to its holder, in their language: the "issued" one, and the "replaced"
    one after a key compromise.

    The holder is whoever collected the credential into their wallet, else the account its address
    belongs to (counting verified further addresses), else nobody yet. A valid credential that is not in
    a wallet gets a single-use claim link, minted here at send time
    (``mimis.wallet.services.mint_claim_link``) so the secret never sits in the task queue; sending again
    makes the earlier link stop working. One in a wallet gets none: the e-mail points to the wallet, and
    goes to the holder's own address (the one it was issued to may no longer be theirs).
    """
    from mimis.issuing.models import CredentialState
    from mimis.wallet.models import CLAIM_LINK_VALID_DAYS, WalletEntry
    from mimis.wallet.selectors import holder_of
    from mimis.wallet.services import mint_claim_link

    holder = holder_of(credential)
    in_wallet = holder is not None and WalletEntry.objects.filter(credential=credential).exists()
    language = holder.language if holder is not None else credential.recipient_language
    if language not in dict(settings.LANGUAGES):
        language = "sv"
    secret = mint_claim_link(credential=credential) if credential.state == CredentialState.VALID else None
    send_templated_email(
        to=holder.email if in_wallet else credential.recipient_email,
        template=template,
        language=language,
        context={
            "credential": credential,
            "has_account": holder is not None,
            "in_wallet": in_wallet,
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
