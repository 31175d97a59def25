"""Validation over the API, mounted at /api/v1/validation. The same services and permission checks as the
pages: the person, their consented counsellor and the provider's assessors see a case; others get 404.

Scopes: ``read`` to read, ``write`` for the person's and counsellor's steps, ``issue`` for the assessor's
(a decision issues a credential in the provider's name).
"""

# No "from __future__ import annotations": django-ninja reads these annotations at run time.

import uuid
from datetime import date, datetime

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from mimis.accounts.models import User
from mimis.accounts.scopes import ISSUE, READ, WRITE
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.catalog.selectors import published_version
from mimis.errors import NotFound
from mimis.validation import selectors, services
from mimis.validation.models import ValidationCase

router = Router(tags=["validation"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut, 422: ErrorOut}


class JudgementOut(Schema):
    outcome: int
    text: str
    self_assessment: str | None
    result: str | None
    note: str


class EvidenceOut(Schema):
    id: int
    kind: str
    title: str
    outcomes: list[int]
    old: bool
    confirmed: bool | None


class CaseOut(Schema):
    id: uuid.UUID
    state: str
    outcome: str
    microcredential: str
    version: int
    person: str
    assessor: str | None
    submitted_at: datetime | None
    decided_at: datetime | None
    judgements: list[JudgementOut]
    evidence: list[EvidenceOut]
    credential: uuid.UUID | None
    partial_statement: dict | None


def case_out(case: ValidationCase) -> dict:
    answers = {a.outcome_id: a.frequency for a in case.self_assessments.all()}
    judgements = {j.outcome_id: j for j in case.judgements.all()}
    return {
        "id": case.pk,
        "state": case.state,
        "outcome": case.outcome,
        "microcredential": case.version.microcredential.slug,
        "version": case.version.number,
        "person": case.person.name,
        "assessor": case.assessor.name if case.assessor else None,
        "submitted_at": case.submitted_at,
        "decided_at": case.decided_at,
        "judgements": [
            {
                "outcome": o.pk,
                "text": o.text,
                "self_assessment": answers.get(o.pk),
                "result": judgements[o.pk].result if o.pk in judgements else None,
                "note": judgements[o.pk].note if o.pk in judgements else "",
            }
            for o in case.version.learning_outcomes.order_by("position", "pk")
        ],
        "evidence": [
            {
                "id": e.pk,
                "kind": e.kind,
                "title": e.title,
                "outcomes": [o.pk for o in e.outcomes.all()],
                "old": e.is_old,
                "confirmed": e.statement.confirmed if hasattr(e, "statement") else None,
            }
            for e in case.evidence.prefetch_related("outcomes").select_related("statement")
        ],
        "credential": case.credential_id,
        "partial_statement": case.partial_statement,
    }


def _case(request: HttpRequest, case_id: uuid.UUID) -> ValidationCase:
    case, _role = selectors.case_for(user=request.user, case_id=case_id)
    check_token_organisation(request, case.provider)
    return case


class CaseIn(Schema):
    microcredential: str
    person_email: str | None = None
    workplace: str = ""


@router.get("/cases", response={200: list[CaseOut], **ERRORS}, summary="The validation cases you may see")
def list_cases(request: HttpRequest) -> list[dict]:
    require_scope(request, READ)
    return [case_out(c) for c in selectors.cases_visible_to(user=request.user)]


@router.post(
    "/cases",
    response={201: CaseOut, **ERRORS},
    summary="Start a validation case (for yourself or, with consent, for a person)",
)
def create_case(request: HttpRequest, payload: CaseIn) -> Status[dict]:
    require_scope(request, WRITE)
    version = published_version(slug=payload.microcredential)
    person = request.user
    if payload.person_email:
        person = User.objects.filter(email__iexact=payload.person_email.strip()).first()
        if person is None:
            raise NotFound()
    case = services.start_case(
        version=version, person=person, acting_user=request.user, workplace=payload.workplace
    )
    return Status(201, case_out(case))


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="One validation case")
def get_case(request: HttpRequest, case_id: uuid.UUID) -> dict:
    require_scope(request, READ)
    return case_out(_case(request, case_id))


class AnswerIn(Schema):
    outcome: int
    frequency: str
    where_learned: str = ""


