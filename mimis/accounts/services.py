"""State changes for people, organisations, memberships, invitations and API tokens.

Each function is one transaction with one audit record; e-mails are queued after commit.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mimis.accounts import scopes as token_scopes
from mimis.accounts import tasks
from mimis.accounts.errors import (
    AlreadyMember,
    EmailAlreadyRegistered,
    InvitationExpired,
    InvitationForSomeoneElse,
    InvitationInvalid,
    InvitationPending,
    InvitationUsed,
    LastAdmin,
    OrganisationNotPending,
    SlugTaken,
    TokenWidening,
    TwoFactorCodeWrong,
    TwoFactorRequired,
    UnknownScope,
    VerificationLinkInvalid,
)
from mimis.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    Role,
    User,
)
from mimis.accounts.permissions import (
    Capability,
    require_capability,
    require_platform_admin,
    requires_two_factor,
)
from mimis.accounts.tokens import hash_secret, new_secret, read_email_verification_token
from mimis.audit.services import record
from mimis.errors import ValidationFailed


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email") from exc
    return email


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), field="password") from exc


def _on_commit(func, /, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
    transaction.on_commit(partial(func.enqueue, **kwargs))


# --- people ------------------------------------------------------------------------------------------


@transaction.atomic
def register_learner(*, email: str, name: str, password: str, language: str = "sv") -> User:
    """Self-registration of a learner: an account without organisation, e-mail to be verified."""
    email = normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter your name."), field="name")
    if User.objects.filter(email__iexact=email).exists():
        raise EmailAlreadyRegistered()
    user = User(email=email, name=name, language=language if language in {"sv", "en"} else "sv")
    _check_password(password, user)
    user.set_password(password)
    user.save()
    record("user.registered", actor=user, target=user)
    _on_commit(tasks.send_verification_email, user_id=user.pk)
    return user


def resend_verification_email(*, user: User) -> None:
    if not user.email_verified:
        tasks.send_verification_email.enqueue(user_id=user.pk)


@transaction.atomic
def verify_email(*, token: str) -> User:
    try:
        user_id, email = read_email_verification_token(token)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise VerificationLinkInvalid() from exc
    user = User.objects.select_for_update().filter(pk=user_id, email__iexact=email, is_active=True).first()
    if user is None:
        raise VerificationLinkInvalid()
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
        record("user.email_verified", actor=user, target=user)
    return user


@transaction.atomic
def update_profile(*, user: User, name: str, language: str) -> User:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter your name."), field="name")
    if language not in {"sv", "en"}:
        raise ValidationFailed(_("Choose Swedish or English."), field="language")
    user.name = name
    user.language = language
    user.save(update_fields=["name", "language"])
    return user


@transaction.atomic
def change_password(*, user: User, current_password: str, new_password: str) -> User:
    """A signed-in person changes their password: audited, and the account's address is told."""
    if not user.check_password(current_password or ""):
        raise ValidationFailed(_("Your current password is not right."), field="old_password")
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationFailed(" ".join(error.messages), field="new_password1") from error
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record("account.password_changed", actor=user, target=user)
    _on_commit(tasks.send_password_changed_email, user_id=user.pk)
    return user


def request_password_reset(*, email: str) -> None:
    """Queue a reset e-mail if the address has an account; say nothing either way (no account probing)."""
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is not None and user.has_usable_password():
        tasks.send_password_reset_email.enqueue(user_id=user.pk)


