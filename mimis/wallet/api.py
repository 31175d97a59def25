# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""REST endpoints for a learner's own credentials and share links: /api/v1/me/...

Personal tokens only (an organisation token acts for its organisation, not for a person's wallet).
Reading needs the ``read`` scope; making or withdrawing a share link publishes or unpublishes personal
data, so it needs ``write``.
"""

import uuid
from datetime import datetime
from typing import Any

import pydantic
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from mimis.accounts.scopes import READ, WRITE
from mimis.api.auth import require_scope
from mimis.api.schemas import ErrorOut
from mimis.errors import PermissionDenied, ValidationFailed
from mimis.issuing.artefacts import signed_credential
from mimis.wallet import selectors, services
from mimis.wallet.models import ShareLink

router = Router(tags=["my credentials"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class PersonalTokenNeeded(PermissionDenied):
    code = "personal_token_needed"
    default_message = _("Use a personal API token for your own credentials, not an organisation's.")


class MyCredentialOut(Schema):
    id: uuid.UUID
    title: str
    microcredential: str
    version: int
    issuer: str
    issuer_name: str
    status: str
    state: str
    state_reason: str
    format: str
    issued_at: datetime
    valid_until: datetime | None
    verification_url: str


class MyCredentialDetailOut(MyCredentialOut):
    credential: Any


class ShareIn(Schema):
    expires_in_days: int | None = None


class ShareLinkOut(Schema):
    id: uuid.UUID
    url: str
    kind: str
    title: str
    credentials: list[uuid.UUID]
    created_at: datetime
    expires_at: datetime | None
    withdrawn_at: datetime | None
    active: bool
    views: int
    downloads: int


def _personal(request: HttpRequest, scope: str) -> None:
    require_scope(request, scope)
    token = getattr(request, "api_token", None)
    if token is not None and token.organisation_id is not None:
        raise PersonalTokenNeeded()


def credential_out(request: HttpRequest, credential) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "id": credential.pk,
        "title": credential.version.title,
        "microcredential": credential.version.microcredential.slug,
        "version": credential.version.number,
        "issuer": credential.organisation.slug,
        "issuer_name": credential.organisation.name,
        "status": selectors.holder_status(credential),
        "state": credential.state,
        "state_reason": credential.state_reason,
        "format": credential.format,
        "issued_at": credential.issued_at,
        "valid_until": credential.valid_until,
        "verification_url": request.build_absolute_uri(
            reverse("verification:credential", args=[credential.pk])
        ),
    }


def share_out(request: HttpRequest, link: ShareLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "url": request.build_absolute_uri(reverse("wallet:shared", args=[link.token])),
        "kind": link.kind,
        "title": link.title,
        "credentials": [c.pk for c in link.credentials.all()],
        "created_at": link.created_at,
        "expires_at": link.expires_at,
        "withdrawn_at": link.withdrawn_at,
        "active": link.is_active,
        "views": link.view_count,
        "downloads": link.download_count,
    }


@router.get(
    "/credentials",
    response={200: list[MyCredentialOut], **ERRORS},
    summary="My credentials, with their status (valid, expired, suspended, revoked)",
)
def my_credentials(request: HttpRequest) -> list[dict[str, Any]]:
    _personal(request, READ)
    return [credential_out(request, c) for c in selectors.credentials_for_learner(learner=request.user)]


@router.get(
    "/credentials/{credential_id}",
    response={200: MyCredentialDetailOut, **ERRORS},
    summary="One of my credentials, with the signed credential",
)
def my_credential(request: HttpRequest, credential_id: uuid.UUID) -> dict[str, Any]:
    _personal(request, READ)
    credential = selectors.credential_of_learner(learner=request.user, credential_id=str(credential_id))
    return {**credential_out(request, credential), "credential": signed_credential(credential)}


def _share_in(request: HttpRequest) -> ShareIn:
    """The optional body: no body, ``{}`` and ``{"expires_in_days": null}`` all mean "no expiry"."""
    try:
        if request.content_type != "application/json":  # no body, or a form post
            return ShareIn.model_validate({"expires_in_days": request.POST.get("expires_in_days") or None})
        if not request.body.strip():
            return ShareIn()
        return ShareIn.model_validate_json(request.body)
    except pydantic.ValidationError as exc:
        raise ValidationFailed(
            _('Send JSON like {"expires_in_days": 30}, or no body for a link without expiry.'),
            field="expires_in_days",
        ) from exc


@router.post(
    "/credentials/{credential_id}/share",
    response={201: ShareLinkOut, **ERRORS},
    summary="Create a public share link; its page shows the live verification result to anyone",
    description='The body is optional: `{"expires_in_days": 30}` makes the link stop working after 30 days; '
    "without it the link works until it is withdrawn. Needs a personal token with the `write` scope.",
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": ShareIn.model_json_schema()}},
        }
    },
)
def share(request: HttpRequest, credential_id: uuid.UUID) -> Status[dict]:
    _personal(request, WRITE)
    payload = _share_in(request)
    link = services.create_share_link(
        user=request.user, credential_ids=[str(credential_id)], expires_in_days=payload.expires_in_days
    )
    return Status(201, share_out(request, link))


@router.get(
    "/share-links", response={200: list[ShareLinkOut], **ERRORS}, summary="My share links and their views"
)
def share_links(request: HttpRequest) -> list[dict[str, Any]]:
    _personal(request, READ)
    return [share_out(request, link) for link in selectors.share_links_of(user=request.user)]


@router.post(
    "/share-links/{share_id}/withdraw",
    response={200: ShareLinkOut, **ERRORS},
    summary="Withdraw a share link; its page stops showing the credential at once",
)
def withdraw(request: HttpRequest, share_id: uuid.UUID) -> dict[str, Any]:
    _personal(request, WRITE)
    link = selectors.share_link_of(user=request.user, share_id=share_id)
    return share_out(request, services.withdraw_share_link(link=link, acting_user=request.user))
