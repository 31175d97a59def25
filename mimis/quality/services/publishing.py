"""Publishing an approved version, retiring a published one, and review-by dates that lapse."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mimis.accounts.models import User
from mimis.accounts.permissions import is_platform_admin
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.quality import tasks
from mimis.quality.errors import ApprovalLapsed, NotAllowedToPublish, NotAllowedToRetire
from mimis.quality.models import NoticeKind, ReviewByNotice
from mimis.quality.services._common import (
    _audit,
    _lock,
    _move,
    _on_commit,
    _require_provider_author,
    _require_status,
)


@transaction.atomic
def publish_version(*, version: MicroCredentialVersion, acting_user: User) -> MicroCredentialVersion:
    """Publish an approved version; the version published before it is retired (its credentials stay valid)."""
    version = _lock(version)
    _require_provider_author(acting_user, version.microcredential, NotAllowedToPublish)
    _require_status(version, VersionStatus.APPROVED)
    if version.qa_lapsed:
        raise ApprovalLapsed()
    retired = list(
        MicroCredentialVersion.objects.filter(
            microcredential=version.microcredential, status=VersionStatus.PUBLISHED
        ).values_list("number", flat=True)
    )
    MicroCredentialVersion.objects.filter(
        microcredential=version.microcredential, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.RETIRED)
    previous = _move(version, VersionStatus.PUBLISHED, published_at=timezone.now(), published_by=acting_user)
    _audit(
        "microcredential.published",
        actor=acting_user,
        version=version,
        data={
            "from": previous,
            "to": version.status,
            "slug": version.microcredential.slug,
            "retired": retired,
        },
    )
    return version


@transaction.atomic
def retire_version(
    *, version: MicroCredentialVersion, acting_user: User, reason: str = ""
) -> MicroCredentialVersion:
    """Take a published version out of the catalogue; credentials already issued stay valid."""
    version = _lock(version)
    if not is_platform_admin(acting_user):
        _require_provider_author(acting_user, version.microcredential, NotAllowedToRetire)
    _require_status(version, VersionStatus.PUBLISHED)
    previous = _move(version, VersionStatus.RETIRED)
    _audit(
        "microcredential.retired",
        actor=acting_user,
        version=version,
        data={"from": previous, "to": version.status, "reason": reason.strip()},
    )
    return version


# --- review-by dates ---------------------------------------------------------------------------------


def send_review_by_notices(*, today: date | None = None) -> tuple[int, int]:
    """The daily run: remind providers before a review-by date, and record approvals that lapsed.

    A lapsed version stays in the catalogue marked as such, and cannot be issued (see
    ``MicroCredentialVersion.is_issuable``) until a new version is approved. Returns (reminded, lapsed).
    """
    today = today or timezone.localdate()
    reminded = lapsed = 0
    published = MicroCredentialVersion.objects.filter(
        status=VersionStatus.PUBLISHED, review_by__isnull=False
    ).select_related("microcredential__provider")
    soon = published.filter(
        review_by__gte=today, review_by__lte=today + timedelta(days=settings.MIMIS_QA_REMINDER_DAYS)
    )
    for version in soon:
        reminded += _notice(version, NoticeKind.REMINDER)
    for version in published.filter(review_by__lt=today):
        lapsed += _notice(version, NoticeKind.LAPSED)
    return reminded, lapsed


@transaction.atomic
def _notice(version: MicroCredentialVersion, kind: str) -> int:
    _notice_row, created = ReviewByNotice.objects.get_or_create(
        version=version, kind=kind, review_by=version.review_by
    )
    if not created:
        return 0
    _audit(
        "quality.lapsed" if kind == NoticeKind.LAPSED else "quality.review_by_reminder",
        actor=None,
        actor_label="mimis quality notices",
        version=version,
        data={"review_by": version.review_by.isoformat()},
    )
    _on_commit(tasks.notify_provider_of_review_by, version_id=version.pk, kind=kind)
    return 1
