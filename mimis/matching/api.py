# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""REST endpoints for competence matching.

- ``GET|POST /api/v1/role-profiles``, ``GET|PATCH /api/v1/role-profiles/{id}`` (PATCH makes a new version
  of the content; ``visibility`` and ``is_template`` are the profile's own settings);
  ``GET /api/v1/role-profiles/occupation-skills?occupation=ID`` suggests an occupation's skills, most
  specific first.
- ``POST /api/v1/gap-analysis``: the calling learner's gap (personal token) to one of ``role_profile``,
  ``occupation`` or ``skills``, with the recommended micro-credentials and the method used.
- ``GET /api/v1/me/closest-occupations``: the occupations the caller's verified skills fit best.
- ``GET|POST /api/v1/shortage-occupations``, ``DELETE /api/v1/shortage-occupations/{id}`` (region admins).

Reading needs the ``read`` scope, changing ``write`` (shortage occupations: ``admin``). An organisation
token acts within its own organisation only.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from mimis.accounts.models import Organisation
from mimis.accounts.scopes import ADMIN, READ, WRITE
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.errors import NotFound
from mimis.matching import selectors, services
from mimis.matching.errors import PersonalTokenNeeded
from mimis.matching.gap import GapResult, gap_analysis
from mimis.matching.models import RoleProfile, Visibility
from mimis.matching.occupations import DEFAULT_LIMIT, closest_occupations
from mimis.taxonomy.models import Concept

router = Router(tags=["competence matching"])
me_router = Router(tags=["competence matching"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class SkillIn(Schema):
    skill: int | str
    requirement: str = "required"
    weight: int | None = None


class RoleProfileIn(Schema):
    organisation: str  # slug
    title: str = ""
    description: str = ""
    visibility: str = Visibility.PRIVATE
    is_template: bool = False
    skills: list[SkillIn | int | str] | None = None
    occupation: int | None = None  # start from an occupation's skills (SSYK-4 group or occupation name)
    template: int | None = None  # start from a copy of this profile (a template)
    accepted_suggestions: list[dict[str, Any]] | None = None  # from a pasted job ad (mimis.skills)


class RoleProfilePatch(Schema):
    title: str | None = None
    description: str | None = None
    visibility: str | None = None
    is_template: bool | None = None
    skills: list[SkillIn | int | str] | None = None


class SkillOut(Schema):
    id: int
    label: str
    uri: str


class ProfileSkillOut(Schema):
    skill: int
    label: str
    uri: str
    requirement: str
    weight: int | None


class RoleProfileOut(Schema):
    id: int
    organisation: str
    organisation_name: str
    title: str
    description: str
    visibility: str
    is_template: bool
    version: int
    version_id: int
    occupation: int | None
    occupation_label: str | None
    skills: list[ProfileSkillOut]
    updated_at: datetime


class RoleProfileSummaryOut(Schema):
    id: int
    organisation: str
    title: str
    visibility: str
    is_template: bool
    version: int
    skill_count: int


class SuggestedSkillOut(Schema):
    skill: int
    label: str
    uri: str
    occupation_groups: int


class GapIn(Schema):
    role_profile: int | None = None
    occupation: int | None = None
    skills: list[Any] | None = None


class CoveredOut(Schema):
    skill: int
    label: str
    requirement: str
    weight: int | None
    credential: str
    credential_title: str
    issuer: str
    imported: bool


class MissingOut(Schema):
    skill: int
    label: str
    requirement: str
    weight: int | None
    offered: bool


class PathwayRefOut(Schema):
    slug: str
    title: str


class RecommendedOut(Schema):
    microcredential: int
    slug: str
    version: int
    title: str
    provider: str
    covers: list[SkillOut]
    also_covers: list[SkillOut]
    workload_hours: int | None
    workload_ects: Decimal | None
    counted_hours: int
    reason: str
    pathways: list[PathwayRefOut]


class TotalsOut(Schema):
    workload_hours: int
    workload_ects: Decimal
    hours_unknown: bool
    microcredentials: int
    required: int
    required_covered: int
    weighted_coverage: float


class TargetOut(Schema):
    role_profile: int | None
    role_profile_version: int | None
    role_profile_version_id: int | None
    occupation: int | None
    occupation_label: str | None
    skills: int


class GapOut(Schema):
    target: TargetOut
    covered: list[CoveredOut]
    missing: list[MissingOut]
    recommended: list[RecommendedOut]
    uncoverable: list[MissingOut]
    method: str
    totals: TotalsOut


class RelatedOut(Schema):
    occupation: int
    label: str
    weight: int | None


class ShortageOut(Schema):
    id: int
    occupation: int
    label: str
    code: str
    marked_on: date
    source: str
    note: str


class ClosestOut(Schema):
    occupation: int
    label: str
    code: str
    have: int
    total: int
    score: float
    matched: list[SkillOut]
    shortage: ShortageOut | None
    related: list[RelatedOut]


class ShortageIn(Schema):
    occupation: int
    marked_on: date
    source: str
    note: str = ""


def _skill(concept: Concept) -> dict[str, Any]:
    return {"id": concept.pk, "label": concept.display_label, "uri": concept.uri}


def profile_out(profile: RoleProfile) -> dict[str, Any]:
    version = profile.current_version
    assert version is not None
    return {
        "id": profile.pk,
        "organisation": profile.organisation.slug,
        "organisation_name": profile.organisation.name,
        "title": version.title,
        "description": version.description,
        "visibility": profile.visibility,
        "is_template": profile.is_template,
        "version": version.number,
        "version_id": version.pk,
        "occupation": version.occupation_id,
        "occupation_label": version.occupation.display_label if version.occupation else None,
        "skills": [
            {
                "skill": s.skill_id,
                "label": s.skill.display_label,
                "uri": s.skill.uri,
                "requirement": s.requirement,
                "weight": s.weight,
            }
            for s in selectors.skills_of_version(version)
        ],
        "updated_at": profile.updated_at,
    }


def shortage_out(shortage: Any) -> dict[str, Any]:
    return {
        "id": shortage.pk,
        "occupation": shortage.occupation_id,
        "label": shortage.occupation.display_label,
        "code": shortage.occupation.code,
        "marked_on": shortage.marked_on,
        "source": shortage.source,
        "note": shortage.note,
    }


def gap_out(result: GapResult) -> dict[str, Any]:
    target = result.target
    return {
        "target": {
            "role_profile": target.role_profile.pk if target.role_profile else None,
            "role_profile_version": target.version.number if target.version else None,
            "role_profile_version_id": target.version.pk if target.version else None,
            "occupation": target.occupation.pk if target.occupation else None,
            "occupation_label": target.occupation.display_label if target.occupation else None,
            "skills": len(target.skills),
        },
        "covered": [
            {
                "skill": c.skill.pk,
                "label": c.skill.display_label,
                "requirement": c.requirement,
                "weight": c.weight,
                "credential": c.proof.credential_id,
                "credential_title": c.proof.title,
                "issuer": c.proof.issuer_name,
                "imported": c.proof.imported,
            }
            for c in result.covered
        ],
        "missing": [_missing(m) for m in result.missing],
        "recommended": [
            {
                "microcredential": r.version.microcredential_id,
                "slug": r.version.microcredential.slug,
                "version": r.version.number,
                "title": r.version.display_title,
                "provider": r.provider_name,
                "covers": [_skill(s) for s in r.covers],
                "also_covers": [_skill(s) for s in r.also_covers],
                "workload_hours": r.workload_hours,
                "workload_ects": r.workload_ects,
                "counted_hours": r.counted_hours,
                "reason": r.reason,
                "pathways": [{"slug": p.slug, "title": p.display_title} for p in r.pathways],
            }
            for r in result.recommended
        ],
        "uncoverable": [_missing(m) for m in result.uncoverable],
        "method": result.method,
        "totals": {
            "workload_hours": result.total_hours,
            "workload_ects": result.total_ects,
            "hours_unknown": result.hours_unknown,
            "microcredentials": len(result.recommended),
            "required": result.required_total,
            "required_covered": result.required_covered,
            "weighted_coverage": round(result.weighted_coverage, 4),
        },
    }


def _missing(m: Any) -> dict[str, Any]:
    return {
        "skill": m.skill.pk,
        "label": m.skill.display_label,
        "requirement": m.requirement,
        "weight": m.weight,
        "offered": m.offered,
    }


def _personal(request: HttpRequest) -> None:
    require_scope(request, READ)
    token = getattr(request, "api_token", None)
    if token is not None and token.organisation_id is not None:
        raise PersonalTokenNeeded()


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound()
    check_token_organisation(request, organisation)
    return organisation


def _visible(request: HttpRequest, profile_id: int) -> RoleProfile:
    profile = selectors.profile_for(viewer=request.user, profile_id=profile_id)
    token = getattr(request, "api_token", None)
    # An organisation token sees shared profiles and its own organisation's, not other private ones.
    if (
        token is not None
        and token.organisation_id is not None
        and profile.visibility != Visibility.SHARED
        and profile.organisation_id != token.organisation_id
    ):
        raise NotFound()
    return profile


# --- role profiles -----------------------------------------------------------------------------------


@router.get(
    "/role-profiles",
    response={200: list[RoleProfileSummaryOut], **ERRORS},
    summary="Role profiles you can see",
)
def list_profiles(
    request: HttpRequest, organisation: str | None = None, templates: bool = False
) -> list[dict[str, Any]]:
    require_scope(request, READ)
    profiles = selectors.visible_profiles(viewer=request.user)
    token = getattr(request, "api_token", None)
    if token is not None and token.organisation_id is not None:
        from django.db.models import Q

        profiles = profiles.filter(Q(visibility=Visibility.SHARED) | Q(organisation_id=token.organisation_id))
    if organisation:
        profiles = profiles.filter(organisation__slug=organisation)
    if templates:
        profiles = profiles.filter(is_template=True)
    return [
        {
            "id": p.pk,
            "organisation": p.organisation.slug,
            "title": p.current_version.title,
            "visibility": p.visibility,
            "is_template": p.is_template,
            "version": p.current_version.number,
            "skill_count": p.skill_count,
        }
        for p in profiles
    ]


@router.get(
    "/role-profiles/occupation-skills",
    response={200: list[SuggestedSkillOut], **ERRORS},
    summary="An occupation's related skills, most specific first (for starting a profile)",
)
def occupation_skills(request: HttpRequest, occupation: int) -> list[dict[str, Any]]:
    require_scope(request, READ)
    group = selectors.occupation_group(occupation)
    return [
        {
            "skill": s.skill.pk,
            "label": s.skill.display_label,
            "uri": s.skill.uri,
            "occupation_groups": s.group_count,
        }
        for s in selectors.occupation_skills(group)
    ]


@router.post("/role-profiles", response={201: RoleProfileOut, **ERRORS}, summary="Create a role profile")
def create_profile(request: HttpRequest, payload: RoleProfileIn) -> Status[dict[str, Any]]:
    require_scope(request, WRITE)
    organisation = _organisation(request, payload.organisation)
    common = {"organisation": organisation, "acting_user": request.user, "visibility": payload.visibility}
    if payload.template is not None:
        profile = services.create_from_template(
            template_id=payload.template, title=payload.title or None, **common
        )
    elif payload.accepted_suggestions is not None:
        profile = services.create_from_job_ad(
            title=payload.title,
            description=payload.description,
            accepted=payload.accepted_suggestions,
            **common,
        )
    elif payload.occupation is not None and payload.skills is None:
        profile = services.create_from_occupation(
            occupation_id=payload.occupation, title=payload.title or None, **common
        )
    else:
        occupation = (
            selectors.occupation_group(payload.occupation) if payload.occupation is not None else None
        )
        profile = services.create_role_profile(
            title=payload.title,
            description=payload.description,
            skills=services.skill_specs(_raw_skills(payload.skills or [])),
            is_template=payload.is_template,
            occupation=occupation,
            **common,
        )
    return Status(201, profile_out(selectors.profile_for(viewer=request.user, profile_id=profile.pk)))


def _raw_skills(skills: list[Any]) -> list[Any]:
    return [s.dict() if isinstance(s, Schema) else s for s in skills]


@router.get("/role-profiles/{profile_id}", response={200: RoleProfileOut, **ERRORS}, summary="A role profile")
def get_profile(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    require_scope(request, READ)
    return profile_out(_visible(request, profile_id))


@router.patch(
    "/role-profiles/{profile_id}",
    response={200: RoleProfileOut, **ERRORS},
    summary="Change a role profile (new content makes a new version)",
)
def patch_profile(request: HttpRequest, profile_id: int, payload: RoleProfilePatch) -> dict[str, Any]:
    require_scope(request, WRITE)
    profile = _visible(request, profile_id)
    check_token_organisation(request, profile.organisation)
    fields = payload.dict(exclude_unset=True)
    if "skills" in fields:
        fields["skills"] = services.skill_specs(_raw_skills(payload.skills or []))
    services.update_role_profile(profile=profile, acting_user=request.user, **fields)
    return profile_out(selectors.profile_for(viewer=request.user, profile_id=profile.pk))


# --- a learner's gap and closest occupations ---------------------------------------------------------


@router.post(
    "/gap-analysis", response={200: GapOut, **ERRORS}, summary="Your gap to a role, an occupation or skills"
)
def post_gap_analysis(request: HttpRequest, payload: GapIn) -> dict[str, Any]:
    _personal(request)
    result = gap_analysis(
        learner=request.user,
        role_profile=payload.role_profile,
        occupation=payload.occupation,
        skills=payload.skills,
    )
    return gap_out(result)


@me_router.get(
    "/closest-occupations",
    response={200: list[ClosestOut], **ERRORS},
    summary="The occupations your verified skills fit best",
)
def get_closest_occupations(
    request: HttpRequest, shortage_only: bool = False, limit: int = DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    _personal(request)
    return [
        {
            "occupation": c.group.pk,
            "label": c.group.display_label,
            "code": c.group.code,
            "have": c.have,
            "total": c.total,
            "score": c.score,
            "matched": [_skill(s) for s in c.matched],
            "shortage": shortage_out(c.shortage) if c.shortage else None,
            "related": [
                {"occupation": r.group.pk, "label": r.group.display_label, "weight": r.weight}
                for r in c.related
            ],
        }
        for c in closest_occupations(learner=request.user, shortage_only=shortage_only, limit=limit)
    ]


# --- shortage occupations ----------------------------------------------------------------------------


@router.get(
    "/shortage-occupations",
    response={200: list[ShortageOut], **ERRORS},
    summary="Shortage occupations in Skåne",
)
def list_shortages(request: HttpRequest) -> list[dict[str, Any]]:
    require_scope(request, READ)
    return [shortage_out(s) for s in selectors.shortage_occupations()]


@router.post(
    "/shortage-occupations",
    response={201: ShortageOut, **ERRORS},
    summary="Mark a shortage occupation (region admins)",
)
def mark_shortage(request: HttpRequest, payload: ShortageIn) -> Status[dict[str, Any]]:
    require_scope(request, ADMIN)
    shortage = services.mark_shortage_occupation(
        occupation_id=payload.occupation,
        marked_on=payload.marked_on,
        source=payload.source,
        note=payload.note,
        acting_user=request.user,
    )
    return Status(201, shortage_out(shortage))


@router.delete(
    "/shortage-occupations/{shortage_id}",
    response={204: None, **ERRORS},
    summary="Unmark a shortage occupation",
)
def unmark_shortage(request: HttpRequest, shortage_id: int) -> Status[None]:
    require_scope(request, ADMIN)
    services.unmark_shortage_occupation(shortage_id=shortage_id, acting_user=request.user)
    return Status(204, None)


# --- consent-first candidate search and contact requests ---------------------------------------------

SEARCH_ERRORS = {**ERRORS, 429: ErrorOut}


class CandidatesIn(Schema):
    organisation: str | None = None  # slug; an organisation token's own organisation by default


class CandidateSkillOut(Schema):
    skill: int
    label: str
    requirement: str


class CandidateOut(Schema):
    pseudonym: str
    rank: int
    required_covered: int
    required_total: int
    weighted_coverage: float
    covered: list[CandidateSkillOut]
    missing: list[CandidateSkillOut]
    credential_titles: list[str]


class SkillSummaryOut(Schema):
    skill: int
    label: str
    requirement: str
    weight: int | None
    candidates: int | None  # null: fewer than min_group people have it


class SearchOut(Schema):
    search: int
    role_profile: int
    role_profile_version: int
    matched: int | None  # null: fewer than min_group
    fewer_than_min_group: bool
    min_group: int
    shown_individually: bool
    summary_only_reason: str
    explanation: str
    skills: list[SkillSummaryOut]
    candidates: list[CandidateOut]


class ContactIn(Schema):
    search: int
    candidate: str  # the pseudonym in that search
    message: str
    contact: str  # how the candidate can reach the employer (shared once they accept)


class SentOut(Schema):
    id: int
    search: int
    candidate: str
    role: str
    status: str
    created_at: datetime
    shared_name: str
    shared_email: str
    shared_phone: str


class MyRequestOut(Schema):
    id: int
    organisation: str
    organisation_name: str
    role: str
    message: str
    status: str
    created_at: datetime
    answered_at: datetime | None
    employer_contact: str | None  # after accepting only


class AcceptIn(Schema):
    share_name: bool = False
    share_email: bool = False
    phone: str = ""


def _searching_organisation(request: HttpRequest, slug: str | None, profile_id: int) -> Organisation:
    from mimis.accounts.models import Membership

    token = getattr(request, "api_token", None)
    if slug:
        return _organisation(request, slug)
    if token is not None and token.organisation_id is not None:
        return Organisation.objects.get(pk=token.organisation_id)
    ids = list(
        Membership.objects.filter(user=request.user, organisation__kind="employer")
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    if len(ids) != 1:
        from mimis.errors import ValidationFailed

        raise ValidationFailed(
            _("Say which organisation searches: organisation (its slug)."), field="organisation"
        )
    return Organisation.objects.get(pk=ids[0])


def _skill_row(s: Any) -> dict[str, Any]:
    return {"skill": s.skill_id, "label": s.skill.display_label, "requirement": s.requirement}


def search_out(result: Any) -> dict[str, Any]:
    return {
        "search": result.search.pk,
        "role_profile": result.version.profile_id,
        "role_profile_version": result.version.number,
        "matched": result.matched_shown,
        "fewer_than_min_group": result.fewer_than_k,
        "min_group": result.k,
        "shown_individually": result.shown_individually,
        "summary_only_reason": result.reason,
        "explanation": result.explanation,
        "skills": [
            {
                "skill": s.skill.pk,
                "label": s.skill.display_label,
                "requirement": s.requirement,
                "weight": s.weight,
                "candidates": s.candidates,
            }
            for s in result.summary
        ],
        "candidates": [
            {
                "pseudonym": c.pseudonym,
                "rank": c.rank,
                "required_covered": c.required_covered,
                "required_total": c.required_total,
                "weighted_coverage": round(c.weighted_coverage, 4),
                "covered": [_skill_row(s) for s in c.covered],
                "missing": [_skill_row(s) for s in c.missing],
                "credential_titles": c.credential_titles,
            }
            for c in result.candidates
        ],
    }


@router.post(
    "/role-profiles/{profile_id}/candidates",
    response={200: SearchOut, **SEARCH_ERRORS},
    summary="Pseudonymous candidates who opted in, ranked by verified skills (approved employers)",
)
def post_candidates(request: HttpRequest, profile_id: int, payload: CandidatesIn) -> dict[str, Any]:
    from mimis.matching.search import search_candidates

    require_scope(request, READ)
    organisation = _searching_organisation(request, payload.organisation, profile_id)
    return search_out(
        search_candidates(organisation=organisation, acting_user=request.user, profile_id=profile_id)
    )


def sent_out(request: Any) -> dict[str, Any]:
    return {
        "id": request.pk,
        "search": request.appearance.search_id,
        "candidate": request.appearance.pseudonym,
        "role": request.profile_version.title,
        "status": request.status,
        "created_at": request.created_at,
        "shared_name": request.shared_name,
        "shared_email": request.shared_email,
        "shared_phone": request.shared_phone,
    }


@router.post(
    "/contact-requests",
    response={200: SentOut, 201: SentOut, **ERRORS},
    summary="Ask a candidate from your search to get in touch (the same one twice returns the first)",
)
def post_contact_request(request: HttpRequest, payload: ContactIn) -> Status[dict[str, Any]]:
    from mimis.matching.contact import send_contact_request
    from mimis.matching.models import CandidateSearch

    require_scope(request, WRITE)
    search = CandidateSearch.objects.filter(pk=payload.search).select_related("organisation").first()
    if search is None:
        raise NotFound()
    check_token_organisation(request, search.organisation)
    sent = send_contact_request(
        organisation=search.organisation,
        acting_user=request.user,
        search_id=payload.search,
        pseudonym=payload.candidate,
        message=payload.message,
        contact=payload.contact,
    )
    return Status(201 if sent.created else 200, sent_out(sent.request))


def my_request_out(request: Any) -> dict[str, Any]:
    return {
        "id": request.pk,
        "organisation": request.organisation.slug,
        "organisation_name": request.organisation.name,
        "role": request.profile_version.title,
        "message": request.message,
        "status": request.status,
        "created_at": request.created_at,
        "answered_at": request.answered_at,
        "employer_contact": request.employer_contact if request.status == "accepted" else None,
    }


@me_router.get(
    "/contact-requests", response={200: list[MyRequestOut], **ERRORS}, summary="Employers asking to reach you"
)
def my_contact_requests(request: HttpRequest) -> list[dict[str, Any]]:
    from mimis.matching.contact import requests_of_learner

    _personal(request)
    return [my_request_out(r) for r in requests_of_learner(learner=request.user)]


@me_router.post(
    "/contact-requests/{request_id}/accept",
    response={200: MyRequestOut, **ERRORS},
    summary="Accept: share the contact details you choose",
)
def accept_request(request: HttpRequest, request_id: int, payload: AcceptIn) -> dict[str, Any]:
    from mimis.matching.contact import accept_contact_request

    _personal(request)
    require_scope(request, WRITE)
    return my_request_out(
        accept_contact_request(
            learner=request.user,
            request_id=request_id,
            share_name=payload.share_name,
            share_email=payload.share_email,
            phone=payload.phone,
        )
    )


@me_router.post(
    "/contact-requests/{request_id}/decline", response={200: MyRequestOut, **ERRORS}, summary="Decline"
)
def decline_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    from mimis.matching.contact import decline_contact_request

    _personal(request)
    require_scope(request, WRITE)
    return my_request_out(decline_contact_request(learner=request.user, request_id=request_id))
