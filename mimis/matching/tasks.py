"""Background tasks for matching: recomputing learners' verified skills."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_verified_skills_task(*, user_ids: list[int]) -> None:
    from mimis.accounts.models import User
    from mimis.matching.verified import refresh_learners

    refresh_learners(User.objects.filter(pk__in=user_ids))


@task()
def refresh_holders_task(*, credential_ids: list[str]) -> None:
    """Recompute the verified skills of whoever holds these credentials (issued, revoked, suspended,
    reinstated or replaced a moment ago)."""
    from mimis.issuing.models import Credential
    from mimis.matching.verified import refresh_learners
    from mimis.wallet.selectors import holder_of

    holders = {}
    for credential in Credential.objects.filter(pk__in=credential_ids):
        holder = holder_of(credential)
        if holder is not None:
            holders[holder.pk] = holder
    refresh_learners(holders.values())
