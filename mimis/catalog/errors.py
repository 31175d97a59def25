from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import Conflict, PermissionDenied, ValidationFailed


class VersionNotEditable(Conflict):
    code = "version_not_editable"
    default_message = _(
        "This version can no longer be changed: it is under review, approved or published. Start a new "
        "version instead, or wait for the reviewer's decision."
    )


class CoDesignersNotEditable(Conflict):
    code = "codesigners_not_editable"
    default_message = _(
        "Who designs the micro-credential is part of what is reviewed and published, so it can only be "
        "changed in a draft or when the reviewer has asked for changes. Start a new version, or withdraw "
        "the version that is under review or approved."
    )


class VersionIncomplete(ValidationFailed):
    code = "version_incomplete"
    default_message = _("Some required elements are missing; see the checklist.")

    def __init__(self, missing: list[tuple[str, str]]) -> None:
        self.missing = missing
        super().__init__(self.default_message, field=missing[0][0] if missing else None)


class ProviderStartsVersions(PermissionDenied):
    code = "provider_starts_versions"
    default_message = _(
        "Only the provider's editors start a new version of a published micro-credential. Once they have, "
        "your organisation designs it with them."
    )


class DraftExists(Conflict):
    code = "draft_exists"
    default_message = _(
        "There is already a version of this micro-credential on its way to publication. Continue with it."
    )


class UnknownConcept(ValidationFailed):
    code = "unknown_concept"
    default_message = _("Unknown taxonomy concept.")


class PathwayInvalid(ValidationFailed):
    code = "pathway_invalid"
    default_message = _("The pathway is not valid.")


class InvitationNotOpen(Conflict):
    code = "invitation_not_open"
    default_message = _("This invitation has already been answered or withdrawn.")


class CannotAcceptNow(Conflict):
    code = "codesign_not_acceptable_now"
    default_message = _(
        "The micro-credential is being reviewed or is published, so who designs it cannot change now. You can "
        "accept when the provider edits it again, in a draft or after the reviewer has asked for changes."
    )
