"""REST endpoints of co-design invitations (/api/v1/codesign/...): the provider invites or withdraws; the
invited organisation accepts or declines. The same functions as the pages (``mimis.catalog.codesign``)."""
# No "from __future__ import annotations": django-ninja reads these annotations at run time.

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from mimis.accounts.models import Organisation
from mimis.accounts.permissions import Capability, require_capability
from mimis.accounts.scopes import READ, WRITE
from mimis.api.auth import check_token_organisation, require_scope
from mimis.api.schemas import ErrorOut
from mimis.catalog import codesign
from mimis.catalog.models import CoDesigner, MicroCredential
from mimis.errors import NotFound

router = Router(tags=["co-design"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class InvitationOut(Schema):
    id: int
    microcredential_id: int
    slug: str
    provider: str
    organisation: str
    status: str = Field(description="invited, accepted, declined or withdrawn")
    invited_at: datetime
    responded_at: datetime | None


class InvitationIn(Schema):
    microcredential_id: int
    organisation: str = Field(description="Slug of the employer, union or association to invite")


def invitation_out(codesigner: CoDesigner) -> dict:
    return {
        "id": codesigner.pk,
        "microcredential_id": codesigner.microcredential_id,
        "slug": codesigner.microcredential.slug,
        "provider": codesigner.microcredential.provider.slug,
        "organisation": codesigner.organisation.slug,
        "status": codesigner.status,
        "invited_at": codesigner.added_at,
        "responded_at": codesigner.responded_at,
    }


def _invitation(request: HttpRequest, invitation_id: int) -> CoDesigner:
    return codesign.invitation_for(invitation_id=invitation_id, user=request.user)


@router.get(
    "/invitations",
    response=list[InvitationOut],
    summary="Invitations to my organisations (those in which I may answer), newest first",
)
def list_invitations(request: HttpRequest, status: str = "") -> list[dict]:
    require_scope(request, READ)
    found = codesign.invitations_for(user=request.user)
    token = getattr(request, "api_token", None)
    if token is not None and token.organisation_id is not None:
        found = found.filter(organisation_id=token.organisation_id)
    if status:
        found = found.filter(status=status)
    return [invitation_out(c) for c in found]


@router.get(
    "/microcredentials/{microcredential_id}",
    response={200: list[InvitationOut], **ERRORS},
    summary="Every invitation of a micro-credential (its provider's editors and admins)",
)
def microcredential_invitations(request: HttpRequest, microcredential_id: int) -> list[dict]:
    require_scope(request, READ)
    microcredential = MicroCredential.objects.filter(pk=microcredential_id).select_related("provider").first()
    if microcredential is None:
        raise NotFound()
    check_token_organisation(request, microcredential.provider)
    require_capability(request.user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)
    return [invitation_out(c) for c in codesign.invitations_of(microcredential=microcredential)]


@router.get("/invitations/{invitation_id}", response={200: InvitationOut, **ERRORS}, summary="One invitation")
def get_invitation(request: HttpRequest, invitation_id: int) -> dict:
    require_scope(request, READ)
    return invitation_out(_invitation(request, invitation_id))


@router.post(
    "/invitations",
    response={201: InvitationOut, **ERRORS},
    summary="Invite an organisation to co-design (it is shown and may edit only once it accepts)",
)
def invite(request: HttpRequest, payload: InvitationIn) -> Status[dict]:
    require_scope(request, WRITE)
    microcredential = (
        MicroCredential.objects.filter(pk=payload.microcredential_id).select_related("provider").first()
    )
    organisation = Organisation.objects.filter(slug=payload.organisation).first()
    if microcredential is None:
        raise NotFound()
    check_token_organisation(request, microcredential.provider)
    if organisation is None:
        raise NotFound()
    codesigner = codesign.add_codesigner(
        microcredential=microcredential, organisation=organisation, acting_user=request.user
    )
    return Status(
        201, invitation_out(codesign.invitation_for(invitation_id=codesigner.pk, user=request.user))
    )


def _step(request: HttpRequest, invitation_id: int, step, side: str) -> dict:  # type: ignore[no-untyped-def]
    require_scope(request, WRITE)
    codesigner = _invitation(request, invitation_id)
    organisation = codesigner.organisation if side == "invited" else codesigner.microcredential.provider
    check_token_organisation(request, organisation)
    return invitation_out(step(codesigner=codesigner, acting_user=request.user))


@router.post(
    "/invitations/{invitation_id}/accept",
    response={200: InvitationOut, **ERRORS},
    summary="Accept: your organisation designs the micro-credential from now on",
)
def accept(request: HttpRequest, invitation_id: int) -> dict:
    return _step(request, invitation_id, codesign.accept_codesign_invitation, "invited")


@router.post(
    "/invitations/{invitation_id}/decline",
    response={200: InvitationOut, **ERRORS},
    summary="Decline: your organisation's name is shown nowhere",
)
def decline(request: HttpRequest, invitation_id: int) -> dict:
    return _step(request, invitation_id, codesign.decline_codesign_invitation, "invited")


@router.post(
    "/invitations/{invitation_id}/withdraw",
    response={200: InvitationOut, **ERRORS},
    summary="Withdraw an invitation, or remove a co-designer while a version is edited (the provider)",
)
def withdraw(request: HttpRequest, invitation_id: int) -> dict:
    return _step(request, invitation_id, codesign.withdraw_codesigner, "provider")
