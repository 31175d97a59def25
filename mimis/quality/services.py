"""The quality-assurance workflow: every step is one function that checks permission, then acts.

Each step runs in one transaction, writes one audit entry (actor, time, the SHA-256 of the version's
content) and queues its e-mails to go out after commit. A refused step raises a specific error and
changes nothing.

=====================  ===================================  =====================  ==========================
step                   from                                 to                     who
=====================  ===================================  =====================  ==========================
submit_version         draft                                submitted              provider editor/admin
assign_reviewer        submitted, in review                 (same)                 QA coordinator, region
                                                                                   admin; or automatically
                                                                                   (round robin) on submit
unassign_review        submitted, in review                 (same or submitted)    QA coordinator, region admin
start_review           submitted, in review                 in review              the assigned reviewer
record_assessments     in review                            (same)                 the assigned reviewer
request_changes        in review                            changes requested      the assigned reviewer
approve                in review                            approved (once every   the assigned reviewer
                                                            required reviewer
                                                            approved)
resubmit_version       changes requested                    submitted              provider editor/admin
publish_version        approved                             published (the         provider editor/admin
                                                            previous published
                                                            version: retired)
withdraw_version       submitted, in review, changes        withdrawn              provider editor/admin
                       requested, approved
retire_version         published                            retired                provider editor/admin,
                                                                                   region admin
send_review_by_notices published, review-by date near or    (same; a lapsed        the daily run
                       passed                               approval stops
                                                            issuing)
=====================  ===================================  =====================  ==========================

A reviewer never reviews a version of an organisation they belong to, nor one their organisation
co-designed (``ConflictOfInterest``, checked at assignment and again at every step). Versions from
SeQF level ``MIMIS_QA_SECOND_REVIEWER_FROM_LEVEL`` up need two approving reviewers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mimis.accounts.models import Membership, Organisation, OrganisationKind, User
from mimis.accounts.permissions import Capability, has_capability, is_platform_admin, roles_in
from mimis.audit.services import record
from mimis.catalog.errors import VersionIncomplete
from mimis.catalog.models import MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.catalog.services import EDITABLE_FIELDS, missing_elements
from mimis.errors import NotFound, ValidationFailed
from mimis.issuing import keys
from mimis.issuing.models import KeyAlgorithm
from mimis.quality import selectors, tasks
from mimis.quality.errors import (
    AlreadyAssigned,
    AlreadyEndorsed,
    ApprovalLapsed,
    ChecklistIncomplete,
    ConflictOfInterest,
    CriteriaNotMet,
    NotAllowedToAssign,
    NotAllowedToEndorse,
    NotAllowedToPublish,
    NotAllowedToPublishCriteria,
    NotAllowedToRetire,
    NotAllowedToSubmit,
    NotAllowedToWithdraw,
    NotAReviewer,
    NotAssignedReviewer,
    RationaleRequired,
    ReviewNotOpen,
    TransitionNotAllowed,
    VersionChanged,
)
from mimis.quality.models import (
    OPEN_REVIEW_STATUSES,
    AssessmentResult,
    CriteriaVersion,
    Criterion,
    CriterionAssessment,
    CriterionGroup,
    Decision,
    Endorsement,
    NoticeKind,
    Outcome,
    Review,
    ReviewByNotice,
    ReviewStatus,
)
from mimis.vc import credentials as vc
from mimis.vc.endorsements import build_endorsement

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
        for organisation in microcredential.co_designers.all()
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


# --- the provider's steps ---------------------------------------------------------------------------


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


# --- assigning reviewers ----------------------------------------------------------------------------


def _assign(
    version: MicroCredentialVersion, reviewer: User, qa_body: Organisation, assigned_by: User | None
) -> Review:
    taken = {r.position for r in _active_reviews(version)}
    position = next(p for p in range(1, len(taken) + 2) if p not in taken)
    now = timezone.now()
    review = Review.objects.create(
        version=version,
        qa_body=qa_body,
        reviewer=reviewer,
        position=position,
        assigned_by=assigned_by,
        assigned_at=now,
        due_at=now + timedelta(days=settings.MIMIS_QA_REVIEW_DAYS),
        criteria_version=selectors.current_criteria_version(),
    )
    _audit(
        "quality.reviewer_assigned",
        actor=assigned_by,
        actor_label=None if assigned_by else "automatic assignment (round robin)",
        version=version,
        organisation=qa_body,
        data={
            "review": review.pk,
            "reviewer": reviewer.email,
            "qa_body": qa_body.slug,
            "position": position,
            "due_at": review.due_at.isoformat(),
            "criteria_version": review.criteria_version.number,
        },
    )
    _on_commit(tasks.notify_reviewer, review_id=review.pk, reason="assigned")
    return review


def _auto_assign(version: MicroCredentialVersion) -> list[Review]:
    """Round robin: the eligible reviewers who have waited longest since their last assignment."""
    needed = selectors.required_reviewers(version) - len(_active_reviews(version))
    return [
        _assign(version, membership.user, membership.organisation, None)
        for membership in selectors.eligible_reviewers(version)[: max(needed, 0)]
    ]


@transaction.atomic
def assign_reviewer(
    *,
    version: MicroCredentialVersion,
    reviewer: User,
    acting_user: User,
    qa_body: Organisation | None = None,
) -> Review:
    """A coordinator gives a submitted version to one of their body's reviewers (region admins: any)."""
    version = _lock(version)
    bodies = _require_coordinator(acting_user, version)
    _require_status(version, VersionStatus.SUBMITTED, VersionStatus.IN_REVIEW)
    active = _active_reviews(version)
    if any(r.reviewer_id == reviewer.pk for r in active):
        raise AlreadyAssigned(_("%(name)s already reviews this version.") % {"name": reviewer.name})
    if len(active) >= selectors.required_reviewers(version):
        raise AlreadyAssigned()
    if selectors.has_conflict_of_interest(reviewer, version):
        raise ConflictOfInterest()
    memberships = selectors.designated_reviewers(qa_body=qa_body).filter(
        user=reviewer, organisation__in=bodies
    )
    membership = memberships.first()
    if membership is None:
        raise NotAReviewer()
    return _assign(version, reviewer, membership.organisation, acting_user)


