"""Matching's errors: a stable code for programs and a message in plain words for people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import PermissionDenied, ValidationFailed


class NoSkills(ValidationFailed):
    code = "no_skills"
    default_message = _("Choose at least one skill.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="skills")


class TooManySkills(ValidationFailed):
    code = "too_many_skills"
    default_message = _("A role can have at most %(max)d skills. Keep the ones that matter most.")

    def __init__(self, maximum: int) -> None:
        super().__init__(str(self.default_message) % {"max": maximum}, field="skills")


class UnknownSkills(ValidationFailed):
    code = "unknown_skills"
    default_message = _("These are not skills in the taxonomy: %(ids)s.")

    def __init__(self, ids: list[object]) -> None:
        self.ids = ids
        super().__init__(str(self.default_message) % {"ids": ", ".join(str(i) for i in ids)}, field="skills")


class InvalidSkillEntry(ValidationFailed):
    code = "invalid_skill"
    default_message = _(
        'Each skill needs a skill id, "required" or "meritorious", and optionally a weight from 1 to 5.'
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="skills")


class UnknownOccupation(ValidationFailed):
    code = "unknown_occupation"
    default_message = _(
        "This is not an occupation in the taxonomy. Choose an occupation or occupation group."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="occupation")


class OccupationHasNoSkills(ValidationFailed):
    code = "occupation_has_no_skills"
    default_message = _("The taxonomy lists no skills for this occupation yet. Choose the skills yourself.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="occupation")


class TitleNeeded(ValidationFailed):
    code = "title_needed"
    default_message = _('Give the role a name, for example "Care assistant, night shifts".')

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="title")


class GapTargetNeeded(ValidationFailed):
    code = "gap_target_needed"
    default_message = _("Send exactly one of role_profile, occupation or skills to compare with.")


class OrganisationNotApproved(PermissionDenied):
    code = "organisation_not_approved"
    default_message = _(
        "Your organisation has not been approved yet. Role profiles can be made once Region Skåne has "
        "approved it."
    )


class TemplatesForRegionOnly(PermissionDenied):
    code = "templates_for_region_only"
    default_message = _("Only Region Skåne's administrators can publish templates for everyone.")


class PersonalTokenNeeded(PermissionDenied):
    code = "personal_token_needed"
    default_message = _("A gap analysis is personal: use your own personal API token, not an organisation's.")


class SearchNotAllowed(PermissionDenied):
    code = "candidate_search_not_allowed"
    default_message = _("Only administrators and editors of an approved employer can search for candidates.")


class SearchSuspended(PermissionDenied):
    code = "candidate_search_suspended"
    default_message = _(
        "Region Skåne has turned off your organisation's access to candidate search. Contact the region "
        "to find out why."
    )


class SearchRateLimited(PermissionDenied):
    code = "candidate_search_rate_limited"
    http_status = 429
    default_message = _(
        "Your organisation has searched many times in a short while. Wait an hour and search again."
    )


class CandidateNotFound(ValidationFailed):
    code = "candidate_not_found"
    default_message = _(
        "This candidate is no longer available: the person may have stopped being findable. Search again."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="candidate")


class MessageNeeded(ValidationFailed):
    code = "message_needed"
    default_message = _("Write a short message (at most 1,000 characters) and how the person can reach you.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, field="message")


class RequestAlreadyAnswered(ValidationFailed):
    code = "contact_request_answered"
    default_message = _("This request has already been answered or has ended.")


class ShareSomething(ValidationFailed):
    code = "share_contact_needed"
    default_message = _("Choose at least one way for the employer to reach you.")