@router.put(
    "/cases/{case_id}/self-assessment",
    response={200: CaseOut, **ERRORS},
    summary="Answer for each learning outcome",
)
def self_assessment(request: HttpRequest, case_id: uuid.UUID, payload: list[AnswerIn]) -> dict:
    require_scope(request, WRITE)
    case = _case(request, case_id)
    services.save_self_assessment(case=case, acting_user=request.user, answers=[a.dict() for a in payload])
    return case_out(case)


class LinkIn(Schema):
    url: str
    title: str
    outcomes: list[int]
    dated: date | None = None


@router.post(
    "/cases/{case_id}/evidence/link", response={201: CaseOut, **ERRORS}, summary="Add a link as evidence"
)
def add_link(request: HttpRequest, case_id: uuid.UUID, payload: LinkIn) -> Status[dict]:
    require_scope(request, WRITE)
    case = _case(request, case_id)
    services.add_link_evidence(
        case=case,
        acting_user=request.user,
        url=payload.url,
        title=payload.title,
        outcomes=payload.outcomes,
        dated=payload.dated,
    )
    return Status(201, case_out(case))


@router.post(
    "/cases/{case_id}/evidence/file",
    response={201: CaseOut, **ERRORS},
    summary="Upload a file as evidence (PDF, JPG, PNG, office documents)",
)
def add_file(
    request: HttpRequest,
    case_id: uuid.UUID,
    title: Form[str],
    outcomes: Form[list[int]],
    file: File[UploadedFile],
    dated: Form[date | None] = None,
) -> Status[dict]:
    require_scope(request, WRITE)
    case = _case(request, case_id)
    services.add_file_evidence(
        case=case,
        acting_user=request.user,
        upload=file,
        name=file.name or "",
        size=file.size or 0,
        title=title,
        outcomes=outcomes,
        dated=dated,
    )
    return Status(201, case_out(case))


class StatementIn(Schema):
    email: str
    title: str
    outcomes: list[int]
    language: str = "sv"


@router.post(
    "/cases/{case_id}/statements",
    response={201: CaseOut, **ERRORS},
    summary="Ask a supervisor to confirm by a single-use e-mailed link",
)
def request_statement(request: HttpRequest, case_id: uuid.UUID, payload: StatementIn) -> Status[dict]:
    require_scope(request, WRITE)
    case = _case(request, case_id)
    services.request_statement(
        case=case,
        acting_user=request.user,
        email=payload.email,
        title=payload.title,
        outcomes=payload.outcomes,
        language=payload.language,
    )
    return Status(201, case_out(case))


@router.post(
    "/cases/{case_id}/submit", response={200: CaseOut, **ERRORS}, summary="Send the case in for assessment"
)
def submit(request: HttpRequest, case_id: uuid.UUID) -> dict:
    require_scope(request, WRITE)
    case = _case(request, case_id)
    return case_out(services.submit_case(case=case, acting_user=request.user))


class AssessorIn(Schema):
    assessor_email: str | None = None


@router.post(
    "/cases/{case_id}/assessor",
    response={200: CaseOut, **ERRORS},
    summary="Assign an assessor (or take the case yourself)",
)
def assign(request: HttpRequest, case_id: uuid.UUID, payload: AssessorIn) -> dict:
    require_scope(request, ISSUE)
    case = _case(request, case_id)
    assessor = request.user
    if payload.assessor_email:
        assessor = User.objects.filter(email__iexact=payload.assessor_email.strip()).first()
        if assessor is None:
            raise NotFound()
    return case_out(services.assign_assessor(case=case, assessor=assessor, acting_user=request.user))


class JudgementIn(Schema):
    outcome: int
    result: str
    note: str = ""


@router.put(
    "/cases/{case_id}/judgements",
    response={200: CaseOut, **ERRORS},
    summary="Judge learning outcomes: met, partly or not_met",
)
def judgements(request: HttpRequest, case_id: uuid.UUID, payload: list[JudgementIn]) -> dict:
    require_scope(request, ISSUE)
    case = _case(request, case_id)
    services.record_judgements(case=case, acting_user=request.user, judgements=[j.dict() for j in payload])
    return case_out(case)


class DecisionIn(Schema):
    rationale: str


@router.post(
    "/cases/{case_id}/decision",
    response={200: CaseOut, **ERRORS},
    summary="Decide: every outcome met issues the micro-credential; some met a signed partial statement",
)
def decision(request: HttpRequest, case_id: uuid.UUID, payload: DecisionIn) -> dict:
    require_scope(request, ISSUE)
    case = _case(request, case_id)
    return case_out(services.decide(case=case, acting_user=request.user, rationale=payload.rationale))