@transaction.atomic
def unassign_review(*, review: Review, acting_user: User) -> Review:
    """Take an open review back from its reviewer (for example when it is overdue) to assign another."""
    review, version = _lock_review(review)
    bodies = _require_coordinator(acting_user, version)
    if review.qa_body not in bodies:
        raise NotAllowedToAssign()
    if review.status not in OPEN_REVIEW_STATUSES:
        raise ReviewNotOpen()
    review.status = ReviewStatus.CANCELLED
    review.save(update_fields=["status"])
    others = [r for r in _active_reviews(version) if r.pk != review.pk]
    data: dict[str, Any] = {"review": review.pk, "reviewer": review.reviewer.email}
    if version.status == VersionStatus.IN_REVIEW and not any(
        r.status != ReviewStatus.ASSIGNED for r in others
    ):
        data.update({"from": _move(version, VersionStatus.SUBMITTED), "to": version.status})
    _audit(
        "quality.reviewer_unassigned",
        actor=acting_user,
        version=version,
        organisation=review.qa_body,
        data=data,
    )
    return review


# --- the reviewer's steps ----------------------------------------------------------------------------


def _require_unchanged(review: Review, version: MicroCredentialVersion, expected_hash: str = "") -> str:
    """Refuse a step on content that differs from what the review started on (or what the page showed)."""
    current = selectors.content_hash(version)
    if current != review.content_hash or (expected_hash and expected_hash != review.content_hash):
        raise VersionChanged()
    return current


def _require_in_progress(review: Review, version: MicroCredentialVersion) -> None:
    if review.status != ReviewStatus.IN_PROGRESS:
        raise ReviewNotOpen()
    _require_status(version, VersionStatus.IN_REVIEW)