# --- organisations -----------------------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "organisation"
    slug = base
    counter = 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def register_organisation(
    *,
    acting_user: User,
    name: str,
    kind: str,
    slug: str = "",
    description: str = "",
    website: str = "",
    organisation_number: str = "",
    municipality: str = "",
) -> Organisation:
    """Apply for a new organisation. It waits for a region administrator; the applicant becomes its admin."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the organisation's name."), field="name")
    if kind not in OrganisationKind.values or kind == OrganisationKind.REGION:
        raise ValidationFailed(_("Choose what kind of organisation it is."), field="kind")
    if slug:
        slug = slugify(slug)
        if not slug:
            raise ValidationFailed(_("Use letters, digits and hyphens in the short name."), field="slug")
        if Organisation.objects.filter(slug=slug).exists():
            raise SlugTaken()
    else:
        slug = _unique_slug(name)
    organisation = Organisation(
        name=name,
        slug=slug,
        kind=kind,
        description=description.strip(),
        website=website.strip(),
        organisation_number=organisation_number.strip(),
        municipality=municipality.strip(),
    )
    try:
        organisation.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed(" ".join(messages), field=field) from exc
    organisation.save()
    Membership.objects.create(user=acting_user, organisation=organisation, role=Role.ADMIN)
    record(
        "organisation.registered",
        actor=acting_user,
        organisation=organisation,
        target=organisation,
        data={"name": name, "kind": kind},
    )
    _on_commit(tasks.notify_platform_admins_of_application, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    acting_user: User,
    name: str,
    description: str,
    website: str,
    municipality: str,
    organisation_number: str,
) -> Organisation:
    require_capability(acting_user, Capability.EDIT_ORGANISATION, organisation)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the organisation's name."), field="name")
    organisation.name = name
    organisation.description = description.strip()
    organisation.website = website.strip()
    organisation.municipality = municipality.strip()
    organisation.organisation_number = organisation_number.strip()
    try:
        organisation.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed(" ".join(messages), field=field) from exc
    organisation.save()
    record("organisation.updated", actor=acting_user, organisation=organisation, target=organisation)
    return organisation


@transaction.atomic
def decide_organisation(
    *, organisation: Organisation, acting_user: User, approve: bool, reason: str = ""
) -> Organisation:
    require_platform_admin(acting_user)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != OrganisationStatus.PENDING:
        raise OrganisationNotPending()
    if not approve and not reason.strip():
        raise ValidationFailed(
            _("Say why the application is rejected; the applicant will read it."), field="reason"
        )
    organisation.status = OrganisationStatus.APPROVED if approve else OrganisationStatus.REJECTED
    organisation.decided_at = timezone.now()
    organisation.save(update_fields=["status", "decided_at"])
    record(
        "organisation.approved" if approve else "organisation.rejected",
        actor=acting_user,
        organisation=organisation,
        target=organisation,
        data={"reason": reason.strip()},
    )
    _on_commit(tasks.send_organisation_decision_email, organisation_id=organisation.pk, reason=reason.strip())
    return organisation


# --- members and invitations -------------------------------------------------------------------------


@transaction.atomic
def invite_member(*, organisation: Organisation, email: str, role: str, acting_user: User) -> Invitation:
    require_capability(acting_user, Capability.MANAGE_MEMBERS, organisation)
    email = normalise_email(email)
    if role not in Role.values:
        raise ValidationFailed(_("Choose a role."), field="role")
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email, role=role).exists():
        raise AlreadyMember()
    if any(i.is_open for i in Invitation.objects.filter(organisation=organisation, email__iexact=email)):
        raise InvitationPending()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        # Unusable until the e-mail task mints the real secret; the link exists only in the e-mail.
        token_hash=hash_secret(new_secret()),
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=settings.MIMIS_INVITATION_VALID_DAYS),
    )
    record(
        "membership.invited",
        actor=acting_user,
        organisation=organisation,
        target=invitation,
        data={"email": email, "role": role},
    )
    _on_commit(tasks.send_invitation_email, invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation, acting_user: User) -> Invitation:
    require_capability(acting_user, Capability.MANAGE_MEMBERS, invitation.organisation)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationUsed()
    invitation.expires_at = timezone.now() + timedelta(days=settings.MIMIS_INVITATION_VALID_DAYS)
    invitation.save(update_fields=["expires_at"])
    record(
        "membership.invitation_resent",
        actor=acting_user,
        organisation=invitation.organisation,
        target=invitation,
    )
    _on_commit(tasks.send_invitation_email, invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, acting_user: User) -> Invitation:
    require_capability(acting_user, Capability.MANAGE_MEMBERS, invitation.organisation)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationUsed()
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(
        "membership.invitation_revoked",
        actor=acting_user,
        organisation=invitation.organisation,
        target=invitation,
    )
    return invitation


def open_invitation(token: str) -> Invitation:
    """The invitation a link points at, or the specific reason it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=hash_secret(token or "")).first()
    )
    if invitation is None:
        raise InvitationInvalid()
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationUsed()
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired()
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    invitation = open_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationUsed()
    if user.email.lower() != invitation.email.lower():
        raise InvitationForSomeoneElse()
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if not user.email_verified:
        # Following the link proved the address.
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    record(
        "membership.joined",
        actor=user,
        organisation=invitation.organisation,
        target=membership,
        data={"role": invitation.role, "invitation": invitation.pk},
    )
    return membership


