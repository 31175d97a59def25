"""Errors of the learner's wallet, each with a stable code and a message that says what to do."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import Conflict, MimisError, NotFound, PermissionDenied, ValidationFailed


class ClaimLinkInvalid(NotFound):
    code = "claim_link_invalid"
    default_message = _(
        "This link to collect a credential is not valid. Check that you copied the whole link, or use the "
        "newest e-mail: a new e-mail replaces the links in earlier ones."
    )


class ClaimLinkExpired(MimisError):
    code = "claim_link_expired"
    default_message = _(
        "This link to collect a credential has expired. Ask for a new link below, or ask the issuer to send it again."
    )
    http_status = 410


class ClaimLinkUsed(MimisError):
    code = "claim_link_used"
    default_message = _(
        "This credential has already been collected; a link works only once. Sign in to see it in your "
        "credentials, or ask the issuer for a new link if it was not you."
    )
    http_status = 410


class ClaimForSomeoneElse(PermissionDenied):
    code = "claim_for_someone_else"
    default_message = _(
        "This credential was sent to another e-mail address than the ones of the account you are signed in "
        "with. Sign out and open the link again. If the address is yours, add it to your account under "
        "E-mail addresses first."
    )


class ClaimNotPossible(Conflict):
    code = "claim_not_possible"
    default_message = _("A revoked or suspended credential cannot be collected, so no link was sent.")


class AddressTaken(Conflict):
    code = "address_taken"
    default_message = _("That address already belongs to another account.")


class AddressAlreadyAdded(Conflict):
    code = "address_already_added"
    default_message = _("That address is already on your account.")


class AddressLinkInvalid(MimisError):
    code = "address_link_invalid"
    default_message = _(
        "This verification link is not valid or has expired. Send a new one from your account."
    )


class ShareLinkUnavailable(MimisError):
    code = "share_link_unavailable"
    default_message = _(
        "This link has expired or been withdrawn by the person who shared it. Ask them for a new link."
    )
    http_status = 410


class NotShareable(ValidationFailed):
    code = "not_shareable"
    default_message = _("Choose at least one of your credentials to share.")


class RevokedNotShareable(ValidationFailed):
    code = "credential_revoked"
    default_message = _(
        "The issuer has revoked this credential, so it can no longer be shared: it is not valid any more."
    )


class ImportRejected(ValidationFailed):
    code = "import_rejected"
    default_message = _("The file could not be imported. Nothing was stored.")


class ImportNotIssuedToYou(ImportRejected):
    code = "import_not_issued_to_you"
    default_message = _(
        "This credential was issued to someone else: it does not name any of the verified e-mail addresses of "
        "your account. Nothing was stored. If the credential was sent to another address of yours, add that "
        "address under E-mail addresses, verify it, and import the credential again."
    )


class ImportDuplicate(Conflict):
    code = "import_duplicate"
    default_message = _("This credential is already in your wallet. Nothing new was stored.")


class StillMember(Conflict):
    code = "still_member"
    default_message = _(
        "You have roles in an organisation. Ask an administrator there to remove you first; then you can "
        "delete your account."
    )


class ConfirmationWrong(ValidationFailed):
    code = "confirmation_wrong"
    default_message = _("The password is wrong. Your account was not deleted.")