@transaction.atomic
def start_review(*, review: Review, acting_user: User) -> Review:
    """The reviewer starts: the content as it is now is what the decision will be about."""
    review, version = _lock_review(review)
    _require_reviewer(acting_user, review)
    if review.status != ReviewStatus.ASSIGNED:
        raise TransitionNotAllowed(_("This review has already started."))
    _require_status(version, VersionStatus.SUBMITTED, VersionStatus.IN_REVIEW)
    digest = selectors.content_hash(version)
    review.status = ReviewStatus.IN_PROGRESS
    review.started_at = timezone.now()
    review.content_hash = digest
    review.save(update_fields=["status", "started_at", "content_hash"])
    previous = version.status
    if version.status == VersionStatus.SUBMITTED:
        _move(version, VersionStatus.IN_REVIEW)
    _audit(
        "quality.review_started",
        actor=acting_user,
        version=version,
        organisation=review.qa_body,
        digest=digest,
        data={"from": previous, "to": version.status, "review": review.pk},
    )
    return review


def _clean_assessment(
    item: dict[str, Any], criteria: dict[str, Criterion]
) -> tuple[Criterion, str, str, str]:
    code = str(item.get("criterion") or "").strip()
    if code not in criteria:
        raise ValidationFailed(_("Unknown criterion: %(code)s.") % {"code": code or "–"}, field="criterion")
    result = str(item.get("result") or "")
    if result not in AssessmentResult.values:
        raise ValidationFailed(
            _("Choose met, not met or not applicable for “%(criterion)s”.")
            % {"criterion": criteria[code].label},
            field=f"{code}.result",
        )
    comment = str(item.get("comment") or "").strip()
    element = str(item.get("element") or "").strip()
    if element and element not in ELEMENTS:
        raise ValidationFailed(_("Unknown element."), field=f"{code}.element")
    if result == AssessmentResult.NOT_MET and not comment:
        raise ValidationFailed(
            _("Say what must change for “%(criterion)s”, which is not met.")
            % {"criterion": criteria[code].label},
            field=f"{code}.comment",
        )
    return criteria[code], result, comment, element


@transaction.atomic
def record_assessments(
    *, review: Review, acting_user: User, assessments: list[dict[str, Any]], expected_hash: str = ""
) -> list[CriterionAssessment]:
    """Save the checklist: each ``{"criterion": code, "result", "comment"?, "element"?}``."""
    review, version = _lock_review(review)
    _require_reviewer(acting_user, review)
    _require_in_progress(review, version)
    digest = _require_unchanged(review, version, expected_hash)
    criteria = {c.code: c for c in selectors.criteria_of(review.criteria_version)}
    cleaned = [_clean_assessment(item, criteria) for item in assessments]
    saved = []
    for criterion, result, comment, element in cleaned:
        assessment, _created = CriterionAssessment.objects.update_or_create(
            review=review,
            criterion=criterion,
            defaults={"result": result, "comment": comment, "element": element},
        )
        saved.append(assessment)
    _audit(
        "quality.assessed",
        actor=acting_user,
        version=version,
        organisation=review.qa_body,
        digest=digest,
        data={
            "review": review.pk,
            "assessments": {c.code: result for c, result, _comment, _element in cleaned},
        },
    )
    return saved


def _review_by(value: date | str | None) -> date:
    today = timezone.localdate()
    if value in (None, ""):
        return today + timedelta(days=settings.MIMIS_QA_APPROVAL_DAYS)
    parsed = value if isinstance(value, date) else parse_date(str(value))
    if parsed is None or not today < parsed <= today + timedelta(days=MAX_APPROVAL_DAYS):
        raise ValidationFailed(
            _("The review-by date must be a date after today and at most five years ahead."),
            field="review_by",
        )
    return parsed


