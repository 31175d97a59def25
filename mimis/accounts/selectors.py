"""Reads for accounts and organisations. Non-public data is only returned to members."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import HttpRequest

from mimis.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationStatus,
    Role,
    User,
)
from mimis.accounts.permissions import Capability, capabilities_in, require_capability
from mimis.errors import NotFound


@dataclass
class OrganisationMembership:
    organisation: Organisation
    roles: list[str]
    capabilities: frozenset[Capability] = field(default_factory=frozenset)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]


def memberships_for(*, user: User) -> list[OrganisationMembership]:
    """The user's organisations, each with their roles and what those roles allow."""
    if not user.is_authenticated:
        return []
    grouped: dict[int, OrganisationMembership] = {}
    order = list(Role.values)
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        entry = grouped.setdefault(
            membership.organisation_id, OrganisationMembership(membership.organisation, [])
        )
        entry.roles.append(membership.role)
    result = []
    for entry in sorted(grouped.values(), key=lambda e: e.organisation.name):
        entry.roles.sort(key=order.index)
        user.__dict__.setdefault("_mimis_roles", {})[entry.organisation.pk] = set(entry.roles)
        entry.capabilities = capabilities_in(user, entry.organisation)
        result.append(entry)
    return result


def memberships_of_request(request: HttpRequest) -> list[OrganisationMembership]:
    """memberships_for the signed-in user, computed once per request (navigation and pages share it)."""
    if not hasattr(request, "_mimis_memberships"):
        request._mimis_memberships = memberships_for(user=request.user)  # type: ignore[attr-defined]
    return request._mimis_memberships  # type: ignore[attr-defined]


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=OrganisationStatus.APPROVED).order_by("name")


def organisation_visible_to(*, user: User, slug: str) -> Organisation:
    """Approved organisations are public; pending and rejected ones only to their members and the region."""
    from mimis.accounts.permissions import is_platform_admin

    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound()
    if organisation.status == OrganisationStatus.APPROVED:
        return organisation
    if user.is_authenticated and (
        Membership.objects.filter(user=user, organisation=organisation).exists() or is_platform_admin(user)
    ):
        return organisation
    raise NotFound()


def organisation_for(*, user: User, slug: str, capability: Capability) -> Organisation:
    """The organisation if the user may use ``capability`` in it; 404 to outsiders, 403 to members."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound()
    require_capability(user, capability, organisation)
    return organisation


@dataclass
class Member:
    user: User
    roles: list[str]

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]


def members_of(*, organisation: Organisation) -> list[Member]:
    roles: dict[int, list[str]] = defaultdict(list)
    users: dict[int, User] = {}
    order = list(Role.values)
    for membership in Membership.objects.filter(organisation=organisation).select_related("user"):
        roles[membership.user_id].append(membership.role)
        users[membership.user_id] = membership.user
    return [
        Member(users[uid], sorted(roles[uid], key=order.index))
        for uid in sorted(users, key=lambda uid: users[uid].name.lower())
    ]


def open_invitations_of(*, organisation: Organisation) -> list[Invitation]:
    return list(Invitation.objects.filter(organisation=organisation, accepted_at=None, revoked_at=None))


def pending_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=OrganisationStatus.PENDING).order_by("created_at")


def personal_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, organisation=None)


def organisation_tokens_of(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).select_related("user")


def has_confirmed_two_factor(*, user: User) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
