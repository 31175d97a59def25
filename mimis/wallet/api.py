# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""REST endpoints for a learner's own credentials and share links: /api/v1/me/...

Personal tokens only (an organisation token acts for its organisation, not for a person's wallet).
Reading needs the ``read`` scope; making or withdrawing a share link publishes or unpublishes personal
data, so it needs ``write``; so do importing a credential from another platform and removing one.
"""

import json
import uuid
from datetime import datetime
from typing import Any

import pydantic
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from mimis.accounts.scopes import ISSUE, READ, WRITE
from mimis.api.auth import require_scope
from mimis.api.schemas import ErrorOut
from mimis.errors import PermissionDenied, ValidationFailed
from mimis.issuing import api as issuing_api
from mimis.issuing.artefacts import signed_credential
from mimis.wallet import imports, selectors, services
from mimis.wallet.errors import ImportRejected
from mimis.wallet.models import ExternalCredential, ShareLink
from mimis.wallet.presenting import labelled, qr_download

router = Router(tags=["my credentials"])
# Mounted at /credentials beside issuing's router: an issuer's action on claim links, which are the wallet's.
credentials_router = Router(tags=["credentials"])
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


class PortfolioIn(Schema):
    title: str = ""
    credentials: list[uuid.UUID] = []
    imported: list[uuid.UUID] = []
    expires_in_days: int | None = None


class ShareLinkOut(Schema):
    id: uuid.UUID
    url: str
    kind: str
    title: str
    credentials: list[uuid.UUID]
    imported: list[uuid.UUID]
    created_at: datetime
    expires_at: datetime | None
    withdrawn_at: datetime | None
    active: bool
    views: int
    downloads: int


class CheckOut(Schema):
    name: str
    label: str
    ok: bool
    code: str
    message: str
    skipped: bool = False


class ImportedOut(Schema):
    id: uuid.UUID
    title: str
    standard: str
    format: str
    status: str
    status_label: str
    issuer_name: str
    issuer_id: str
    issued_on: datetime | None
    imported_at: datetime
    checked_at: datetime
    checks: list[CheckOut]


class ImportedDetailOut(ImportedOut):
    credential: Any


class ImportIn(Schema):
    credential: dict[str, Any] | str


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


def share_url_of(request: HttpRequest, link: ShareLink) -> str:
    return request.build_absolute_uri(reverse("wallet:shared", args=[link.token]))


def share_out(request: HttpRequest, link: ShareLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "url": share_url_of(request, link),
        "kind": link.kind,
        "title": link.title,
        "credentials": [c.pk for c in link.credentials.all()],
        "imported": [e.pk for e in link.external_credentials.all()],
        "created_at": link.created_at,
        "expires_at": link.expires_at,
        "withdrawn_at": link.withdrawn_at,
        "active": link.is_active,
        "views": link.view_count,
        "downloads": link.download_count,
    }


def imported_out(external: ExternalCredential) -> dict[str, Any]:
    return {
        "id": external.pk,
        "title": external.title,
        "standard": external.standard,
        "format": external.source,
        "status": external.status,
        "status_label": str(external.get_status_display()),
        "issuer_name": external.issuer_name,
        "issuer_id": external.issuer_id,
        "issued_on": external.issued_on,
        "imported_at": external.imported_at,
        "checked_at": external.checked_at,
        "checks": [
            {"skipped": False, **check, "label": str(check["label"]), "message": str(check["message"])}
            for check in labelled(external.checks)
        ],
    }


@router.get(
    "/credentials",
    response={200: list[MyCredentialOut], **ERRORS},
    summary="My credentials, with their status (valid, expired, suspended, revoked)",
)
def my_credentials(request: HttpRequest) -> list[dict[str, Any]]:
    _personal(request, READ)
    return [credential_out(request, c) for c in selectors.credentials_for_learner(learner=request.user)]


# The imported credentials' routes come before "/credentials/{credential_id}", which would take their paths.


def _import_body(request: HttpRequest) -> bytes:
    """The credential from a JSON body: ``{"credential": <credential or JWT>}``, or the bare file's bytes
    (a credential's JSON, a JWT, a baked PNG or SVG). At most MAX_IMPORT_BYTES are read."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > imports.MAX_IMPORT_BYTES:
        raise ImportRejected(imports._too_large(), field="credential")
    data = request.read(imports.MAX_IMPORT_BYTES + 1)
    if not data.strip():
        raise ImportRejected(
            _('Send the credential as a file (multipart, field "file") or as JSON: {"credential": ...}.'),
            field="credential",
        )
    try:
        wrapped = ImportIn.model_validate_json(data)
    except (pydantic.ValidationError, ValueError):
        return data  # the credential itself, or something read_upload explains
    if isinstance(wrapped.credential, str):
        return wrapped.credential.encode("utf-8")
    return json.dumps(wrapped.credential, ensure_ascii=False).encode("utf-8")


@router.post(
    "/credentials/import",
    response={201: ImportedOut, **ERRORS},
    summary="Import an Open Badges 2.0 or 3.0 credential, or another W3C verifiable credential, into my wallet",
    description="Send the file as `multipart/form-data` in the field `file` (JSON, JWT, or a baked PNG or SVG "
    'badge), or send JSON: `{"credential": {...}}` with the credential, or `{"credential": "<JWT>"}`. At most '
    "10 MB. The credential is verified first: a tampered, unsupported or oversized file, or an image bomb, "
    "stores nothing (422 `import_rejected`, saying why); so does one issued to someone else (422 "
    "`import_not_issued_to_you`: its recipient must be one of my verified e-mail addresses, or a DID MIMIS has "
    "bound to me); one already in the wallet 409 `import_duplicate`. "
    "What is stored shows its status: `verified`, `expired`, `revoked`, `suspended`, or `unverifiable` "
    "(could not be checked, with the reason in `checks`). Needs a personal token with the `write` scope.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
                "application/json": {"schema": ImportIn.model_json_schema()},
            },
        }
    },
)
def import_credential(request: HttpRequest) -> Status[dict]:
    _personal(request, WRITE)
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise ImportRejected(_('Send the file in the form field "file".'), field="file")
        external = imports.import_file(user=request.user, upload=upload)
    else:
        external = imports.import_credential(user=request.user, data=_import_body(request))
    return Status(201, imported_out(external))