@transaction.atomic
def accept_invitation_with_new_account(*, token: str, name: str, password: str, language: str = "sv") -> User:
    invitation = open_invitation(token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise EmailAlreadyRegistered()
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter your name."), field="name")
    user = User(
        email=invitation.email,
        name=name,
        email_verified=True,
        language=language if language in {"sv", "en"} else "sv",
    )
    _check_password(password, user)
    user.set_password(password)
    user.save()
    record("user.registered", actor=user, target=user, data={"via": "invitation"})
    accept_invitation(token=token, user=user)
    return user


@transaction.atomic
def set_member_roles(
    *, organisation: Organisation, member: User, roles: list[str], acting_user: User
) -> set[str]:
    """Give a member exactly these roles (an empty list removes them from the organisation)."""
    require_capability(acting_user, Capability.MANAGE_MEMBERS, organisation)
    wanted = set(roles)
    if not wanted <= set(Role.values):
        raise ValidationFailed(_("Unknown role."), field="roles")
    current = set(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, user=member)
        .values_list("role", flat=True)
    )
    if not current:
        from mimis.errors import NotFound

        raise NotFound()
    if Role.ADMIN in current and Role.ADMIN not in wanted:
        other_admins = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).exclude(
            user=member
        )
        if not other_admins.exists():
            raise LastAdmin()
    Membership.objects.filter(organisation=organisation, user=member, role__in=current - wanted).delete()
    for role in wanted - current:
        Membership.objects.create(organisation=organisation, user=member, role=role)
    member.__dict__.pop("_mimis_roles", None)
    record(
        "membership.roles_changed",
        actor=acting_user,
        organisation=organisation,
        target=member,
        data={"before": sorted(current), "after": sorted(wanted)},
    )
    return wanted


# --- API tokens --------------------------------------------------------------------------------------

TOKEN_PREFIX = "mimis"


