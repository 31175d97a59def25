"""What matching does when issuing or the wallet announce a change to someone's credentials.

Connected in ``MatchingConfig.ready``. Each handler finds the learner concerned and queues a refresh of
their verified skills after the transaction commits (see :mod:`mimis.matching.verified`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from mimis.accounts.models import User
from mimis.issuing.models import Credential
from mimis.issuing.signals import credential_state_changed, credentials_issued, credentials_replaced
from mimis.wallet.models import ExternalCredential, LearnerEmail, WalletEntry


def _queue_for_users(user_ids: Iterable[int]) -> None:
    from mimis.matching import tasks

    ids = sorted({pk for pk in user_ids if pk is not None})
    if ids:
        transaction.on_commit(lambda: tasks.refresh_verified_skills_task.enqueue(user_ids=ids))


#: Credentials per queued task (a batch of 20,000 awards becomes 40 tasks).
CHUNK = 500


def _queue_for_credentials(credentials: Iterable[Credential]) -> None:
    """Who holds the credentials is looked up by the task, after the commit: nothing is added to the
    issuing transaction but the callback."""
    from mimis.matching import tasks

    ids = [str(c.pk) for c in credentials]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        transaction.on_commit(lambda chunk=chunk: tasks.refresh_holders_task.enqueue(credential_ids=chunk))


def on_credentials_issued(*, credentials: list[Credential], **_: Any) -> None:
    _queue_for_credentials(credentials)


def on_credential_state_changed(*, credential: Credential, **_: Any) -> None:
    _queue_for_credentials([credential])


def on_credentials_replaced(*, pairs: list[tuple[Credential, Credential]], **_: Any) -> None:
    _queue_for_credentials([new for _old, new in pairs])


def on_wallet_entry_saved(*, instance: WalletEntry, **_: Any) -> None:
    _queue_for_users([instance.user_id])


def on_user_saved(*, instance: User, **_: Any) -> None:
    """A closed or erased account keeps no verified skills (they are derived personal data)."""
    if not instance.is_active:
        from mimis.matching.models import LearnerSkillState, VerifiedSkill

        VerifiedSkill.objects.filter(learner=instance).delete()
        LearnerSkillState.objects.filter(learner=instance).delete()
        _close_candidate_data(instance)


def _close_candidate_data(user: User) -> None:
    """A closed account's waiting contact requests end; an erased account (the wallet's "delete my account")
    also loses the searches that listed it, its contact requests (with the contact details it shared), its
    blocks, and its name on abuse reports (the report itself stays with the region, about the organisation)."""
    from mimis.matching.models import (
        AbuseReport,
        ContactRequest,
        ContactStatus,
        OrganisationBlock,
        SearchAppearance,
    )
    from mimis.wallet.personal_data import ERASED_DOMAIN

    ContactRequest.objects.filter(learner=user, status=ContactStatus.PENDING).update(
        status=ContactStatus.ENDED
    )
    if user.email.endswith(f"@{ERASED_DOMAIN}"):
        ContactRequest.objects.filter(learner=user).delete()
        SearchAppearance.objects.filter(learner=user).delete()
        OrganisationBlock.objects.filter(learner=user).delete()
        AbuseReport.objects.filter(learner=user).update(learner=None)


def on_learner_email_saved(*, instance: LearnerEmail, **_: Any) -> None:
    if instance.verified_at is not None:
        _queue_for_users([instance.user_id])


def on_external_credential_changed(*, instance: ExternalCredential, **_: Any) -> None:
    _queue_for_users([instance.user_id])


def connect() -> None:
    credentials_issued.connect(on_credentials_issued, sender=Credential, dispatch_uid="matching.issued")
    credential_state_changed.connect(
        on_credential_state_changed, sender=Credential, dispatch_uid="matching.state_changed"
    )
    credentials_replaced.connect(on_credentials_replaced, sender=Credential, dispatch_uid="matching.replaced")
    post_save.connect(on_wallet_entry_saved, sender=WalletEntry, dispatch_uid="matching.wallet_entry")
    post_delete.connect(
        on_wallet_entry_saved, sender=WalletEntry, dispatch_uid="matching.wallet_entry_deleted"
    )
    post_save.connect(on_user_saved, sender=User, dispatch_uid="matching.user_saved")
    post_save.connect(on_learner_email_saved, sender=LearnerEmail, dispatch_uid="matching.learner_email")
    post_save.connect(
        on_external_credential_changed, sender=ExternalCredential, dispatch_uid="matching.imported_saved"
    )
    post_delete.connect(
        on_external_credential_changed, sender=ExternalCredential, dispatch_uid="matching.imported_deleted"
    )
