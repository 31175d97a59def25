# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""/api/v1/organisations/<slug>/vc-api-conformance: whether an organisation may sign any VC (region admins)."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from mimis.accounts.models import Organisation, OrganisationKind
from mimis.accounts.permissions import require_platform_admin
from mimis.accounts.scopes import ADMIN
from mimis.api.auth import require_scope
from mimis.api.schemas import ErrorOut
from mimis.errors import PermissionDenied
from mimis.issuing.models import IssuerSettings
from mimis.vcapi import services

router = Router(tags=["VC API conformance"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ConformanceIn(Schema):
    allowed: bool


class ConformanceOut(Schema):
    organisation: str
    allowed: bool
    changed_at: datetime | None


def _admin(request: HttpRequest) -> None:
    require_scope(request, ADMIN)
    require_platform_admin(request.user)
    token = getattr(request, "api_token", None)
    # An organisation token acts only for its organisation; only a region's token can decide this.
    if (
        token is not None
        and token.organisation_id is not None
        and token.organisation.kind != OrganisationKind.REGION
    ):
        raise PermissionDenied()


def _out(organisation: Organisation, issuer_settings: IssuerSettings | None) -> dict:
    return {
        "organisation": organisation.slug,
        "allowed": bool(issuer_settings and issuer_settings.vc_api_any_credential),
        "changed_at": issuer_settings.changed_at if issuer_settings else None,
    }


@router.get(
    "/{slug}/vc-api-conformance",
    response={200: ConformanceOut, **ERRORS},
    summary="Whether the organisation may sign any well-formed VC through POST /credentials/issue",
)
def get_conformance(request: HttpRequest, slug: str) -> dict:
    _admin(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    return _out(organisation, IssuerSettings.objects.filter(organisation=organisation).first())


@router.put(
    "/{slug}/vc-api-conformance",
    response={200: ConformanceOut, **ERRORS},
    summary="Let (or stop) the organisation sign any well-formed VC for conformance testing (audited)",
)
def put_conformance(request: HttpRequest, slug: str, payload: ConformanceIn) -> dict:
    _admin(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    issuer_settings = services.set_any_credential_signing(
        organisation=organisation, allowed=payload.allowed, acting_user=request.user
    )
    return _out(organisation, issuer_settings)
