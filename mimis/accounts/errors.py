"""Errors of accounts and organisations, each with a stable code and a message a person understands."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import Conflict, MimisError, NotFound, PermissionDenied, ValidationFailed


class EmailAlreadyRegistered(Conflict):
    code = "email_already_registered"
    default_message = _("An account with this e-mail address already exists. Sign in or reset your password.")


class InvitationInvalid(NotFound):
    code = "invitation_invalid"
    default_message = _("This invitation link is not valid. Check that you copied the whole link.")


class InvitationExpired(MimisError):
    code = "invitation_expired"
    default_message = _("This invitation has expired. Ask the person who invited you to send a new one.")
    http_status = 410


class InvitationUsed(MimisError):
    code = "invitation_used"
    default_message = _("This invitation has already been used or withdrawn.")
    http_status = 410


class InvitationForSomeoneElse(PermissionDenied):
    code = "invitation_for_someone_else"
    default_message = _(
        "This invitation was sent to another e-mail address than the one you are signed in with. "
        "Sign out and open the link again."
    )


class AlreadyMember(Conflict):
    code = "already_member"
    default_message = _("This person already has that role in the organisation.")


class InvitationPending(Conflict):
    code = "invitation_pending"
    default_message = _("An invitation to this address is already waiting. You can send it again instead.")


class LastAdmin(Conflict):
    code = "last_admin"
    default_message = _("An organisation must keep at least one administrator.")


class OrganisationNotPending(Conflict):
    code = "organisation_not_pending"
    default_message = _("A decision has already been made about this organisation.")


class SlugTaken(Conflict):
    code = "slug_taken"
    default_message = _("That short name is already used by another organisation. Choose another one.")


class UnknownScope(ValidationFailed):
    code = "unknown_scope"
    default_message = _("Unknown token scope.")


class TokenWidening(PermissionDenied):
    code = "token_widening"
    default_message = _(
        "A token can only create tokens that may do less than itself: the same or fewer scopes, the same "
        "organisation, and no later expiry."
    )


class UnknownUser(NotFound):
    code = "unknown_user"
    default_message = _("There is no user with that e-mail address.")


class VerificationLinkInvalid(MimisError):
    code = "verification_link_invalid"
    default_message = _("This verification link is not valid or has expired. Ask for a new one.")


class TwoFactorCodeWrong(ValidationFailed):
    code = "two_factor_code_wrong"
    default_message = _("The code was not right. Check the time on your phone and try the newest code.")


class TwoFactorRequired(PermissionDenied):
    code = "two_factor_required"
    default_message = _("Your roles require two-factor sign-in; it cannot be turned off.")
