# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""REST endpoints for issuers: issue, list, revoke, suspend and reinstate credentials."""

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from mimis.accounts.permissions import Capability
from mimis.accounts.scopes import ISSUE, READ
from mimis.accounts.selectors import organisation_for
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import NotFound
from mimis.issuing import services
from mimis.issuing.models import Credential

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
def list_credentials(request: HttpRequest, organisation: str):  # type: ignore[no-untyped-def]
    require_scope(request, READ)
    org = organisation_for(user=request.user, slug=organisation, capability=Capability.ISSUE_CREDENTIALS)
    check_token_organisation(request, org)
    credentials = Credential.objects.filter(organisation=org).select_related(
        "version__microcredential", "organisation"
    )
    return [credential_out(c) for c in credentials]


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
