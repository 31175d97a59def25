"""Background tasks for issuing: the learner's e-mail, and batches of many awards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django_tasks import task

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

    Who the holder is, which address it goes to and the single-use claim link in it belong to the wallet,
    which sits above issuing: issuing announces the e-mail (``mimis.issuing.signals.holder_email_due``) and
    the wallet sends it (``mimis.wallet.services.send_holder_email``).
    """
    from mimis.issuing.models import Credential
    from mimis.issuing.signals import holder_email_due

    if not holder_email_due.has_listeners(Credential):
        raise ImproperlyConfigured("No app sends holder e-mails: is mimis.wallet in INSTALLED_APPS?")
    holder_email_due.send(sender=Credential, credential=credential, template=template)


@task()
def run_issuing_batch(*, batch_id: str) -> None:
    """Work through a batch's rows that have no credential yet; safe to run again after a crash."""
    from mimis.issuing import batches

    batches.process_batch(batch_id=batch_id)
