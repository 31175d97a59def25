# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""REST endpoints for issuers: issue, list, revoke, suspend and reinstate credentials."""

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from mimis.accounts.permissions import Capability
from mimis.accounts.scopes import ISSUE, READ
from mimis.accounts.selectors import organisation_for
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import NotFound
from mimis.issuing import batches, selectors, services
from mimis.issuing.download_views import BADGE_PNG, BADGE_SVG, CERTIFICATE, artefact_response
from mimis.issuing.models import Credential, IssuingBatch

router = Router(tags=["credentials"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class IssueIn(Schema):
    microcredential: str
    email: str
    name: str
    format: str = "ldp"


class CredentialOut(Schema):
    id: uuid.UUID
    microcredential: str
    version: int
    organisation: str
    recipient_email: str
    recipient_name: str
    format: str
    state: str
    state_reason: str
    issued_at: datetime
    valid_until: datetime | None


class IssuedOut(CredentialOut):
    created: bool
    credential: Any


class ReasonIn(Schema):
    reason: str = ""


def credential_out(credential: Credential) -> dict[str, Any]:
    return {
        "id": credential.pk,
        "microcredential": credential.version.microcredential.slug,
        "version": credential.version.number,
        "organisation": credential.organisation.slug,
        "recipient_email": credential.recipient_email,
        "recipient_name": credential.recipient_name,
        "format": credential.format,
        "state": credential.state,
        "state_reason": credential.state_reason,
        "issued_at": credential.issued_at,
        "valid_until": credential.valid_until,
    }


@router.post(
    "",
    response={201: IssuedOut, 200: IssuedOut, **ERRORS},
    summary="Issue a credential (201), or get the one already issued to that learner (200)",
)
def issue(request: HttpRequest, payload: IssueIn) -> Status[dict]:
    require_scope(request, ISSUE)
    version = (
        MicroCredentialVersion.objects.select_related("microcredential__provider")
        .filter(microcredential__slug=payload.microcredential, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        raise NotFound()
    check_token_organisation(request, version.microcredential.provider)
    issued = services.issue_credential(
        version=version,
        email=payload.email,
        name=payload.name,
        acting_user=request.user,
        credential_format=payload.format,
    )
    body = {**credential_out(issued.credential), "created": issued.created, "credential": issued.signed}
    return Status(201 if issued.created else 200, body)


@router.get(
    "", response={200: list[CredentialOut], **ERRORS}, summary="Credentials an organisation has issued"
)
@paginate(PageNumberPagination, page_size=50)
def list_credentials(request: HttpRequest, organisation: str, q: str = ""):  # type: ignore[no-untyped-def]
    """``q`` narrows the list to learners whose name or e-mail address contains it."""
    require_scope(request, READ)
    org = organisation_for(user=request.user, slug=organisation, capability=Capability.ISSUE_CREDENTIALS)
    check_token_organisation(request, org)
    return [credential_out(c) for c in selectors.issued_credentials(organisation=org, query=q)]


def _credential_for_issuer(request: HttpRequest, credential_id: uuid.UUID) -> Credential:
    credential = (
        Credential.objects.select_related("organisation", "version__microcredential")
        .filter(pk=credential_id)
        .first()
    )
    if credential is None:
        raise NotFound()
    organisation_for(
        user=request.user, slug=credential.organisation.slug, capability=Capability.ISSUE_CREDENTIALS
    )
    check_token_organisation(request, credential.organisation)
    return credential


@router.post("/{credential_id}/revoke", response={200: CredentialOut, **ERRORS}, summary="Revoke for good")
def revoke(request: HttpRequest, credential_id: uuid.UUID, payload: ReasonIn) -> dict:
    require_scope(request, ISSUE)
    credential = _credential_for_issuer(request, credential_id)
    return credential_out(
        services.revoke_credential(credential=credential, reason=payload.reason, acting_user=request.user)
    )


@router.post("/{credential_id}/suspend", response={200: CredentialOut, **ERRORS}, summary="Suspend")
def suspend(request: HttpRequest, credential_id: uuid.UUID, payload: ReasonIn) -> dict:
    require_scope(request, ISSUE)
    credential = _credential_for_issuer(request, credential_id)
    return credential_out(
        services.suspend_credential(credential=credential, reason=payload.reason, acting_user=request.user)
    )


@router.post(
    "/{credential_id}/reinstate", response={200: CredentialOut, **ERRORS}, summary="Lift a suspension"
)
def reinstate(request: HttpRequest, credential_id: uuid.UUID) -> dict:
    require_scope(request, ISSUE)
    credential = _credential_for_issuer(request, credential_id)
    return credential_out(services.reinstate_credential(credential=credential, acting_user=request.user))


# POST /{credential_id}/resend-claim lives in mimis.wallet.api (claim links are the wallet's; issuing is below it).


# --- batches -------------------------------------------------------------------------------------------


class RecipientIn(Schema):
    email: str
    name: str
    language: str = "sv"


class BatchIn(Schema):
    microcredential: str
    format: str = "ldp"
    recipients: list[RecipientIn]


class BatchOut(Schema):
    id: uuid.UUID
    organisation: str
    microcredential: str
    version: int
    format: str
    status: str
    total: int
    issued: int
    already_issued: int
    error: str
    created_at: datetime
    finished_at: datetime | None


def batch_out(batch: IssuingBatch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "organisation": batch.organisation.slug,
        "microcredential": batch.version.microcredential.slug,
        "version": batch.version.number,
        "format": batch.format,
        "status": batch.status,
        "total": batch.total,
        "issued": batch.issued_count,
        "already_issued": batch.existing_count,
        "error": batch.error,
        "created_at": batch.created_at,
        "finished_at": batch.finished_at,
    }


def _published_version(request: HttpRequest, slug: str) -> MicroCredentialVersion:
    version = (
        MicroCredentialVersion.objects.select_related("microcredential__provider")
        .filter(microcredential__slug=slug, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        raise NotFound()
    check_token_organisation(request, version.microcredential.provider)
    return version


@router.post(
    "/batches",
    response={202: BatchOut, **ERRORS},
    summary="Issue to many learners in the background; 422 lists every bad row and issues none",
)
def create_batch(request: HttpRequest, payload: BatchIn) -> Status[dict]:
    require_scope(request, ISSUE)
    version = _published_version(request, payload.microcredential)
    batch = batches.create_batch_from_rows(
        organisation=version.microcredential.provider,
        version=version,
        credential_format=payload.format,
        rows=[recipient.dict() for recipient in payload.recipients],
        acting_user=request.user,
    )
    return Status(202, batch_out(IssuingBatch.objects.get(pk=batch.pk)))


@router.post(
    "/batches/upload",
    response={202: BatchOut, **ERRORS},
    summary="Issue to the learners of a CSV or XLSX file (columns found from their headers)",
)
def upload_batch(
    request: HttpRequest,
    microcredential: Form[str],
    file: File[UploadedFile],
    format: Form[str] = "ldp",
) -> Status[dict]:
    require_scope(request, ISSUE)
    version = _published_version(request, microcredential)
    batch = batches.create_batch(
        organisation=version.microcredential.provider,
        version=version,
        credential_format=format,
        filename=file.name or "upload.csv",
        content=file.read(),
        acting_user=request.user,
    )
    batch = batches.start_batch(batch=batch, mapping=batch.mapping, acting_user=request.user)
    return Status(202, batch_out(IssuingBatch.objects.get(pk=batch.pk)))


@router.get("/batches/{batch_id}", response={200: BatchOut, **ERRORS}, summary="A batch's progress")
def get_batch(request: HttpRequest, batch_id: uuid.UUID) -> dict:
    require_scope(request, READ)
    batch = (
        IssuingBatch.objects.select_related("organisation", "version__microcredential")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None:
        raise NotFound()
    organisation_for(user=request.user, slug=batch.organisation.slug, capability=Capability.ISSUE_CREDENTIALS)
    check_token_organisation(request, batch.organisation)
    return batch_out(batch)


# --- files for people ----------------------------------------------------------------------------------


@router.get(
    "/{credential_id}/certificate.pdf",
    response={200: None, **ERRORS},
    summary="The PDF certificate (?lang=sv|en) with a QR code to the public verification page",
)
def certificate(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    require_scope(request, READ)
    return artefact_response(request, _credential_for_issuer(request, credential_id), CERTIFICATE)


@router.get(
    "/{credential_id}/badge.png",
    response={200: None, **ERRORS},
    summary="The badge image with the credential baked in",
)
def badge_png(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    require_scope(request, READ)
    return artefact_response(request, _credential_for_issuer(request, credential_id), BADGE_PNG)


@router.get(
    "/{credential_id}/badge.svg",
    response={200: None, **ERRORS},
    summary="The SVG badge with the credential baked in",
)
def badge_svg(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    require_scope(request, READ)
    return artefact_response(request, _credential_for_issuer(request, credential_id), BADGE_SVG)
