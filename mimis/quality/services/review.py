"""The reviewers' steps: assignment (by a coordinator or round robin), start, checklist, decision."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import ValidationFailed
from mimis.quality import selectors, tasks
from mimis.quality.errors import (
    AlreadyAssigned,
    ChecklistIncomplete,
    ConflictOfInterest,
    CriteriaNotMet,
    NotAllowedToAssign,
    NotAReviewer,
    RationaleRequired,
    ReviewNotOpen,
    TransitionNotAllowed,
    VersionChanged,
)
from mimis.quality.models import (
    OPEN_REVIEW_STATUSES,
    AssessmentResult,
    Criterion,
    CriterionAssessment,
    Decision,
    Outcome,
    Review,
    ReviewStatus,
)
from mimis.quality.services._common import (
    ELEMENTS,
    MAX_APPROVAL_DAYS,
    _active_reviews,
    _audit,
    _lock,
    _lock_review,
    _move,
    _on_commit,
    _require_coordinator,
    _require_reviewer,
    _require_status,
)

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
    *, version: MicroCredentialVersion, reviewer: User, acting_user: User, qa_body: Organisation | None = None
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
        content=selectors.reviewed_content(version),
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