def _decide(
    *,
    review: Review,
    acting_user: User,
    outcome: str,
    rationale: str,
    review_by: date | str | None = None,
    expected_hash: str = "",
) -> Decision:
    review, version = _lock_review(review)
    _require_reviewer(acting_user, review)
    _require_in_progress(review, version)
    rationale = (rationale or "").strip()
    if not rationale:
        raise RationaleRequired()
    digest = _require_unchanged(review, version, expected_hash)
    criteria = selectors.criteria_of(review.criteria_version)
    assessed = {a.criterion_id: a for a in review.assessments.select_related("criterion")}
    if outcome == Outcome.APPROVED:
        unassessed = [c for c in criteria if c.pk not in assessed]
        if unassessed:
            raise ChecklistIncomplete(
                _("Assess every criterion before deciding; “%(criterion)s” is not assessed yet.")
                % {"criterion": unassessed[0].label}
            )
        not_met = [c for c in criteria if assessed[c.pk].result == AssessmentResult.NOT_MET]
        if not_met:
            raise CriteriaNotMet(
                _("“%(criterion)s” is not met, so the micro-credential cannot be approved. Request changes.")
                % {"criterion": not_met[0].label}
            )
        until: date | None = _review_by(review_by)
    else:
        until = None
    snapshot = [
        {
            "criterion": c.code,
            "title": c.title,
            "title_en": c.title_en,
            "result": assessed[c.pk].result if c.pk in assessed else "",
            "comment": assessed[c.pk].comment if c.pk in assessed else "",
            "element": assessed[c.pk].element if c.pk in assessed else "",
        }
        for c in criteria
    ]
    decision = Decision.objects.create(
        review=review,
        version=version,
        qa_body=review.qa_body,
        decided_by=acting_user,
        outcome=outcome,
        rationale=rationale,
        decided_at=timezone.now(),
        criteria_version=review.criteria_version,
        content_hash=digest,
        review_by=until,
        assessments=snapshot,
    )
    review.status = ReviewStatus.DECIDED
    review.outcome = outcome
    review.save(update_fields=["status", "outcome"])
    previous = version.status
    if outcome == Outcome.CHANGES_REQUESTED:
        _move(version, VersionStatus.CHANGES_REQUESTED)
    else:
        active = _active_reviews(version)
        approved = [r for r in active if r.outcome == Outcome.APPROVED]
        if len(approved) >= selectors.required_reviewers(version) and len(approved) == len(active):
            dates = [
                r.decisions.filter(outcome=Outcome.APPROVED).order_by("-decided_at", "-pk").first().review_by
                for r in approved
            ]
            _move(version, VersionStatus.APPROVED, review_by=min(d for d in dates if d is not None))
    _audit(
        f"quality.{outcome}",
        actor=acting_user,
        version=version,
        organisation=review.qa_body,
        digest=digest,
        data={
            "from": previous,
            "to": version.status,
            "review": review.pk,
            "decision": decision.pk,
            "rationale": rationale,
            "criteria_version": review.criteria_version.number,
            "review_by": until.isoformat() if until else None,
            "not_met": [a["criterion"] for a in snapshot if a["result"] == AssessmentResult.NOT_MET],
        },
    )
    if version.status != previous:
        _on_commit(tasks.notify_provider_of_decision, decision_id=decision.pk)
    return decision


@transaction.atomic
def approve(
    *,
    review: Review,
    acting_user: User,
    rationale: str,
    review_by: date | str | None = None,
    expected_hash: str = "",
) -> Decision:
    """Approve: every criterion assessed and none not met; the approval lasts until ``review_by``."""
    return _decide(
        review=review,
        acting_user=acting_user,
        outcome=Outcome.APPROVED,
        rationale=rationale,
        review_by=review_by,
        expected_hash=expected_hash,
    )


@transaction.atomic
def request_changes(
    *, review: Review, acting_user: User, rationale: str, expected_hash: str = ""
) -> Decision:
    """Send the version back to the provider; the checklist's comments say what to change, and where."""
    return _decide(
        review=review,
        acting_user=acting_user,
        outcome=Outcome.CHANGES_REQUESTED,
        rationale=rationale,
        expected_hash=expected_hash,
    )


# --- criteria -------------------------------------------------------------------------------------


