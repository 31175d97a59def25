"""Validation's errors: each says what was wrong and what to do, in plain language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import Conflict, MimisError, PermissionDenied, ValidationFailed


class CaseStateConflict(Conflict):
    code = "validation_case_state"
    default_message = _("That cannot be done now. Reload the page to see where the case is.")


class NoConsent(PermissionDenied):
    code = "validation_no_consent"
    default_message = _("The person has not given you consent to act for them, or has withdrawn it.")


class NotImpartial(PermissionDenied):
    code = "validation_not_impartial"
    default_message = _(
        "You cannot assess this case: you gave a statement in it or work at the person's workplace. "
        "Ask another assessor."
    )


class NotAnAssessor(PermissionDenied):
    code = "validation_not_assessor"
    default_message = _("Only an assessor of the organisation that issues the micro-credential can do that.")


class BadUpload(ValidationFailed):
    code = "validation_bad_upload"
    default_message = _("The file cannot be used.")


class StatementLinkInvalid(MimisError):
    code = "validation_statement_link"
    default_message = _(
        "This link does not work any more. It may have been used already or be too old. "
        "Ask the person to send a new one."
    )
    http_status = 410


class JudgementsMissing(ValidationFailed):
    code = "validation_judgements_missing"
    default_message = _("Judge every learning outcome before you decide.")
