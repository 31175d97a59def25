"""Who may do what: capabilities by kind of organisation and role.

This table is the single source of truth; views, the API and the CLI ask ``has_capability`` or
``require_capability`` and never look at roles directly. tests/accounts/test_permission_matrix.py
spells the table out for every kind and role.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from mimis.accounts.models import Membership, OrganisationKind, OrganisationStatus, Role
from mimis.errors import NotFound, PermissionDenied

if TYPE_CHECKING:
    from mimis.accounts.models import Organisation, User


class Capability(StrEnum):
    VIEW_ORGANISATION = "view_organisation"  # the organisation's non-public data
    EDIT_ORGANISATION = "edit_organisation"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_ORGANISATION_TOKENS = "manage_organisation_tokens"
    AUTHOR_MICROCREDENTIALS = "author_microcredentials"
    ISSUE_CREDENTIALS = "issue_credentials"
    MANAGE_ISSUER_KEYS = "manage_issuer_keys"  # rotate signing keys, mark one compromised
    REVIEW_MICROCREDENTIALS = "review_microcredentials"
    COORDINATE_REVIEWS = "coordinate_reviews"  # assign submissions to the QA body's reviewers
    ENDORSE_MICROCREDENTIALS = "endorse_microcredentials"
    ADMINISTER_PLATFORM = "administer_platform"  # approve organisations, read the audit log


# Organisations that design and issue micro-credentials (the Skåne model: providers include employers
# and unions, not only schools).
PROVIDER_KINDS = frozenset(
    {OrganisationKind.EDUCATION_PROVIDER, OrganisationKind.EMPLOYER, OrganisationKind.UNION}
)
ENDORSER_KINDS = frozenset({OrganisationKind.EMPLOYER, OrganisationKind.UNION})

_EVERY_MEMBER = {Capability.VIEW_ORGANISATION}
_ADMIN = {Capability.EDIT_ORGANISATION, Capability.MANAGE_MEMBERS, Capability.MANAGE_ORGANISATION_TOKENS}


def _capabilities_for(kind: str, role: str) -> frozenset[Capability]:
    caps = set(_EVERY_MEMBER)
    if role == Role.ADMIN:
        caps |= _ADMIN
    if kind in PROVIDER_KINDS:
        if role in {Role.ADMIN, Role.EDITOR}:
            caps.add(Capability.AUTHOR_MICROCREDENTIALS)
        # Issuing is the issuer role's alone (issue 16): an administrator who issues gives themselves the
        # issuer role, which the audit log records, so every credential is signed by someone named for it.
        if role == Role.ISSUER:
            caps.add(Capability.ISSUE_CREDENTIALS)
        if role == Role.ADMIN:
            caps.add(Capability.MANAGE_ISSUER_KEYS)
    if kind in ENDORSER_KINDS and role in {Role.ADMIN, Role.EDITOR}:
        caps.add(Capability.ENDORSE_MICROCREDENTIALS)
    if kind == OrganisationKind.QA_BODY and role in {Role.ADMIN, Role.REVIEWER}:
        caps.add(Capability.REVIEW_MICROCREDENTIALS)
    if kind == OrganisationKind.QA_BODY and role == Role.ADMIN:
        caps.add(Capability.COORDINATE_REVIEWS)
    if kind == OrganisationKind.REGION and role == Role.ADMIN:
        caps.add(Capability.ADMINISTER_PLATFORM)
    return frozenset(caps)


CAPABILITY_TABLE: dict[tuple[str, str], frozenset[Capability]] = {
    (kind, role): _capabilities_for(kind, role) for kind in OrganisationKind.values for role in Role.values
}
# What a member of an organisation that is not (yet) approved may do: see it and fix its profile.
PENDING_CAPABILITIES = frozenset({Capability.VIEW_ORGANISATION, Capability.EDIT_ORGANISATION})

# Roles that can issue, approve or administer must sign in with a second factor.
TWO_FACTOR_ROLES = frozenset({Role.ADMIN, Role.ISSUER, Role.REVIEWER})


def roles_in(user: User, organisation: Organisation) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    cache = user.__dict__.setdefault("_mimis_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = set(
            Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True)
        )
    return cache[organisation.pk]


def capabilities_in(user: User, organisation: Organisation) -> frozenset[Capability]:
    caps: set[Capability] = set()
    for role in roles_in(user, organisation):
        caps |= CAPABILITY_TABLE[(organisation.kind, role)]
    if organisation.status != OrganisationStatus.APPROVED:
        caps &= PENDING_CAPABILITIES
    return frozenset(caps)


def has_capability(user: User, capability: Capability, organisation: Organisation) -> bool:
    return capability in capabilities_in(user, organisation)


def require_capability(user: User, capability: Capability, organisation: Organisation) -> None:
    """Raise NotFound to outsiders (so existence does not leak), PermissionDenied to members without it."""
    if not roles_in(user, organisation):
        raise NotFound()
    if not has_capability(user, capability, organisation):
        raise PermissionDenied()


def is_platform_admin(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(
        user=user,
        role=Role.ADMIN,
        organisation__kind=OrganisationKind.REGION,
        organisation__status=OrganisationStatus.APPROVED,
    ).exists()


def require_platform_admin(user: User) -> None:
    if not is_platform_admin(user):
        raise PermissionDenied()


def requires_two_factor(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()
