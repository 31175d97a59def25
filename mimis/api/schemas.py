from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    status: str
    description: str
    website: str
    municipality: str
    country: str
    is_demo: bool


class PasswordChangeIn(Schema):
    current_password: str
    new_password: str


class OrganisationIn(Schema):
    name: str
    kind: str
    slug: str = ""
    description: str = ""
    website: str = ""
    organisation_number: str = ""
    municipality: str = ""


class OrganisationPatch(Schema):
    name: str | None = None
    description: str | None = None
    website: str | None = None
    municipality: str | None = None
    organisation_number: str | None = None


class DecisionIn(Schema):
    approve: bool
    reason: str = ""


class MembershipOut(Schema):
    organisation: OrganisationOut
    roles: list[str]
    capabilities: list[str]


class MeOut(Schema):
    id: int
    email: str
    name: str
    language: str
    email_verified: bool
    memberships: list[MembershipOut]
    token_scopes: list[str]
    token_organisation: str | None


class MemberOut(Schema):
    id: int
    email: str
    name: str
    roles: list[str]


class RolesIn(Schema):
    roles: list[str]


class InvitationIn(Schema):
    email: str
    role: str


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str
    scopes: list[str] = Field(default_factory=lambda: ["read"])
    organisation: str | None = None
    expires_at: datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    organisation: str | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The secret. It is shown once and cannot be retrieved again.")


class AuditEntryOut(Schema):
    sequence: int
    at: datetime
    actor: str = Field(alias="actor_label")
    organisation: str | None
    action: str
    object_type: str
    object_id: str
    data: dict
    entry_hash: str

    @staticmethod
    def resolve_organisation(entry) -> str | None:  # type: ignore[no-untyped-def]
        return entry.organisation.slug if entry.organisation_id and entry.organisation else None


class AuditVerifyOut(Schema):
    intact: bool
    checked: int
    first_bad_sequence: int | None
    problem: str
