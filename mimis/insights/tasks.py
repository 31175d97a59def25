"""The durable background task that rebuilds the rollups (queued nightly, and by ``mimis insights refresh
--queue``). It lives in the database queue, so a worker that restarts picks it up again."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_rollups() -> None:
    from mimis.insights import rollups

    rollups.refresh_all()


@task()
def read_job_ad_skills(*, import_id: int) -> None:
    """Read the skills in the ads of one import (cached per ad; safe to run again)."""
    from mimis.insights import services

    services.read_job_ad_skills(import_id=import_id)


@task()
def refresh_versions(*, version_ids: list[int]) -> None:
    """Recompute the rollups of these versions after an issue, revocation, suspension or re-issue."""
    from mimis.insights import rollups

    rollups.refresh_versions(version_ids)
