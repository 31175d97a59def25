"""Why a quality-assurance step was refused: one error (stable code, translated message) per reason."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import Conflict, PermissionDenied, ValidationFailed

# --- permission: who may take a step --------------------------------------------------------------


class NotAllowedToSubmit(PermissionDenied):
    code = "not_allowed_to_submit"
    default_message = _(
        "Only the provider's editors and administrators can send a micro-credential for review."
    )


class NotAllowedToWithdraw(PermissionDenied):
    code = "not_allowed_to_withdraw"
    default_message = _("Only the provider's editors and administrators can withdraw a micro-credential.")


class NotAllowedToPublish(PermissionDenied):
    code = "not_allowed_to_publish"
    default_message = _(
        "Only the provider's editors and administrators can publish an approved micro-credential."
    )


class NotAllowedToRetire(PermissionDenied):
    code = "not_allowed_to_retire"
    default_message = _("Only the provider or the region can retire a micro-credential.")


class NotAllowedToAssign(PermissionDenied):
    code = "not_allowed_to_assign"
    default_message = _("Only a quality-assurance coordinator or the region can assign reviewers.")


class NotAssignedReviewer(PermissionDenied):
    code = "not_assigned_reviewer"
    default_message = _("Only the reviewer assigned to this review can do that.")


class ConflictOfInterest(PermissionDenied):
    code = "conflict_of_interest"
    default_message = _(
        "A reviewer may not review a micro-credential of an organisation they belong to or that designed it."
    )


class NotAllowedToPublishCriteria(PermissionDenied):
    code = "not_allowed_to_publish_criteria"
    default_message = _("Only region administrators publish review criteria.")


class NotAllowedToEndorse(PermissionDenied):
    code = "not_allowed_to_endorse"
    default_message = _(
        "Only editors and administrators of an approved employer, union or industry body can endorse."
    )


# --- state: when a step may be taken ------------------------------------------------------------


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"
    default_message = _("That step is not possible in the micro-credential's current state.")


class ReviewNotOpen(Conflict):
    code = "review_not_open"
    default_message = _("This review is not in progress. Start the review first.")


class VersionChanged(Conflict):
    code = "version_changed"
    default_message = _(
        "The micro-credential has changed since the review started. Nothing was saved; start the review "
        "again on the current content."
    )


class AlreadyAssigned(Conflict):
    code = "already_assigned"
    default_message = _("The review already has the reviewers it needs.")


class ApprovalLapsed(Conflict):
    code = "approval_lapsed"
    default_message = _("The approval has passed its review-by date. Send a new version for review.")


class AlreadyEndorsed(Conflict):
    code = "already_endorsed"
    default_message = _("Your organisation has already endorsed this version.")


# --- input ----------------------------------------------------------------------------------------


class RationaleRequired(ValidationFailed):
    code = "rationale_required"
    default_message = _("Give the rationale for the decision.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="rationale")


class ChecklistIncomplete(ValidationFailed):
    code = "checklist_incomplete"
    default_message = _("Assess every criterion before deciding.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="assessments")


class CriteriaNotMet(ValidationFailed):
    code = "criteria_not_met"
    default_message = _(
        "A criterion is not met, so the micro-credential cannot be approved. Request changes."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="assessments")


class NotAReviewer(ValidationFailed):
    code = "not_a_reviewer"
    default_message = _("Choose a reviewer of an approved quality-assurance body.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="reviewer")