@transaction.atomic
def publish_criteria_version(
    *, acting_user: User, criteria: list[dict[str, Any]], notes: str = ""
) -> CriteriaVersion:
    """A new set of criteria for reviews assigned from now on; running reviews keep their version.

    Each criterion: ``{"code", "group", "title", "title_en"?, "guidance"?, "guidance_en"?}``.
    """
    if not is_platform_admin(acting_user):
        raise NotAllowedToPublishCriteria()
    if not criteria:
        raise ValidationFailed(_("Give at least one criterion."), field="criteria")
    cleaned, codes = [], set()
    for index, item in enumerate(criteria, start=1):
        code = slugify(str(item.get("code") or ""))
        title = str(item.get("title") or "").strip()
        group = str(item.get("group") or "")
        if not code or code in codes:
            raise ValidationFailed(
                _("Criterion %(n)d needs a code of its own.") % {"n": index}, field=f"criteria.{index}.code"
            )
        if not title:
            raise ValidationFailed(
                _("Criterion %(n)d needs a title.") % {"n": index}, field=f"criteria.{index}.title"
            )
        if group not in CriterionGroup.values:
            raise ValidationFailed(
                _("Choose the group of criterion %(n)d.") % {"n": index}, field=f"criteria.{index}.group"
            )
        codes.add(code)
        cleaned.append(
            {
                "code": code,
                "group": group,
                "title": title,
                "title_en": str(item.get("title_en") or "").strip(),
                "guidance": str(item.get("guidance") or "").strip(),
                "guidance_en": str(item.get("guidance_en") or "").strip(),
            }
        )
    number = (CriteriaVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
    criteria_version = CriteriaVersion.objects.create(
        number=number, notes=(notes or "").strip(), published_by=acting_user
    )
    Criterion.objects.bulk_create(
        [Criterion(criteria_version=criteria_version, position=i, **item) for i, item in enumerate(cleaned)]
    )
    record(
        "quality.criteria_published",
        actor=acting_user,
        target=criteria_version,
        data={"number": number, "criteria": [c["code"] for c in cleaned]},
    )
    return criteria_version


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


# --- endorsements -----------------------------------------------------------------------------------


def achievement_id(version: MicroCredentialVersion) -> str:
    """The IRI that names a version: the same ``Achievement.id`` its issued credentials carry."""
    return (
        settings.MIMIS_BASE_URL
        + reverse("catalog:detail", args=[version.microcredential.slug])
        + f"#v{version.number}"
    )


@transaction.atomic
def endorse_microcredential(
    *, microcredential: MicroCredential, organisation: Organisation, acting_user: User, comment: str
) -> Endorsement:
    """An employer, union or industry body vouches for the published version with a signed
    EndorsementCredential (Ed25519, eddsa-rdfc-2022), verifiable against its did:web document."""
    if not has_capability(acting_user, Capability.ENDORSE_MICROCREDENTIALS, organisation):
        raise NotAllowedToEndorse()
    if organisation.pk == microcredential.provider_id:
        raise NotAllowedToEndorse(_("A provider cannot endorse its own micro-credential."))
    version = (
        MicroCredentialVersion.objects.select_for_update()
        .select_related("microcredential__provider")
        .filter(microcredential=microcredential, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        raise TransitionNotAllowed(_("Only a published micro-credential can be endorsed."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("Say in a sentence or two why you endorse it."), field="comment")
    if Endorsement.objects.filter(version=version, organisation=organisation).exists():
        raise AlreadyEndorsed()
    keys.ensure_issuer_keys(organisation=organisation, acting_user=acting_user)
    private_key, method = keys.signing_key(organisation=organisation, algorithm=KeyAlgorithm.ED25519)
    endorsement_id = uuid.uuid4()
    document = build_endorsement(
        credential_id=f"urn:uuid:{endorsement_id}",
        issuer=vc.IssuerProfile(
            id=keys.issuer_did(organisation),
            name=organisation.name,
            url=organisation.website
            or settings.MIMIS_BASE_URL + reverse("accounts:organisation_detail", args=[organisation.slug]),
        ),
        subject_id=achievement_id(version),
        comment=comment,
        valid_from=timezone.now().replace(microsecond=0),
        name=_("%(organisation)s endorses %(title)s")
        % {"organisation": organisation.name, "title": version.title},
    )
    endorsement = Endorsement.objects.create(
        id=endorsement_id,
        microcredential=microcredential,
        version=version,
        organisation=organisation,
        endorsed_by=acting_user,
        comment=comment,
        document=vc.sign_credential(document, private_key, method),
    )
    _audit(
        "quality.endorsed",
        actor=acting_user,
        version=version,
        organisation=organisation,
        data={"endorsement": str(endorsement.pk), "organisation": organisation.slug},
    )
    _on_commit(tasks.notify_provider_of_endorsement, endorsement_id=str(endorsement.pk))
    return endorsement
