"""Writing the provider's parts of the application dossier. Only the owner's admins and editors may."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from mimis.accounts.models import User
from mimis.accounts.permissions import Capability, require_capability
from mimis.audit.services import record
from mimis.catalog.models import MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.errors import NotFound, ValidationFailed
from mimis.recognition.models import DOSSIER_FIELDS, QualificationType, RecognitionDossier

MAX_TEXT = 20_000


def require_dossier_editor(user: User, microcredential: MicroCredential) -> None:
    """The dossier is the owner's: its admins and editors (who author the micro-credential) only."""
    require_capability(user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)


def published_version(microcredential: MicroCredential) -> MicroCredentialVersion:
    """A dossier is made for the published version: the one MYH would place at a level."""
    version = (
        microcredential.versions.filter(status=VersionStatus.PUBLISHED)
        .select_related("microcredential__provider")
        .prefetch_related("learning_outcomes", "sectors", "occupations", "microcredential__level_decisions")
        .first()
    )
    if version is None:
        raise NotFound(_("A dossier can be made only for a published micro-credential."))
    return version


@transaction.atomic
def save_dossier(
    *, microcredential: MicroCredential, acting_user: User, data: dict[str, Any]
) -> RecognitionDossier:
    """Store the given fields (others unchanged); raises ``ValidationFailed`` naming the field."""
    require_dossier_editor(acting_user, microcredential)
    dossier, _created = RecognitionDossier.objects.select_for_update().get_or_create(
        microcredential=microcredential
    )
    changed = []
    for name, value in data.items():
        if name not in DOSSIER_FIELDS:
            raise ValidationFailed(_("Unknown field %(field)s.") % {"field": name}, field=name)
        text = "" if value is None else str(value).strip()
        limit = RecognitionDossier._meta.get_field(name).max_length or MAX_TEXT
        if len(text) > limit:
            raise ValidationFailed(_("At most %(max)s characters.") % {"max": limit}, field=name)
        if name == "contact_email" and text:
            try:
                validate_email(text)
            except DjangoValidationError:
                raise ValidationFailed(_("Write a valid e-mail address."), field=name) from None
        if name == "qualification_type" and text and text not in QualificationType.values:
            raise ValidationFailed(
                _("The type must be one of: %(values)s.") % {"values": ", ".join(QualificationType.values)},
                field=name,
            )
        if getattr(dossier, name) != text:
            setattr(dossier, name, text)
            changed.append(name)
    if changed:
        dossier.updated_by = acting_user
        dossier.save()
        record(
            "recognition.dossier_updated",
            actor=acting_user,
            organisation=microcredential.provider,
            target=microcredential,
            data={"fields": changed},
        )
    return dossier
