"""REST endpoints of the catalogue: public search and detail; drafts for providers' editors."""
# No "from __future__ import annotations": django-ninja reads these annotations at run time.

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from mimis.accounts.models import Organisation
from mimis.accounts.scopes import WRITE
from mimis.api.auth import authenticate_optional, check_token_organisation, require_scope
from mimis.api.errors import ID_MAX
from mimis.api.schemas import ErrorOut
from mimis.catalog import level_services, occasions, pathways, selectors, services
from mimis.catalog.levels import decision_dict
from mimis.catalog.models import (
    EDITABLE_STATUSES,
    PUBLIC_STATUSES,
    MicroCredential,
    MicroCredentialVersion,
    VersionStatus,
)
from mimis.errors import NotFound
from mimis.quality import selectors as quality_selectors

router = Router(tags=["microcredentials"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ConceptRef(Schema):
    id: int
    label: str
    code: str = ""
    source_id: str


class OutcomeOut(Schema):
    text: str
    text_en: str
    domain: str = Field(description='"knowledge", "skills", "responsibility_autonomy" or "" (not sorted yet)')
    skills: list[ConceptRef]


class ProviderRef(Schema):
    slug: str
    name: str


class QaRecordOut(Schema):
    """Who approved the version, when, against which criteria version, and until when."""

    qa_body: str
    qa_body_slug: str
    decided_at: datetime
    criteria_version: int
    outcome: str
    review_by: date | None
    lapsed: bool


class LevelDecisionOut(Schema):
    id: int
    seqf_level: int
    decision_number: str
    decided_on: date
    valid_until: date
    decision_url: str


class LevelOut(Schema):
    seqf_level: int | None
    eqf_level: int | None
    status: str = Field(
        description='"decided" (by MYH, with the decision), "proposed" (by the provider) or "none"'
    )
    text: str = Field(description="The level in words, in the language of Accept-Language")
    decision: LevelDecisionOut | None


class LevelDecisionIn(Schema):
    seqf_level: int = Field(ge=1, le=8)
    decision_number: str = Field(max_length=64)
    decided_on: date
    valid_until: date | None = Field(None, description="Default: ten years after the decision")
    decision_url: str = Field("", max_length=500)


class MicroCredentialOut(Schema):
    id: int
    slug: str
    version: int
    status: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    provider: ProviderRef
    country: str
    region: str
    learning_outcomes: list[OutcomeOut]
    workload_ects: Decimal | None
    workload_hours: int | None
    eqf_level: int | None
    seqf_level: int | None
    level: LevelOut
    assessment_type: str
    assessment_description: str
    participation_form: list[str]
    quality_assurance: str
    prerequisites: str
    identity_verification: str
    grading_scheme: str
    stackability: str
    further_information: str
    sectors: list[ConceptRef]
    occupations: list[ConceptRef]
    target_groups: list[str]
    languages: list[str]
    price: str
    validity_months: int | None
    co_designers: list[str]
    published_at: datetime | None
    qa_record: QaRecordOut | None = None


class OutcomeIn(Schema):
    text: str
    text_en: str = ""
    domain: str = Field("", description='"knowledge", "skills", "responsibility_autonomy" or empty')
    skills: list[int] = Field(default_factory=list)


class DraftFields(Schema):
    title_en: str | None = None
    summary: str | None = None
    summary_en: str | None = None
    country: str | None = None
    region: str | None = None
    learning_outcomes: list[OutcomeIn] | None = None
    workload_ects: Decimal | None = None
    workload_hours: int | None = None
    eqf_level: int | None = None
    seqf_level: int | None = None
    assessment_type: str | None = None
    assessment_description: str | None = None
    participation_form: list[str] | None = None
    quality_assurance: str | None = None
    prerequisites: str | None = None
    identity_verification: str | None = None
    grading_scheme: str | None = None
    stackability: str | None = None
    further_information: str | None = None
    sectors: list[int] | None = None
    occupations: list[int] | None = None
    target_groups: list[str] | None = None
    languages: list[str] | None = None
    price: str | None = None
    validity_months: int | None = None


class DraftIn(DraftFields):
    provider: str
    title: str
    slug: str = ""


class DraftPatch(DraftFields):
    title: str | None = None


class MissingOut(Schema):
    field: str
    message: str


class SearchParams(Schema):
    q: str = ""
    sector: int | None = Field(None, ge=1, le=ID_MAX)
    seqf_level: int | None = Field(None, ge=1, le=8)
    workload_min: int | None = Field(None, ge=0, le=100_000)
    workload_max: int | None = Field(None, ge=0, le=100_000)
    provider: str = ""
    participation_form: str = ""
    language: str = ""
    target_group: str = ""
    skill: int | None = Field(None, ge=1, le=ID_MAX)
    occupation: int | None = Field(None, ge=1, le=ID_MAX)
    sort: str = Field("title", pattern="^(title|newest|workload|level)$")


def _concept(concept: Any) -> dict:
    return {
        "id": concept.pk,
        "label": concept.preferred_label,
        "code": concept.code,
        "source_id": concept.source_id,
    }


def qa_record_out(version: MicroCredentialVersion) -> dict | None:
    record = quality_selectors.qa_record(version)
    if record is None:
        return None
    return {
        "qa_body": record.qa_body.name,
        "qa_body_slug": record.qa_body.slug,
        "decided_at": record.decided_at,
        "criteria_version": record.criteria_version,
        "outcome": record.outcome,
        "review_by": record.review_by,
        "lapsed": record.lapsed,
    }


def version_out(version: MicroCredentialVersion) -> dict:
    microcredential = version.microcredential
    data = {
        field: getattr(version, field)
        for field in (
            "title",
            "title_en",
            "summary",
            "summary_en",
            "country",
            "region",
            "workload_ects",
            "workload_hours",
            "eqf_level",
            "seqf_level",
            "assessment_type",
            "assessment_description",
            "participation_form",
            "quality_assurance",
            "prerequisites",
            "identity_verification",
            "grading_scheme",
            "stackability",
            "further_information",
            "target_groups",
            "languages",
            "price",
            "validity_months",
            "published_at",
            "status",
        )
    }
    data.update(
        {
            "id": microcredential.pk,
            "slug": microcredential.slug,
            "version": version.number,
            "provider": {"slug": microcredential.provider.slug, "name": microcredential.provider.name},
            "learning_outcomes": [
                {
                    "text": o.text,
                    "text_en": o.text_en,
                    "domain": o.domain,
                    "skills": [_concept(s) for s in o.skills.all()],
                }
                for o in version.learning_outcomes.all()
            ],
            "sectors": [_concept(c) for c in version.sectors.all()],
            "occupations": [_concept(c) for c in version.occupations.all()],
            "co_designers": [o.slug for o in microcredential.accepted_co_designers],
            "qa_record": qa_record_out(version),
            "level": version.level_status.as_dict(),
        }
    )
    return data


@router.get("", response=list[MicroCredentialOut], auth=None, summary="Search published micro-credentials")
@paginate(PageNumberPagination, page_size=20)
def search(request: HttpRequest, params: Query[SearchParams]):  # type: ignore[no-untyped-def]
    filters = selectors.CatalogueFilters(query=params.q, **params.dict(exclude={"q"}))
    return [version_out(v) for v in selectors.catalogue_search(filters=filters)]


@router.get(
    "/{microcredential_id}",
    response={200: MicroCredentialOut, 404: ErrorOut},
    auth=None,
    url_name="microcredential_detail",
    summary="A micro-credential: the published version, or ?version=N (drafts only for its authors)",
)
def detail(request: HttpRequest, microcredential_id: int, version: int | None = None) -> dict:
    authenticate_optional(request)
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    versions = microcredential.versions.all()
    chosen = (
        versions.filter(number=version).first()
        if version
        else versions.filter(status=VersionStatus.PUBLISHED).first()
    )
    if chosen is None:
        raise NotFound()
    if chosen.status not in PUBLIC_STATUSES:
        services.require_author(request.user, microcredential)
        _check_token_for(request, microcredential)
    return version_out(selectors.version_by_id(version_id=chosen.pk))


def _check_token_for(
    request: HttpRequest, microcredential: MicroCredential, *, co_designers: bool = True
) -> None:
    """An organisation token acts only for its organisation: the provider, or (where co-designers may act)
    an organisation that co-designs the micro-credential. Anything else is 404, as elsewhere."""
    token = getattr(request, "api_token", None)
    if token is None or token.organisation_id is None or token.organisation_id == microcredential.provider_id:
        return
    if co_designers and any(o.pk == token.organisation_id for o in microcredential.accepted_co_designers):
        return
    raise NotFound()


def _write_draft(request: HttpRequest, version: MicroCredentialVersion, fields: dict) -> None:
    outcomes = fields.pop("learning_outcomes", None)
    if fields:
        services.update_draft(version=version, acting_user=request.user, **fields)
    if outcomes is not None:
        services.set_learning_outcomes(version=version, acting_user=request.user, outcomes=outcomes)


@router.post("", response={201: MicroCredentialOut, **ERRORS}, summary="Create a micro-credential as a draft")
def create(request: HttpRequest, payload: DraftIn) -> Status[dict]:
    require_scope(request, WRITE)
    provider = Organisation.objects.filter(slug=payload.provider).first()
    if provider is None:
        raise NotFound()
    check_token_organisation(request, provider)
    fields = payload.dict(exclude_unset=True)
    fields.pop("provider")
    title, slug = fields.pop("title"), fields.pop("slug", "")
    outcomes = fields.pop("learning_outcomes", None)
    with transaction.atomic():
        version = services.create_microcredential(
            provider=provider, acting_user=request.user, title=title, slug=slug, **fields
        )
        if outcomes is not None:
            services.set_learning_outcomes(version=version, acting_user=request.user, outcomes=outcomes)
    return Status(201, version_out(selectors.version_by_id(version_id=version.pk)))


def _draft_of(request: HttpRequest, microcredential_id: int) -> MicroCredentialVersion:
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    services.require_author(request.user, microcredential)
    _check_token_for(request, microcredential)
    draft = microcredential.versions.filter(status__in=EDITABLE_STATUSES).first()
    if draft is None:
        raise NotFound()
    return draft


@router.patch(
    "/{microcredential_id}/draft",
    response={200: MicroCredentialOut, **ERRORS},
    summary="Change the current draft (only the fields sent)",
)
def update(request: HttpRequest, microcredential_id: int, payload: DraftPatch) -> dict:
    require_scope(request, WRITE)
    draft = _draft_of(request, microcredential_id)
    with transaction.atomic():
        _write_draft(request, draft, payload.dict(exclude_unset=True))
    return version_out(selectors.version_by_id(version_id=draft.pk))


@router.get(
    "/{microcredential_id}/draft/checklist",
    response={200: list[MissingOut], **ERRORS},
    summary="What the draft still lacks before it can be published",
)
def checklist(request: HttpRequest, microcredential_id: int) -> list[dict]:
    draft = _draft_of(request, microcredential_id)
    return [{"field": f, "message": m} for f, m in services.missing_elements(draft)]


@router.post(
    "/{microcredential_id}/level-decision",
    response={201: LevelDecisionOut, **ERRORS},
    summary="Record MYH's decision on the micro-credential's SeQF level (the provider's or the region's admins)",
)
def record_level_decision(
    request: HttpRequest, microcredential_id: int, payload: LevelDecisionIn
) -> Status[dict]:
    require_scope(request, WRITE)
    microcredential = _microcredential(microcredential_id)
    _check_token_for(request, microcredential, co_designers=False)
    decision = level_services.record_level_decision(
        microcredential=microcredential, acting_user=request.user, **payload.model_dump()
    )
    return Status(201, decision_dict(decision))


@router.get(
    "/{microcredential_id}/level-decisions",
    response={200: list[LevelDecisionOut], **ERRORS},
    auth=None,
    summary="MYH's recorded level decisions for a published micro-credential, newest first",
)
def level_decisions(request: HttpRequest, microcredential_id: int) -> list[dict]:
    microcredential = _microcredential(microcredential_id)
    if not microcredential.versions.filter(status=VersionStatus.PUBLISHED).exists():
        raise NotFound()
    return [decision_dict(d) for d in microcredential.level_decisions.all()]


@router.post(
    "/{microcredential_id}/versions",
    response={201: MicroCredentialOut, **ERRORS},
    summary="Start a new draft version from the latest version",
)
def new_version(request: HttpRequest, microcredential_id: int) -> Status[dict]:
    require_scope(request, WRITE)
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).first()
    if microcredential is None:
        raise NotFound()
    _check_token_for(request, microcredential)
    draft = services.start_new_version(microcredential=microcredential, acting_user=request.user)
    return Status(201, version_out(selectors.version_by_id(version_id=draft.pk)))


class OccasionOut(Schema):
    id: int
    start_date: date
    end_date: date | None
    online: bool
    place: str
    language: str
    application_deadline: date | None
    how_to_apply: str
    application_url: str


class OccasionIn(Schema):
    start_date: date
    end_date: date | None = None
    online: bool = False
    place: str = ""
    language: str = "sv"
    application_deadline: date | None = None
    how_to_apply: str = ""
    application_url: str = ""


class OccasionPatch(Schema):
    start_date: date | None = None
    end_date: date | None = None
    online: bool | None = None
    place: str | None = None
    language: str | None = None
    application_deadline: date | None = None
    how_to_apply: str | None = None
    application_url: str | None = None


def occasion_out(occasion: Any) -> dict:
    return {"id": occasion.pk, **{name: getattr(occasion, name) for name in occasions.FIELDS}}


def _microcredential(microcredential_id: int) -> MicroCredential:
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    return microcredential


@router.get(
    "/{microcredential_id}/occasions",
    response={200: list[OccasionOut], 404: ErrorOut},
    auth=None,
    summary="Course occasions of a published micro-credential: dates, place, language, how to apply",
)
def list_occasions(request: HttpRequest, microcredential_id: int, upcoming: bool = False) -> list[dict]:
    authenticate_optional(request)
    microcredential = _microcredential(microcredential_id)
    if not microcredential.versions.filter(status=VersionStatus.PUBLISHED).exists():
        occasions.require_occasion_editor(request.user, microcredential)
        _check_token_for(request, microcredential, co_designers=False)
    return [
        occasion_out(o)
        for o in occasions.occasions_of(microcredential=microcredential, upcoming_only=upcoming)
    ]


@router.post(
    "/{microcredential_id}/occasions",
    response={201: OccasionOut, **ERRORS},
    summary="Add a course occasion (the provider's editors; no new version needed)",
)
def create_occasion(request: HttpRequest, microcredential_id: int, payload: OccasionIn) -> Status[dict]:
    require_scope(request, WRITE)
    microcredential = _microcredential(microcredential_id)
    _check_token_for(request, microcredential, co_designers=False)
    occasion = occasions.create_occasion(
        microcredential=microcredential, acting_user=request.user, **payload.model_dump()
    )
    return Status(201, occasion_out(occasion))


@router.patch(
    "/{microcredential_id}/occasions/{occasion_id}",
    response={200: OccasionOut, **ERRORS},
    summary="Change a course occasion (only the fields sent)",
)
def update_occasion(
    request: HttpRequest, microcredential_id: int, occasion_id: int, payload: OccasionPatch
) -> dict:
    require_scope(request, WRITE)
    microcredential = _microcredential(microcredential_id)
    occasions.require_occasion_editor(request.user, microcredential)
    _check_token_for(request, microcredential, co_designers=False)
    occasion = occasions.occasion_of(microcredential=microcredential, occasion_id=occasion_id)
    updated = occasions.update_occasion(
        occasion=occasion, acting_user=request.user, **payload.dict(exclude_unset=True)
    )
    return occasion_out(updated)


@router.delete(
    "/{microcredential_id}/occasions/{occasion_id}",
    response={204: None, **ERRORS},
    summary="Remove a course occasion",
)
def delete_occasion(request: HttpRequest, microcredential_id: int, occasion_id: int) -> Status[None]:
    require_scope(request, WRITE)
    microcredential = _microcredential(microcredential_id)
    occasions.require_occasion_editor(request.user, microcredential)
    _check_token_for(request, microcredential, co_designers=False)
    occasion = occasions.occasion_of(microcredential=microcredential, occasion_id=occasion_id)
    occasions.delete_occasion(occasion=occasion, acting_user=request.user)
    return Status(204, None)


pathway_router = Router(tags=["pathways"])


class PathwayStepOut(Schema):
    position: int
    microcredential_id: int
    slug: str


class PathwayOut(Schema):
    slug: str
    title: str
    title_en: str
    description: str
    owner: str
    rule: str
    required_count: int | None
    needed: int
    target_occupation: ConceptRef | None
    steps: list[PathwayStepOut]


class PathwayIn(Schema):
    owner: str
    title: str
    title_en: str = ""
    description: str = ""
    rule: str
    required_count: int | None = None
    target_occupation: int | None = None
    microcredentials: list[str] = Field(description="Slugs of published micro-credentials, in order")


def pathway_out(pathway: Any) -> dict:
    return {
        "slug": pathway.slug,
        "title": pathway.title,
        "title_en": pathway.title_en,
        "description": pathway.description,
        "owner": pathway.owner.slug,
        "rule": pathway.rule,
        "required_count": pathway.required_count,
        "needed": pathway.needed,
        "target_occupation": _concept(pathway.target_occupation) if pathway.target_occupation else None,
        "steps": [
            {
                "position": s.position,
                "microcredential_id": s.microcredential_id,
                "slug": s.microcredential.slug,
            }
            for s in pathway.steps.all()
        ],
    }


@pathway_router.get("", response=list[PathwayOut], auth=None, summary="Stackable pathways")
def list_pathways(request: HttpRequest) -> list[dict]:
    return [pathway_out(p) for p in pathways.all_pathways()]


@pathway_router.post(
    "", response={201: PathwayOut, **ERRORS}, summary="Create a pathway of published micro-credentials"
)
def create_pathway(request: HttpRequest, payload: PathwayIn) -> Status[dict]:
    require_scope(request, WRITE)
    owner = Organisation.objects.filter(slug=payload.owner).first()
    if owner is None:
        raise NotFound()
    check_token_organisation(request, owner)
    pathway = pathways.create_pathway(
        owner=owner,
        acting_user=request.user,
        title=payload.title,
        title_en=payload.title_en,
        description=payload.description,
        rule=payload.rule,
        required_count=payload.required_count,
        target_occupation_id=payload.target_occupation,
        microcredential_slugs=payload.microcredentials,
    )
    return Status(201, pathway_out(pathways.all_pathways().get(pk=pathway.pk)))


class PathwayUpdateIn(Schema):
    title: str
    title_en: str = ""
    description: str = ""
    rule: str
    required_count: int | None = None
    target_occupation: int | None = None
    microcredentials: list[str] = Field(description="Slugs of published micro-credentials, in order")


@pathway_router.put(
    "/{slug}", response={200: PathwayOut, **ERRORS}, summary="Change a pathway (the owner's editors)"
)
def update_pathway(request: HttpRequest, slug: str, payload: PathwayUpdateIn) -> dict:
    require_scope(request, WRITE)
    pathway = pathways.pathway_by_slug(slug=slug)
    check_token_organisation(request, pathway.owner)
    pathways.update_pathway(
        pathway=pathway,
        acting_user=request.user,
        title=payload.title,
        title_en=payload.title_en,
        description=payload.description,
        rule=payload.rule,
        required_count=payload.required_count,
        target_occupation_id=payload.target_occupation,
        microcredential_slugs=payload.microcredentials,
    )
    return pathway_out(pathways.pathway_by_slug(slug=slug))
