"""What every step of the quality-assurance workflow shares: locking, audit entries, permission checks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mimis.accounts.models import Membership, Organisation, OrganisationKind, User
from mimis.accounts.permissions import Capability, has_capability, roles_in
from mimis.audit.services import record
from mimis.catalog.errors import VersionIncomplete
from mimis.catalog.models import MicroCredential, MicroCredentialVersion
from mimis.catalog.services import EDITABLE_FIELDS, missing_elements
from mimis.errors import NotFound
from mimis.quality import selectors
from mimis.quality.errors import (
    ConflictOfInterest,
    NotAllowedToAssign,
    NotAssignedReviewer,
    TransitionNotAllowed,
)
from mimis.quality.models import Review, ReviewStatus

ELEMENTS = (*EDITABLE_FIELDS, "learning_outcomes")
MAX_APPROVAL_DAYS = 5 * 366


_NOTIFY: ContextVar[bool] = ContextVar("mimis_quality_notify", default=True)


@contextmanager
def without_notifications() -> Iterator[None]:
    """Record history without e-mailing anyone (``mimis demo`` loads its reviews this way)."""
    token = _NOTIFY.set(False)
    try:
        yield
    finally:
        _NOTIFY.reset(token)


def _on_commit(func, /, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
    if _NOTIFY.get():
        transaction.on_commit(partial(func.enqueue, **kwargs))


def _lock(version: MicroCredentialVersion) -> MicroCredentialVersion:
    return (
        MicroCredentialVersion.objects.select_for_update()
        .select_related("microcredential__provider")
        .get(pk=version.pk)
    )


def _lock_review(review: Review) -> tuple[Review, MicroCredentialVersion]:
    version = _lock(review.version)
    locked = (
        Review.objects.select_for_update()
        .select_related("qa_body", "reviewer", "criteria_version")
        .get(pk=review.pk)
    )
    locked.version = version
    return locked, version


def _audit(
    action: str,
    *,
    actor: User | None,
    version: MicroCredentialVersion,
    organisation: Organisation | None = None,
    data: dict[str, Any] | None = None,
    actor_label: str | None = None,
    digest: str | None = None,
) -> None:
    record(
        action,
        actor=actor,
        organisation=organisation or version.microcredential.provider,
        target=version,
        actor_label=actor_label,
        data={
            "microcredential": version.microcredential.slug,
            "version": version.number,
            "content_hash": digest or selectors.content_hash(version),
            **(data or {}),
        },
    )


def _move(version: MicroCredentialVersion, to: str, **fields: Any) -> str:
    """Set the version's status (and any other fields given); return the status it had."""
    previous = version.status
    version.status = to
    for name, value in fields.items():
        setattr(version, name, value)
    version.save(update_fields=["status", "updated_at", *fields])
    return previous


def _require_status(version: MicroCredentialVersion, *allowed: str) -> None:
    if version.status not in allowed:
        raise TransitionNotAllowed(
            _("That step is not possible while the micro-credential is “%(status)s”.")
            % {"status": version.get_status_display().lower()}
        )


def _is_codesigning_author(user: User, microcredential: MicroCredential) -> bool:
    return any(
        has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, organisation)
        for organisation in microcredential.accepted_co_designers
    )


def _require_provider_author(user: User, microcredential: MicroCredential, error: type[Exception]) -> None:
    """The provider's editors and admins pass; members and co-designers get ``error``; others 404."""
    provider = microcredential.provider
    if has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, provider):
        return
    if roles_in(user, provider) or _is_codesigning_author(user, microcredential):
        raise error()
    raise NotFound()


def _require_reviewer(user: User, review: Review) -> None:
    """Only the assigned reviewer, still a reviewer of the body, without a conflict of interest."""
    if review.reviewer_id != user.pk:
        if roles_in(user, review.qa_body):
            raise NotAssignedReviewer()
        raise NotFound()
    if not has_capability(user, Capability.REVIEW_MICROCREDENTIALS, review.qa_body):
        raise NotAssignedReviewer()
    if selectors.has_conflict_of_interest(user, review.version):
        raise ConflictOfInterest()


def _require_coordinator(user: User, version: MicroCredentialVersion) -> list[Organisation]:
    bodies = selectors.coordinated_bodies(user)
    if bodies:
        return bodies
    in_qa_body = Membership.objects.filter(user=user, organisation__kind=OrganisationKind.QA_BODY).exists()
    if in_qa_body or _can_read(user, version):
        raise NotAllowedToAssign()
    raise NotFound()


def _can_read(user: User, version: MicroCredentialVersion) -> bool:
    microcredential = version.microcredential
    return bool(roles_in(user, microcredential.provider)) or _is_codesigning_author(user, microcredential)


def _require_complete(version: MicroCredentialVersion) -> None:
    missing = missing_elements(version)
    if missing:
        raise VersionIncomplete(missing)


def _active_reviews(version: MicroCredentialVersion) -> list[Review]:
    return list(
        Review.objects.select_for_update()
        .filter(version=version)
        .exclude(status=ReviewStatus.CANCELLED)
        .order_by("position")
    )
