"""The provider's steps: submit a draft, resubmit after requested changes, withdraw from review."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mimis.accounts.models import User
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.quality import tasks
from mimis.quality.errors import NotAllowedToSubmit, NotAllowedToWithdraw
from mimis.quality.models import OPEN_REVIEW_STATUSES, Review, ReviewStatus
from mimis.quality.services._common import (
    _active_reviews,
    _audit,
    _lock,
    _move,
    _on_commit,
    _require_complete,
    _require_provider_author,
    _require_status,
)
from mimis.quality.services.review import _auto_assign


@transaction.atomic
def submit_version(
    *, version: MicroCredentialVersion, acting_user: User, auto_assign: bool | None = None
) -> MicroCredentialVersion:
    """Send a complete draft for review. Reviewers are chosen at once (round robin) when ``auto_assign``
    is true, by default when ``MIMIS_QA_AUTO_ASSIGN`` is on; otherwise a coordinator assigns them."""
    version = _lock(version)
    _require_provider_author(acting_user, version.microcredential, NotAllowedToSubmit)
    _require_status(version, VersionStatus.DRAFT)
    _require_complete(version)
    previous = _move(version, VersionStatus.SUBMITTED)
    _audit(
        "microcredential.submitted",
        actor=acting_user,
        version=version,
        data={"from": previous, "to": version.status},
    )
    if settings.MIMIS_QA_AUTO_ASSIGN if auto_assign is None else auto_assign:
        _auto_assign(version)
    return version


@transaction.atomic
def resubmit_version(*, version: MicroCredentialVersion, acting_user: User) -> MicroCredentialVersion:
    """After requested changes: the same reviewers review the changed content again."""
    version = _lock(version)
    _require_provider_author(acting_user, version.microcredential, NotAllowedToSubmit)
    _require_status(version, VersionStatus.CHANGES_REQUESTED)
    _require_complete(version)
    previous = _move(version, VersionStatus.SUBMITTED)
    now = timezone.now()
    reviews = _active_reviews(version)
    for review in reviews:
        review.status = ReviewStatus.ASSIGNED
        review.outcome = ""
        review.started_at = None
        review.content_hash = ""
        review.due_at = now + timedelta(days=settings.MIMIS_QA_REVIEW_DAYS)
        review.save(update_fields=["status", "outcome", "started_at", "content_hash", "due_at"])
        _on_commit(tasks.notify_reviewer, review_id=review.pk, reason="resubmitted")
    _audit(
        "microcredential.resubmitted",
        actor=acting_user,
        version=version,
        data={"from": previous, "to": version.status, "reviews": [r.pk for r in reviews]},
    )
    if settings.MIMIS_QA_AUTO_ASSIGN:
        _auto_assign(version)
    return version


@transaction.atomic
def withdraw_version(
    *, version: MicroCredentialVersion, acting_user: User, reason: str = ""
) -> MicroCredentialVersion:
    """The provider takes a version back from review (or after approval); open reviews are cancelled."""
    version = _lock(version)
    _require_provider_author(acting_user, version.microcredential, NotAllowedToWithdraw)
    _require_status(
        version,
        VersionStatus.SUBMITTED,
        VersionStatus.IN_REVIEW,
        VersionStatus.CHANGES_REQUESTED,
        VersionStatus.APPROVED,
    )
    cancelled = [r.pk for r in _active_reviews(version) if r.status in OPEN_REVIEW_STATUSES]
    Review.objects.filter(pk__in=cancelled).update(status=ReviewStatus.CANCELLED)
    previous = _move(version, VersionStatus.WITHDRAWN)
    _audit(
        "microcredential.withdrawn",
        actor=acting_user,
        version=version,
        data={
            "from": previous,
            "to": version.status,
            "reason": reason.strip(),
            "cancelled_reviews": cancelled,
        },
    )
    return version
