"""Errors of the taxonomy: a file to import that is not in the expected format."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mimis.errors import ValidationFailed


class TaxonomyImportError(ValidationFailed):
    """The message names the file and the field, line or position that is wrong. Nothing was saved."""

    code = "taxonomy_import_invalid"
    default_message = _("The taxonomy file is not in the expected format. Nothing was imported.")