@router.get(
    "/credentials/imported",
    response={200: list[ImportedOut], **ERRORS},
    summary="The credentials I imported from other platforms, with their status when last checked",
)
def imported_credentials(request: HttpRequest) -> list[dict[str, Any]]:
    _personal(request, READ)
    return [imported_out(e) for e in selectors.imported_credentials_of(user=request.user)]


@router.get(
    "/credentials/imported/{credential_id}",
    response={200: ImportedDetailOut, **ERRORS},
    summary="One imported credential, checked again now, with the credential as imported",
)
def imported_credential(request: HttpRequest, credential_id: uuid.UUID) -> dict[str, Any]:
    _personal(request, READ)
    external = imports.imported_of(user=request.user, credential_id=str(credential_id))
    external = imports.recheck(credential=external)
    return {**imported_out(external), "credential": imports.stored_content(external)}


@router.delete(
    "/credentials/imported/{credential_id}",
    response={204: None, **ERRORS},
    summary="Remove an imported credential from my wallet",
)
def remove_imported(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    _personal(request, WRITE)
    external = imports.imported_of(user=request.user, credential_id=str(credential_id))
    imports.remove_imported(user=request.user, credential=external)
    return HttpResponse(status=204)


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


@router.post(
    "/share-links",
    response={201: ShareLinkOut, **ERRORS},
    summary="Create a portfolio page: several of my credentials, imported ones included, on one share link",
    description="`credentials` are ids of my credentials, `imported` ids of credentials I imported from other "
    "platforms (shown with their own verification status, checked again on every visit). Without a `title` "
    "the page is called *My micro-credentials*. Needs a personal token with the `write` scope.",
)
def create_portfolio(request: HttpRequest, payload: PortfolioIn) -> Status[dict]:
    _personal(request, WRITE)
    link = services.create_share_link(
        user=request.user,
        credential_ids=[str(c) for c in payload.credentials],
        imported_ids=[str(e) for e in payload.imported],
        expires_in_days=payload.expires_in_days,
        title=payload.title.strip() or str(_("My micro-credentials")),
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


@router.get(
    "/share-links/{share_id}/qr.svg",
    response={200: None, **ERRORS},
    summary="A share link as a QR code (SVG image) to print or show",
)
def share_link_qr(request: HttpRequest, share_id: uuid.UUID) -> HttpResponse:
    _personal(request, READ)
    link = selectors.share_link_of(user=request.user, share_id=share_id)
    return qr_download(share_url_of(request, link), name=f"mimis-share-{link.pk}")


@credentials_router.post(
    "/{credential_id}/resend-claim",
    response={202: issuing_api.CredentialOut, **issuing_api.ERRORS},
    summary="E-mail the learner a new link to collect the credential (the earlier link stops working)",
    operation_id="mimis_issuing_api_resend_claim",  # as before it moved here from issuing
)
def resend_claim(request: HttpRequest, credential_id: uuid.UUID) -> Status[dict]:
    require_scope(request, ISSUE)
    credential = issuing_api._credential_for_issuer(request, credential_id)
    return Status(
        202,
        issuing_api.credential_out(
            services.resend_claim_link(credential=credential, acting_user=request.user)
        ),
    )
