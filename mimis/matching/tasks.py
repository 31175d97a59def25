"""Background tasks for matching: recomputing learners' verified skills."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_verified_skills_task(*, user_ids: list[int]) -> None:
    from mimis.accounts.models import User
    from mimis.matching.verified import refresh_learners

    refresh_learners(User.objects.filter(pk__in=user_ids))
