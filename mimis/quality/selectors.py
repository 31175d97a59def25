"""Reading quality assurance: criteria, reviewers' queues, what coordinators must assign, QA records."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet

from mimis.accounts.models import Membership, Organisation, OrganisationKind, OrganisationStatus, Role, User
from mimis.accounts.permissions import Capability, has_capability, is_platform_admin
from mimis.catalog.models import CoDesigner, CoDesignerStatus, MicroCredentialVersion, VersionStatus
from mimis.catalog.selectors import version_content
from mimis.errors import NotFound
from mimis.quality import changes
from mimis.quality.criteria_v1 import load_criteria_version_1
from mimis.quality.models import (
    OPEN_REVIEW_STATUSES,
    CriteriaVersion,
    Criterion,
    Decision,
    Endorsement,
    Outcome,
    Review,
    ReviewStatus,
)


def _fresh_content(version: MicroCredentialVersion) -> dict:
    fresh = MicroCredentialVersion.objects.prefetch_related(
        "sectors", "occupations", "learning_outcomes__skills"
    ).get(pk=version.pk)
    return version_content(fresh)


def content_hash(version: MicroCredentialVersion) -> str:
    """SHA-256 of the version's content as stored now (read afresh, never from a stale prefetch)."""
    canonical = json.dumps(_fresh_content(version), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def reviewed_content(version: MicroCredentialVersion) -> dict:
    """What a reviewer decides on: the content the hash is computed from, plus the co-designers
    (part of the micro-credential, and locked while a version is in review)."""
    return {
        **_fresh_content(version),
        changes.CO_DESIGNERS: sorted(
            version.microcredential.accepted_co_designers.values_list("slug", flat=True)
        ),
    }


@dataclass(frozen=True)
class ChangesSince:
    decision: Decision | None  # the decision compared with; None: nothing to compare with
    elements: list[changes.ElementChange]

    @property
    def changed(self) -> list[changes.ElementChange]:
        return [e for e in self.elements if e.changed]

    @property
    def unchanged(self) -> list[changes.ElementChange]:
        return [e for e in self.elements if not e.changed]


def last_decision_for(review: Review) -> Decision | None:
    """The decision a review's content is compared with: the latest one on the version that kept its
    content (after requested changes), else the latest approval of an earlier version."""
    version = review.version
    decisions = Decision.objects.exclude(content={}).select_related("decided_by", "qa_body", "version")
    latest = decisions.filter(version=version).order_by("-decided_at", "-pk").first()
    if latest is None:
        latest = (
            decisions.filter(
                version__microcredential_id=version.microcredential_id,
                version__number__lt=version.number,
                outcome=Outcome.APPROVED,
            )
            .order_by("-version__number", "-decided_at", "-pk")
            .first()
        )
    return latest


def changes_since_last_decision(review: Review) -> ChangesSince:
    """Element by element, what changed in the reviewed content since the last decision (changed first)."""
    decision = last_decision_for(review)
    if decision is None:
        return ChangesSince(decision=None, elements=[])
    return ChangesSince(
        decision=decision, elements=changes.compare(decision.content, reviewed_content(review.version))
    )


# --- criteria -------------------------------------------------------------------------------------


def current_criteria_version() -> CriteriaVersion:
    """The newest criteria version (version 1 ships with MIMIS: loaded again if the table is empty)."""
    version = CriteriaVersion.objects.order_by("-number").first()
    if version is None:
        load_criteria_version_1(CriteriaVersion, Criterion)
        version = CriteriaVersion.objects.get(number=1)
    return version


def criteria_versions() -> QuerySet[CriteriaVersion]:
    current_criteria_version()
    return CriteriaVersion.objects.prefetch_related("criteria").order_by("-number")


def criteria_of(criteria_version: CriteriaVersion) -> list[Criterion]:
    return list(criteria_version.criteria.order_by("position", "pk"))


# --- who reviews ------------------------------------------------------------------------------------


def required_reviewers(version: MicroCredentialVersion) -> int:
    """One reviewer; two from the configured SeQF level up (0 turns the second reviewer off)."""
    threshold = settings.MIMIS_QA_SECOND_REVIEWER_FROM_LEVEL
    return 2 if threshold and version.seqf_level is not None and version.seqf_level >= threshold else 1


def conflicted_organisation_ids(version: MicroCredentialVersion) -> set[int]:
    """The provider and every co-designing organisation: their members may not review the version.

    An organisation invited to co-design counts already (it may accept while the version is edited, and it
    has seen the draft); one that declined, or whose invitation was withdrawn, does not.
    """
    microcredential = version.microcredential
    codesigners = CoDesigner.objects.filter(
        microcredential_id=microcredential.pk,
        status__in=[CoDesignerStatus.INVITED, CoDesignerStatus.ACCEPTED],
    ).values_list("organisation_id", flat=True)
    return {microcredential.provider_id, *codesigners}


def has_conflict_of_interest(user: User, version: MicroCredentialVersion) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id__in=conflicted_organisation_ids(version)
    ).exists()


