"""Why an uploaded job-ad file was refused. Nothing of a refused file is stored."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import ValidationFailed


class JobAdFileError(ValidationFailed):
    code = "job_ad_file_invalid"
    default_message = _("The file could not be read as job ads.")

    def __init__(self, message: str | None = None, *, code: str | None = None, **params: object) -> None:
        if code:
            self.code = code
        super().__init__(message, field="file", **params)
