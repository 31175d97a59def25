# No "from __future__ import annotations": django-ninja reads these annotations at run time.
"""REST endpoints for an organisation's signing keys: list, rotate, mark compromised (which re-issues)."""

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from mimis.accounts.models import Organisation
from mimis.accounts.permissions import Capability
from mimis.accounts.scopes import ADMIN, READ
from mimis.accounts.selectors import organisation_for
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.errors import NotFound
from mimis.issuing import keys, reissue
from mimis.issuing.models import IssuerKey, KeyReissue

router = Router(tags=["issuer keys"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ReissueOut(Schema):
    id: uuid.UUID
    status: str
    total: int
    reissued: int
    remaining: int
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class KeyOut(Schema):
    key_id: str
    algorithm: str
    status: str
    verification_method: str
    public_key_multibase: str
    created_at: datetime
    retired_at: datetime | None
    compromised_at: datetime | None
    credentials_signed: int
    reissue: ReissueOut | None


class RotateIn(Schema):
    algorithm: str


class CompromisedOut(Schema):
    key: KeyOut
    reissue: ReissueOut


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.MANAGE_ISSUER_KEYS)
    check_token_organisation(request, organisation)
    return organisation


def reissue_out(job: KeyReissue, remaining: int) -> dict[str, Any]:
    return {
        "id": job.pk,
        "status": job.status,
        "total": job.total,
        "reissued": job.reissued_count,
        "remaining": remaining,
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


def key_out(key: IssuerKey) -> dict[str, Any]:
    """``key`` comes from ``keys.keys_of`` (with its counts); never the private key."""
    job = reissue.job_of(key)
    return {
        "key_id": key.key_id,
        "algorithm": key.algorithm,
        "status": key.status,
        "verification_method": keys.verification_method(key),
        "public_key_multibase": key.public_key,
        "created_at": key.created_at,
        "retired_at": key.retired_at,
        "compromised_at": key.compromised_at,
        "credentials_signed": key.signed_count,
        "reissue": reissue_out(job, key.to_reissue_count) if job else None,
    }


@router.get(
    "/{slug}/keys",
    response={200: list[KeyOut], **ERRORS},
    summary="The organisation's signing keys, what each signed, and any re-issue after a compromise",
)
def list_keys(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    require_scope(request, READ)
    organisation = _organisation(request, slug)
    return [key_out(key) for key in keys.keys_of(organisation=organisation)]


@router.post(
    "/{slug}/keys/rotate",
    response={201: KeyOut, **ERRORS},
    summary="A new key of the algorithm signs from now on; the old one still verifies what it signed",
)
def rotate_key(request: HttpRequest, slug: str, payload: RotateIn) -> Status[dict]:
    require_scope(request, ADMIN)
    organisation = _organisation(request, slug)
    key = keys.rotate_key(organisation=organisation, algorithm=payload.algorithm, acting_user=request.user)
    return Status(201, key_out(keys.key_of(organisation=organisation, key_id=key.key_id)))


@router.post(
    "/{slug}/keys/{key_id}/compromise",
    response={202: CompromisedOut, **ERRORS},
    summary=(
        "Revoke a key: what it signed fails verification; re-issue those credentials with a new key in the "
        "background and e-mail their holders. Calling it again resumes a stopped re-issue, never repeats one."
    ),
)
def compromise_key(request: HttpRequest, slug: str, key_id: str) -> Status[dict]:
    require_scope(request, ADMIN)
    organisation = _organisation(request, slug)
    key = keys.key_of(organisation=organisation, key_id=key_id)
    reissue.compromise_key(key=key, acting_user=request.user)
    key = keys.key_of(organisation=organisation, key_id=key_id)
    out = key_out(key)
    return Status(202, {"key": out, "reissue": out["reissue"]})


@router.get(
    "/{slug}/keys/{key_id}/reissue",
    response={200: ReissueOut, **ERRORS},
    summary="Progress of the re-issue after a key was compromised",
)
def get_reissue(request: HttpRequest, slug: str, key_id: str) -> dict[str, Any]:
    require_scope(request, READ)
    organisation = _organisation(request, slug)
    key = keys.key_of(organisation=organisation, key_id=key_id)
    job = reissue.job_of(key)
    if job is None:
        raise NotFound()
    return reissue_out(job, key.to_reissue_count)