def designated_reviewers(*, qa_body: Organisation | None = None) -> QuerySet[Membership]:
    """Reviewer memberships of approved quality-assurance bodies (those the region has designated)."""
    memberships = Membership.objects.filter(
        role=Role.REVIEWER,
        organisation__kind=OrganisationKind.QA_BODY,
        organisation__status=OrganisationStatus.APPROVED,
        user__is_active=True,
    ).select_related("user", "organisation")
    if qa_body is not None:
        memberships = memberships.filter(organisation=qa_body)
    return memberships.order_by("organisation__name", "user__name", "pk")


def eligible_reviewers(
    version: MicroCredentialVersion, *, qa_body: Organisation | None = None
) -> list[Membership]:
    """Designated reviewers without a conflict of interest who do not already review this version,
    the one longest without an assignment first (the round robin's order)."""
    conflicted = conflicted_organisation_ids(version)
    blocked_users = set(
        Membership.objects.filter(organisation_id__in=conflicted).values_list("user_id", flat=True)
    )
    blocked_users |= set(
        Review.objects.filter(version=version)
        .exclude(status=ReviewStatus.CANCELLED)
        .values_list("reviewer_id", flat=True)
    )
    last_assigned = dict(
        Review.objects.values("reviewer_id")
        .annotate(last=Max("assigned_at"))
        .values_list("reviewer_id", "last")
    )
    seen, candidates = set(), []
    for membership in designated_reviewers(qa_body=qa_body):
        if membership.user_id in blocked_users or membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        candidates.append(membership)
    never = datetime.min.replace(tzinfo=UTC)
    return sorted(candidates, key=lambda m: (last_assigned.get(m.user_id) or never, m.user_id))


def coordinated_bodies(user: User) -> list[Organisation]:
    """The quality-assurance bodies whose reviews ``user`` coordinates (every one, for region admins)."""
    bodies = Organisation.objects.filter(kind=OrganisationKind.QA_BODY, status=OrganisationStatus.APPROVED)
    if is_platform_admin(user):
        return list(bodies)
    return [
        body
        for body in bodies.filter(memberships__user=user).distinct()
        if has_capability(user, Capability.COORDINATE_REVIEWS, body)
    ]


# --- queues -------------------------------------------------------------------------------------------


def _reviews() -> QuerySet[Review]:
    return Review.objects.select_related(
        "version__microcredential__provider", "qa_body", "reviewer", "criteria_version"
    )


def review_queue(*, reviewer: User) -> QuerySet[Review]:
    """The reviewer's open reviews, the one due first at the top."""
    return _reviews().filter(reviewer=reviewer, status__in=OPEN_REVIEW_STATUSES).order_by("due_at", "pk")


def recent_reviews(*, reviewer: User, limit: int = 20) -> QuerySet[Review]:
    return _reviews().filter(reviewer=reviewer, status=ReviewStatus.DECIDED).order_by("-pk")[:limit]