@transaction.atomic
def create_api_token(
    *,
    user: User,
    name: str,
    scopes: list[str] | None = None,
    organisation: Organisation | None = None,
    expires_at: datetime | None = None,
    acting_user: User | None = None,
    minted_by: ApiToken | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and stored only as a hash.

    ``minted_by`` is the token the request came with (the API): the new token may do no more than it —
    a subset of its scopes, its organisation if it is limited to one, and no later expiry (without an
    expiry of its own the new token ends when ``minted_by`` does).
    """
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the token a name so you recognise it later."), field="name")
    scopes = sorted(set(scopes or token_scopes.DEFAULT_SCOPES))
    unknown = [s for s in scopes if s not in token_scopes.SCOPES]
    if unknown:
        raise UnknownScope(
            _("Unknown token scope: %(scope)s.") % {"scope": ", ".join(unknown)}, field="scopes"
        )
    if organisation is not None:
        # acting_user None means the server's shell (``mimis tokens create``), which is trusted.
        if acting_user is not None:
            require_capability(acting_user, Capability.MANAGE_ORGANISATION_TOKENS, organisation)
        require_capability(user, Capability.VIEW_ORGANISATION, organisation)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(_("The expiry date must be in the future."), field="expires_at")
    if minted_by is not None:
        expires_at = _no_wider_than(
            minted_by, scopes=scopes, organisation=organisation, expires_at=expires_at
        )
    for _attempt in range(5):
        prefix = secrets.token_hex(6)
        secret = new_secret()
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    organisation=organisation,
                    name=name,
                    prefix=prefix,
                    secret_hash=hash_secret(secret),
                    scopes=scopes,
                    expires_at=expires_at,
                )
            break
        except IntegrityError:  # prefix collision: astronomically rare, just draw again
            continue
    else:  # pragma: no cover
        raise RuntimeError("could not allocate a token prefix")
    record(
        "api_token.created",
        actor=acting_user,
        organisation=organisation,
        target=token,
        data={"name": name, "scopes": scopes, "user": user.email},
        actor_label=None if acting_user is not None else "shell",
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def _no_wider_than(
    parent: ApiToken, *, scopes: list[str], organisation: Organisation | None, expires_at: datetime | None
) -> datetime | None:
    """The new token's expiry; raises TokenWidening if it would do anything ``parent`` cannot."""
    wider = sorted(set(scopes) - set(parent.scopes))
    if wider:
        raise TokenWidening(
            _("This token cannot create a token with the scope %(scopes)s, which it does not have itself.")
            % {"scopes": ", ".join(wider)},
            field="scopes",
        )
    if parent.organisation_id is not None and (
        organisation is None or organisation.pk != parent.organisation_id
    ):
        raise TokenWidening(
            _(
                "This token is limited to %(organisation)s, so it can only create tokens limited to the same "
                "organisation."
            )
            % {"organisation": parent.organisation.name},
            field="organisation",
        )
    if parent.expires_at is not None:
        if expires_at is None:
            return parent.expires_at
        if expires_at > parent.expires_at:
            raise TokenWidening(
                _("This token expires on %(date)s; a token it creates cannot expire later.")
                % {"date": parent.expires_at.date().isoformat()},
                field="expires_at",
            )
    return expires_at


def revoke_api_token(*, token: ApiToken, acting_user: User | None) -> ApiToken:
    """Revoke a token: its owner, an admin of its organisation, or the server's shell (acting_user None)."""
    if acting_user is not None and token.user_id != acting_user.pk:
        if token.organisation is None:
            from mimis.errors import NotFound

            raise NotFound()
        require_capability(acting_user, Capability.MANAGE_ORGANISATION_TOKENS, token.organisation)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            "api_token.revoked",
            actor=acting_user,
            organisation=token.organisation,
            target=token,
            actor_label=None if acting_user is not None else "shell",
        )
    return token


def authenticate_api_token(raw: str) -> ApiToken | None:
    """The active token a bearer string names, or None. Constant-time comparison of the hash."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user", "organisation").filter(prefix=parts[1]).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    if not secrets.compare_digest(token.secret_hash, hash_secret(parts[2])):
        return None
    now = timezone.now()
    # A write on every call would queue every API request behind SQLite's single writer (issue 16): the
    # time is kept to within LAST_USED_PRECISION, and only one of several concurrent requests writes it.
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
        ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


#: How exactly a token's "last used" time is kept.
LAST_USED_PRECISION = timedelta(minutes=5)


# --- two-factor sign-in ------------------------------------------------------------------------------


@transaction.atomic
def confirm_totp_device(*, user: User, device_id: int, code: str) -> None:
    """Turn on two-factor sign-in once the user proves their app produces the right codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.select_for_update().filter(pk=device_id, user=user, confirmed=False).first()
    if device is None or not device.verify_token((code or "").replace(" ", "")):
        raise TwoFactorCodeWrong(field="code")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record("user.two_factor_enabled", actor=user, target=user)


@transaction.atomic
def disable_two_factor(*, user: User, code: str) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if requires_two_factor(user):
        raise TwoFactorRequired()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return
    if not device.verify_token((code or "").replace(" ", "")):
        raise TwoFactorCodeWrong(field="code")
    TOTPDevice.objects.filter(user=user).delete()
    record("user.two_factor_disabled", actor=user, target=user)
