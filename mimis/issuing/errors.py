from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import Conflict


class VersionNotPublished(Conflict):
    code = "version_not_published"
    default_message = _("Only published micro-credentials can be issued.")


class CredentialStateConflict(Conflict):
    code = "credential_state_conflict"
    default_message = _("The credential is already in that state, or is revoked for good.")


class QualityAssuranceLapsed(Conflict):
    code = "quality_assurance_lapsed"
    default_message = _(
        "The micro-credential has passed its review-by date, so it cannot be issued until a new version is "
        "approved."
    )
