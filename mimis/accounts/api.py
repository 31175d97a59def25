"""REST endpoints for the caller, organisations, members, invitations and API tokens."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from mimis.accounts import selectors, services
from mimis.accounts.models import ApiToken, Invitation, Organisation, User
from mimis.accounts.permissions import Capability
from mimis.accounts.scopes import ADMIN, READ, WRITE
from mimis.api.auth import authenticate_optional, check_token_organisation, require_scope
from mimis.api.schemas import (
    DecisionIn,
    ErrorOut,
    InvitationIn,
    InvitationOut,
    MemberOut,
    MeOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    PasswordChangeIn,
    RolesIn,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from mimis.errors import NotFound, PermissionDenied

router = Router()
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut, 422: ErrorOut}


def _organisation_for(request: HttpRequest, slug: str, capability: Capability) -> Organisation:
    organisation = selectors.organisation_for(user=request.user, slug=slug, capability=capability)
    check_token_organisation(request, organisation)
    return organisation


def _token_out(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "scopes": token.scopes,
        "organisation": token.organisation.slug if token.organisation else None,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get(
    "/me", response=MeOut, tags=["me"], summary="The caller, their organisations, roles and abilities"
)
def me(request: HttpRequest) -> dict:
    require_scope(request, READ)
    user: User = request.user
    token: ApiToken = request.api_token  # type: ignore[attr-defined]
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "email_verified": user.email_verified,
        "memberships": [
            {"organisation": m.organisation, "roles": m.roles, "capabilities": sorted(m.capabilities)}
            for m in selectors.memberships_for(user=user)
            if token.organisation_id in (None, m.organisation.pk)
        ],
        "token_scopes": token.scopes,
        "token_organisation": token.organisation.slug if token.organisation else None,
    }


@router.post(
    "/me/password",
    response={204: None, **ERRORS},
    tags=["me"],
    summary="Change the caller's password (a personal token; the current password is needed too)",
)
def change_password(request: HttpRequest, payload: PasswordChangeIn) -> Status[None]:
    require_scope(request, WRITE)
    if request.api_token.organisation_id is not None:  # type: ignore[attr-defined]
        raise PermissionDenied()
    services.change_password(
        user=request.user, current_password=payload.current_password, new_password=payload.new_password
    )
    return Status(204, None)


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    auth=None,
    tags=["organisations"],
    summary="Approved organisations (public)",
)
def list_organisations(request: HttpRequest, kind: str | None = None) -> list[Organisation]:
    organisations = selectors.public_organisations()
    if kind:
        organisations = organisations.filter(kind=kind)
    return list(organisations)


@router.post(
    "/organisations",
    response={201: OrganisationOut, **ERRORS},
    tags=["organisations"],
    summary="Apply to register an organisation (the caller becomes its admin)",
)
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    require_scope(request, WRITE)
    return Status(201, services.register_organisation(acting_user=request.user, **payload.dict()))


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, 404: ErrorOut},
    auth=None,
    tags=["organisations"],
    summary="One organisation (pending ones only to members and the region)",
)
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    authenticate_optional(request)
    return selectors.organisation_visible_to(user=request.user, slug=slug)


@router.patch("/organisations/{slug}", response={200: OrganisationOut, **ERRORS}, tags=["organisations"])
def update_organisation(request: HttpRequest, slug: str, payload: OrganisationPatch) -> Organisation:
    require_scope(request, ADMIN)
    organisation = _organisation_for(request, slug, Capability.EDIT_ORGANISATION)
    current = {
        f: getattr(organisation, f)
        for f in ("name", "description", "website", "municipality", "organisation_number")
    }
    current.update({k: v for k, v in payload.dict().items() if v is not None})
    return services.update_organisation(organisation=organisation, acting_user=request.user, **current)


@router.post(
    "/organisations/{slug}/decision",
    response={200: OrganisationOut, **ERRORS},
    tags=["platform"],
    summary="Approve or reject an organisation's application (region admins)",
)
def decide_organisation(request: HttpRequest, slug: str, payload: DecisionIn) -> Organisation:
    require_scope(request, ADMIN)
    organisation = get_object_or_404(Organisation, slug=slug)
    return services.decide_organisation(
        organisation=organisation, acting_user=request.user, approve=payload.approve, reason=payload.reason
    )


@router.get("/organisations/{slug}/members", response={200: list[MemberOut], **ERRORS}, tags=["members"])
def list_members(request: HttpRequest, slug: str) -> list[dict]:
    require_scope(request, READ)
    organisation = _organisation_for(request, slug, Capability.VIEW_ORGANISATION)
    return [
        {"id": m.user.pk, "email": m.user.email, "name": m.user.name, "roles": m.roles}
        for m in selectors.members_of(organisation=organisation)
    ]


@router.put(
    "/organisations/{slug}/members/{user_id}/roles",
    response={200: MemberOut, **ERRORS},
    tags=["members"],
    summary="Set a member's roles exactly (an empty list removes the member)",
)
def set_roles(request: HttpRequest, slug: str, user_id: int, payload: RolesIn) -> dict:
    require_scope(request, ADMIN)
    organisation = _organisation_for(request, slug, Capability.MANAGE_MEMBERS)
    member = User.objects.filter(pk=user_id, memberships__organisation=organisation).distinct().first()
    if member is None:
        raise NotFound()
    roles = services.set_member_roles(
        organisation=organisation, member=member, roles=payload.roles, acting_user=request.user
    )
    return {"id": member.pk, "email": member.email, "name": member.name, "roles": sorted(roles)}


@router.get(
    "/organisations/{slug}/invitations", response={200: list[InvitationOut], **ERRORS}, tags=["members"]
)
def list_invitations(request: HttpRequest, slug: str) -> list[Invitation]:
    require_scope(request, ADMIN)
    organisation = _organisation_for(request, slug, Capability.MANAGE_MEMBERS)
    return list(Invitation.objects.filter(organisation=organisation))


@router.post(
    "/organisations/{slug}/invitations",
    response={201: InvitationOut, **ERRORS},
    tags=["members"],
    summary="Invite someone by e-mail; the link is sent to them, never returned",
)
def create_invitation(request: HttpRequest, slug: str, payload: InvitationIn) -> Status[Invitation]:
    require_scope(request, ADMIN)
    organisation = _organisation_for(request, slug, Capability.MANAGE_MEMBERS)
    invitation = services.invite_member(
        organisation=organisation, email=payload.email, role=payload.role, acting_user=request.user
    )
    return Status(201, invitation)


@router.delete(
    "/organisations/{slug}/invitations/{invitation_id}",
    response={200: InvitationOut, **ERRORS},
    tags=["members"],
    summary="Withdraw an invitation",
)
def revoke_invitation(request: HttpRequest, slug: str, invitation_id: int) -> Invitation:
    require_scope(request, ADMIN)
    organisation = _organisation_for(request, slug, Capability.MANAGE_MEMBERS)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    return services.revoke_invitation(invitation=invitation, acting_user=request.user)


@router.get("/tokens", response=list[TokenOut], tags=["tokens"], summary="The caller's API tokens")
def list_tokens(request: HttpRequest) -> list[dict]:
    require_scope(request, READ)
    tokens = ApiToken.objects.filter(user=request.user).select_related("organisation")
    caller: ApiToken = request.api_token  # type: ignore[attr-defined]
    if caller.organisation_id is not None:  # an organisation token sees its organisation's tokens only
        tokens = tokens.filter(organisation_id=caller.organisation_id)
    return [_token_out(t) for t in tokens]


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, **ERRORS},
    tags=["tokens"],
    summary="Create an API token; the secret is in this response only",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict]:
    require_scope(request, ADMIN)
    organisation = None
    if payload.organisation:
        organisation = _organisation_for(request, payload.organisation, Capability.MANAGE_ORGANISATION_TOKENS)
    token, secret = services.create_api_token(
        user=request.user,
        acting_user=request.user,
        name=payload.name,
        scopes=payload.scopes,
        organisation=organisation,
        expires_at=payload.expires_at,
        minted_by=request.api_token,  # type: ignore[attr-defined]
    )
    return Status(201, {**_token_out(token), "token": secret})


@router.delete(
    "/tokens/{token_id}", response={200: TokenOut, **ERRORS}, tags=["tokens"], summary="Revoke an API token"
)
def revoke_token(request: HttpRequest, token_id: int) -> dict:
    require_scope(request, ADMIN)
    token = ApiToken.objects.select_related("organisation").filter(pk=token_id).first()
    if token is None:
        raise NotFound()
    caller: ApiToken = request.api_token  # type: ignore[attr-defined]
    if caller.organisation_id is not None and token.organisation_id != caller.organisation_id:
        raise NotFound()  # an organisation token acts only within its organisation
    return _token_out(services.revoke_api_token(token=token, acting_user=request.user))
