"""REST endpoints of quality assurance: criteria, the reviewer's queue, assignments, checklists and
decisions (/api/v1/quality/...), and the provider's workflow steps and the public QA record
(/api/v1/microcredentials/{id}/...)."""
# No "from __future__ import annotations": django-ninja reads these annotations at run time.

from datetime import date, datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from mimis.accounts.models import Organisation, User
from mimis.accounts.scopes import ADMIN, READ, REVIEW, WRITE
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.catalog import selectors as catalog_selectors
from mimis.catalog.api import MicroCredentialOut, QaRecordOut, qa_record_out, version_out
from mimis.catalog.models import IN_PROGRESS_STATUSES, MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.catalog.services import require_author
from mimis.errors import NotFound, ValidationFailed
from mimis.quality import selectors, services
from mimis.quality.errors import NotAllowedToAssign, NotAReviewer
from mimis.quality.models import CriteriaVersion, Decision, Endorsement, Review

router = Router(tags=["quality assurance"])
microcredential_router = Router(tags=["quality assurance"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- schemas ----------------------------------------------------------------------------------------


class CriterionOut(Schema):
    code: str
    group: str
    title: str
    title_en: str
    guidance: str
    guidance_en: str


class CriteriaVersionOut(Schema):
    number: int
    notes: str
    published_at: datetime
    criteria: list[CriterionOut]


class CriterionIn(Schema):
    code: str
    group: str = Field(description="eu_principle or design_factor")
    title: str
    title_en: str = ""
    guidance: str = ""
    guidance_en: str = ""


class CriteriaVersionIn(Schema):
    notes: str = ""
    criteria: list[CriterionIn]


class AssessmentOut(Schema):
    criterion: str
    result: str
    comment: str
    element: str


class AssessmentIn(Schema):
    criterion: str = Field(description="The criterion's code, such as eu-transparency")
    result: str = Field(description="met, not_met or not_applicable")
    comment: str = ""
    element: str = Field("", description="The element the comment is about, such as summary")


class ReviewOut(Schema):
    id: int
    microcredential_id: int
    slug: str
    version: int
    title: str
    provider: str
    version_status: str
    qa_body: str
    reviewer: str
    position: int
    status: str
    outcome: str
    assigned_at: datetime
    due_at: datetime
    overdue: bool
    criteria_version: int
    content_hash: str
    assessments: list[AssessmentOut]


class AssignIn(Schema):
    microcredential_id: int
    reviewer: str = Field(description="The reviewer's e-mail address")
    qa_body: str = Field("", description="Slug of the reviewer's quality-assurance body (optional)")


class DecisionIn(Schema):
    outcome: str = Field(description="approved or changes_requested")
    rationale: str
    review_by: date | None = Field(None, description="Approval only; default three years ahead")
    content_hash: str = Field("", description="The content hash the reviewer saw; refused if it changed")


class DecisionOut(Schema):
    id: int
    review: int
    microcredential_id: int
    version: int
    qa_body: str
    outcome: str
    rationale: str
    decided_at: datetime
    criteria_version: int
    review_by: date | None
    content_hash: str
    assessments: list[AssessmentOut]


class SegmentOut(Schema):
    kind: str = Field(description="same, removed (in before) or added (in after)")
    text: str


class ElementChangeOut(Schema):
    element: str = Field(description="The element, such as summary, learning_outcomes or co_designers")
    label: str
    changed: bool
    before: str
    after: str
    before_segments: list[SegmentOut]
    after_segments: list[SegmentOut]


class ChangesOut(Schema):
    review: int
    since_decision: int | None = Field(description="The decision compared with; null when there is none")
    since_version: int | None
    decided_at: datetime | None
    outcome: str
    changed: list[str] = Field(description="The elements that changed, in reading order")
    elements: list[ElementChangeOut] = Field(description="Every compared element, the changed ones first")


class AwaitingOut(Schema):
    microcredential_id: int
    slug: str
    version: int
    title: str
    provider: str
    status: str
    reviewers_needed: int
    reviewers_assigned: int


class ReasonIn(Schema):
    reason: str = ""


# --- helpers ----------------------------------------------------------------------------------------


def criteria_version_out(criteria_version: CriteriaVersion) -> dict:
    return {
        "number": criteria_version.number,
        "notes": criteria_version.notes,
        "published_at": criteria_version.published_at,
        "criteria": selectors.criteria_of(criteria_version),
    }


def review_out(review: Review) -> dict:
    version = review.version
    return {
        "id": review.pk,
        "microcredential_id": version.microcredential_id,
        "slug": version.microcredential.slug,
        "version": version.number,
        "title": version.title,
        "provider": version.microcredential.provider.slug,
        "version_status": version.status,
        "qa_body": review.qa_body.slug,
        "reviewer": review.reviewer.email,
        "position": review.position,
        "status": review.status,
        "outcome": review.outcome,
        "assigned_at": review.assigned_at,
        "due_at": review.due_at,
        "overdue": review.is_overdue,
        "criteria_version": review.criteria_version.number,
        "content_hash": review.content_hash,
        "assessments": [
            {"criterion": a.criterion.code, "result": a.result, "comment": a.comment, "element": a.element}
            for a in review.assessments.select_related("criterion")
        ],
    }


def decision_out(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "review": decision.review_id,
        "microcredential_id": decision.version.microcredential_id,
        "version": decision.version.number,
        "qa_body": decision.qa_body.slug,
        "outcome": decision.outcome,
        "rationale": decision.rationale,
        "decided_at": decision.decided_at,
        "criteria_version": decision.criteria_version.number,
        "review_by": decision.review_by,
        "content_hash": decision.content_hash,
        "assessments": [
            {k: a.get(k, "") for k in ("criterion", "result", "comment", "element")}
            for a in decision.assessments
        ],
    }


def _review(request: HttpRequest, review_id: int) -> Review:
    review = selectors.review_for(review_id=review_id, user=request.user)
    check_token_organisation(request, review.qa_body)
    return review


def _microcredential(request: HttpRequest, microcredential_id: int) -> MicroCredential:
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    check_token_organisation(request, microcredential.provider)
    return microcredential


def _in_progress(microcredential: MicroCredential) -> MicroCredentialVersion:
    version = microcredential.versions.filter(status__in=IN_PROGRESS_STATUSES).order_by("-number").first()
    if version is None:
        raise NotFound()
    return version


def _published(microcredential: MicroCredential) -> MicroCredentialVersion:
    version = microcredential.versions.filter(status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise NotFound()
    return version


def _detail(version: MicroCredentialVersion) -> dict:
    return version_out(catalog_selectors.version_by_id(version_id=version.pk))


# --- criteria -------------------------------------------------------------------------------------


@router.get("/criteria", response=CriteriaVersionOut, auth=None, summary="The current review criteria")
def current_criteria(request: HttpRequest) -> dict:
    return criteria_version_out(selectors.current_criteria_version())


@router.get(
    "/criteria/{number}",
    response={200: CriteriaVersionOut, 404: ErrorOut},
    auth=None,
    summary="A criteria version (old reviews keep the version they started with)",
)
def criteria_version(request: HttpRequest, number: int) -> dict:
    found = CriteriaVersion.objects.filter(number=number).first()
    if found is None:
        raise NotFound()
    return criteria_version_out(found)


@router.post(
    "/criteria",
    response={201: CriteriaVersionOut, **ERRORS},
    summary="Publish a new criteria version (region administrators)",
)
def publish_criteria(request: HttpRequest, payload: CriteriaVersionIn) -> Status[dict]:
    require_scope(request, ADMIN)
    created = services.publish_criteria_version(
        acting_user=request.user, criteria=[c.dict() for c in payload.criteria], notes=payload.notes
    )
    return Status(201, criteria_version_out(created))


# --- queue and reviews ---------------------------------------------------------------------------------


@router.get("/queue", response=list[ReviewOut], summary="My open reviews, the one due first at the top")
def queue(request: HttpRequest) -> list[dict]:
    require_scope(request, READ)
    return [review_out(r) for r in selectors.review_queue(reviewer=request.user)]


@router.get(
    "/submissions",
    response={200: list[AwaitingOut], **ERRORS},
    summary="Submissions still waiting for a reviewer (coordinators and region administrators)",
)
def submissions(request: HttpRequest) -> list[dict]:
    require_scope(request, READ)
    if not selectors.coordinated_bodies(request.user):
        raise NotAllowedToAssign()
    return [
        {
            "microcredential_id": v.microcredential_id,
            "slug": v.microcredential.slug,
            "version": v.number,
            "title": v.title,
            "provider": v.microcredential.provider.slug,
            "status": v.status,
            "reviewers_needed": selectors.required_reviewers(v),
            "reviewers_assigned": v.active_reviews,
        }
        for v in selectors.awaiting_assignment()
    ]


@router.post("/reviews", response={201: ReviewOut, **ERRORS}, summary="Assign a reviewer to a submission")
def assign(request: HttpRequest, payload: AssignIn) -> Status[dict]:
    require_scope(request, REVIEW)
    microcredential = MicroCredential.objects.filter(pk=payload.microcredential_id).first()
    if microcredential is None:
        raise NotFound()
    reviewer = User.objects.filter(email__iexact=payload.reviewer.strip(), is_active=True).first()
    if reviewer is None:
        raise NotAReviewer()
    qa_body = None
    if payload.qa_body:
        qa_body = Organisation.objects.filter(slug=payload.qa_body).first()
        if qa_body is None:
            raise NotFound()
    review = services.assign_reviewer(
        version=_in_progress(microcredential), reviewer=reviewer, acting_user=request.user, qa_body=qa_body
    )
    return Status(201, review_out(review))


@router.get(
    "/reviews/{review_id}", response={200: ReviewOut, **ERRORS}, summary="A review with its checklist"
)
def get_review(request: HttpRequest, review_id: int) -> dict:
    require_scope(request, READ)
    return review_out(_review(request, review_id))


@router.get(
    "/reviews/{review_id}/changes",
    response={200: ChangesOut, **ERRORS},
    summary="What changed in the reviewed content since the last decision, element by element",
)
def review_changes(request: HttpRequest, review_id: int) -> dict:
    require_scope(request, READ)
    review = _review(request, review_id)
    found = selectors.changes_since_last_decision(review)
    decision = found.decision
    return {
        "review": review.pk,
        "since_decision": decision.pk if decision else None,
        "since_version": decision.version.number if decision else None,
        "decided_at": decision.decided_at if decision else None,
        "outcome": decision.outcome if decision else "",
        "changed": [e.element for e in found.changed],
        "elements": [
            {
                "element": e.element,
                "label": str(e.label),
                "changed": e.changed,
                "before": e.before,
                "after": e.after,
                "before_segments": [{"kind": x.kind, "text": x.text} for x in e.before_segments],
                "after_segments": [{"kind": x.kind, "text": x.text} for x in e.after_segments],
            }
            for e in found.elements
        ],
    }


@router.post(
    "/reviews/{review_id}/start",
    response={200: ReviewOut, **ERRORS},
    summary="Start the review: the content as it is now is what you decide on",
)
def start(request: HttpRequest, review_id: int) -> dict:
    require_scope(request, REVIEW)
    review = services.start_review(review=_review(request, review_id), acting_user=request.user)
    return review_out(selectors.review_for(review_id=review.pk, user=request.user))


@router.post(
    "/reviews/{review_id}/unassign",
    response={200: ReviewOut, **ERRORS},
    summary="Take an open review back from its reviewer (coordinators)",
)
def unassign(request: HttpRequest, review_id: int) -> dict:
    require_scope(request, REVIEW)
    review = services.unassign_review(review=_review(request, review_id), acting_user=request.user)
    return review_out(selectors.review_for(review_id=review.pk, user=request.user))


@router.put(
    "/reviews/{review_id}/assessments",
    response={200: ReviewOut, **ERRORS},
    summary="Assess criteria: met, not met or not applicable, with a comment that may point at an element",
)
def assess(request: HttpRequest, review_id: int, payload: list[AssessmentIn]) -> dict:
    require_scope(request, REVIEW)
    review = _review(request, review_id)
    services.record_assessments(
        review=review, acting_user=request.user, assessments=[a.dict() for a in payload]
    )
    return review_out(selectors.review_for(review_id=review.pk, user=request.user))


@router.post(
    "/reviews/{review_id}/decision",
    response={201: DecisionOut, **ERRORS},
    summary="Decide: approve, or request changes; always with a rationale",
)
def decide(request: HttpRequest, review_id: int, payload: DecisionIn) -> Status[dict]:
    require_scope(request, REVIEW)
    review = _review(request, review_id)
    if payload.outcome == "approved":
        decision = services.approve(
            review=review,
            acting_user=request.user,
            rationale=payload.rationale,
            review_by=payload.review_by,
            expected_hash=payload.content_hash,
        )
    elif payload.outcome == "changes_requested":
        decision = services.request_changes(
            review=review,
            acting_user=request.user,
            rationale=payload.rationale,
            expected_hash=payload.content_hash,
        )
    else:
        raise ValidationFailed(_("Choose approved or changes_requested."), field="outcome")
    return Status(201, decision_out(decision))


# --- the provider's steps and the public record -------------------------------------------------------------


@microcredential_router.post(
    "/{microcredential_id}/submit",
    response={200: MicroCredentialOut, **ERRORS},
    summary="Send the draft for review (or, after requested changes, send it back)",
)
def submit(request: HttpRequest, microcredential_id: int) -> dict:
    require_scope(request, WRITE)
    version = _in_progress(_microcredential(request, microcredential_id))
    if version.status == VersionStatus.CHANGES_REQUESTED:
        services.resubmit_version(version=version, acting_user=request.user)
    else:
        services.submit_version(version=version, acting_user=request.user)
    return _detail(version)


@microcredential_router.post(
    "/{microcredential_id}/publish",
    response={200: MicroCredentialOut, **ERRORS},
    summary="Publish the approved version (the provider's editors and administrators)",
)
def publish(request: HttpRequest, microcredential_id: int) -> dict:
    require_scope(request, WRITE)
    version = _in_progress(_microcredential(request, microcredential_id))
    services.publish_version(version=version, acting_user=request.user)
    return _detail(version)


@microcredential_router.post(
    "/{microcredential_id}/withdraw",
    response={200: MicroCredentialOut, **ERRORS},
    summary="Withdraw the version under review or approved",
)
def withdraw(request: HttpRequest, microcredential_id: int, payload: ReasonIn) -> dict:
    require_scope(request, WRITE)
    version = _in_progress(_microcredential(request, microcredential_id))
    services.withdraw_version(version=version, acting_user=request.user, reason=payload.reason)
    return _detail(version)


@microcredential_router.post(
    "/{microcredential_id}/retire",
    response={200: MicroCredentialOut, **ERRORS},
    summary="Take the published version out of the catalogue (issued credentials stay valid)",
)
def retire(request: HttpRequest, microcredential_id: int, payload: ReasonIn) -> dict:
    require_scope(request, WRITE)
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    version = _published(microcredential)
    services.retire_version(version=version, acting_user=request.user, reason=payload.reason)
    return _detail(version)


@microcredential_router.get(
    "/{microcredential_id}/qa-record",
    response={200: QaRecordOut, 404: ErrorOut},
    auth=None,
    summary="The public quality-assurance record of the published version",
)
def qa_record(request: HttpRequest, microcredential_id: int) -> dict:
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).first()
    if microcredential is None:
        raise NotFound()
    record = qa_record_out(_published(microcredential))
    if record is None:
        raise NotFound()
    return record


@microcredential_router.get(
    "/{microcredential_id}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    summary="Every review decision with its checklist (the provider's authors, reviewers, coordinators)",
)
def decisions(request: HttpRequest, microcredential_id: int, version: int | None = None) -> list[dict]:
    require_scope(request, READ)
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    versions = microcredential.versions.order_by("-number")
    chosen = versions.filter(number=version).first() if version else versions.first()
    if chosen is None:
        raise NotFound()
    reviewers = {r.reviewer_id for r in selectors.open_reviews_of(chosen)}
    coordinates = any(r.qa_body in selectors.coordinated_bodies(request.user) for r in chosen.reviews.all())
    if request.user.pk not in reviewers and not coordinates:
        require_author(request.user, microcredential)
    return [decision_out(d) for d in selectors.decisions_of(chosen)]


class EndorsementIn(Schema):
    organisation: str = Field(description="Slug of the endorsing employer, union or industry body")
    comment: str


class EndorsementOut(Schema):
    id: str
    organisation: str
    organisation_name: str
    version: int
    comment: str
    created_at: datetime
    credential: dict = Field(description="The signed Open Badges 3.0 EndorsementCredential")


def endorsement_out(endorsement: Endorsement) -> dict:
    return {
        "id": str(endorsement.pk),
        "organisation": endorsement.organisation.slug,
        "organisation_name": endorsement.organisation.name,
        "version": endorsement.version.number,
        "comment": endorsement.comment,
        "created_at": endorsement.created_at,
        "credential": endorsement.document,
    }


@microcredential_router.get(
    "/{microcredential_id}/endorsements",
    response={200: list[EndorsementOut], 404: ErrorOut},
    auth=None,
    summary="Signed endorsements of the published version",
)
def list_endorsements(request: HttpRequest, microcredential_id: int) -> list[dict]:
    if not MicroCredential.objects.filter(pk=microcredential_id).exists():
        raise NotFound()
    return [endorsement_out(e) for e in selectors.endorsements_of(microcredential_id=microcredential_id)]


@microcredential_router.post(
    "/{microcredential_id}/endorsements",
    response={201: EndorsementOut, **ERRORS},
    summary="Endorse the published version on behalf of an employer, union or industry body",
)
def create_endorsement(request: HttpRequest, microcredential_id: int, payload: EndorsementIn) -> Status[dict]:
    require_scope(request, WRITE)
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    organisation = Organisation.objects.filter(slug=payload.organisation).first()
    if microcredential is None or organisation is None:
        raise NotFound()
    check_token_organisation(request, organisation)
    endorsement = services.endorse_microcredential(
        microcredential=microcredential,
        organisation=organisation,
        acting_user=request.user,
        comment=payload.comment,
    )
    return Status(201, endorsement_out(endorsement))