def body_reviews(*, qa_bodies: list[Organisation]) -> QuerySet[Review]:
    """Open reviews of the given bodies, for their coordinators."""
    return _reviews().filter(qa_body__in=qa_bodies, status__in=OPEN_REVIEW_STATUSES).order_by("due_at", "pk")


def awaiting_assignment() -> list[MicroCredentialVersion]:
    """Versions in review that still lack a reviewer (or their second reviewer)."""
    versions = (
        MicroCredentialVersion.objects.filter(status__in=[VersionStatus.SUBMITTED, VersionStatus.IN_REVIEW])
        .select_related("microcredential__provider")
        .annotate(active_reviews=Count("reviews", filter=~Q(reviews__status=ReviewStatus.CANCELLED)))
        .order_by("updated_at", "pk")
    )
    return [v for v in versions if v.active_reviews < required_reviewers(v)]


def review_for(*, review_id: int, user: User) -> Review:
    """A review as its reviewer, a coordinator of its body or a region admin sees it; 404 for others."""
    review = _reviews().filter(pk=review_id).first()
    if review is None:
        raise NotFound()
    if review.reviewer_id == user.pk or review.qa_body in coordinated_bodies(user):
        return review
    raise NotFound()


def open_reviews_of(version: MicroCredentialVersion) -> QuerySet[Review]:
    return _reviews().filter(version=version).exclude(status=ReviewStatus.CANCELLED).order_by("position")


def decisions_of(version: MicroCredentialVersion) -> QuerySet[Decision]:
    return Decision.objects.filter(version=version).select_related(
        "qa_body", "decided_by", "criteria_version"
    )


def requested_changes(version: MicroCredentialVersion) -> list[dict]:
    """The latest request for changes on the version: each criterion not met with its comment and element."""
    decision = decisions_of(version).filter(outcome=Outcome.CHANGES_REQUESTED).first()
    if decision is None:
        return []
    return [a for a in decision.assessments if a.get("comment") or a.get("result") == "not_met"]


# --- the public record ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QaRecord:
    qa_body: Organisation
    decided_at: datetime
    criteria_version: int
    outcome: str
    review_by: date | None
    lapsed: bool
    reviewers: int


def qa_record(version: MicroCredentialVersion) -> QaRecord | None:
    """Who approved the version, when, against which criteria, and until when (None before approval)."""
    if version.status not in {VersionStatus.APPROVED, VersionStatus.PUBLISHED, VersionStatus.RETIRED}:
        return None
    approvals = [d for d in decisions_of(version) if d.outcome == Outcome.APPROVED]
    if not approvals:
        return None
    latest = approvals[0]
    return QaRecord(
        qa_body=latest.qa_body,
        decided_at=latest.decided_at,
        criteria_version=latest.criteria_version.number,
        outcome=latest.outcome,
        review_by=version.review_by,
        lapsed=version.qa_lapsed,
        reviewers=len({d.review_id for d in approvals}),
    )


def endorsements_of(*, microcredential_id: int) -> QuerySet[Endorsement]:
    """Endorsements of the micro-credential's published version, newest first."""
    return Endorsement.objects.filter(
        microcredential_id=microcredential_id, version__status=VersionStatus.PUBLISHED
    ).select_related("organisation", "version", "microcredential")


def endorsement(*, endorsement_id: str, slug: str) -> Endorsement:
    found = (
        Endorsement.objects.filter(pk=endorsement_id, microcredential__slug=slug)
        .select_related("organisation", "version", "microcredential")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def possible_endorsers(
    *, user: User, version: MicroCredentialVersion, endorsed: set[int]
) -> list[Organisation]:
    """The user's organisations that may endorse the version and have not yet (never its provider)."""
    if not user.is_authenticated:
        return []
    organisations = Organisation.objects.filter(
        memberships__user=user, status=OrganisationStatus.APPROVED
    ).distinct()
    return [
        o
        for o in organisations.order_by("name")
        if o.pk not in endorsed
        and o.pk != version.microcredential.provider_id
        and has_capability(user, Capability.ENDORSE_MICROCREDENTIALS, o)
    ]
