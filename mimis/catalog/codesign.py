"""Co-design: a provider invites employers, unions and associations to design a micro-credential with it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, OrganisationKind, OrganisationStatus, User
from mimis.accounts.permissions import Capability, has_capability, require_capability
from mimis.audit.services import record
from mimis.catalog.errors import CoDesignersNotEditable, VersionNotEditable
from mimis.catalog.models import CoDesigner, Comment, MicroCredential, MicroCredentialVersion
from mimis.catalog.services import EDITABLE_FIELDS, require_author
from mimis.errors import Conflict, ValidationFailed

CO_DESIGNER_KINDS = {OrganisationKind.EMPLOYER, OrganisationKind.UNION, OrganisationKind.EDUCATION_PROVIDER}


def _acting_organisation(user: User, microcredential: MicroCredential) -> Organisation | None:
    for organisation in [microcredential.provider, *microcredential.co_designers.all()]:
        if has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, organisation):
            return organisation
    return None


def codesigners_editable(microcredential: MicroCredential, *, lock: bool = False) -> bool:
    """Co-designers are part of the reviewed content: they change only while the newest version is edited.

    They belong to the micro-credential, not to one version, so a change would otherwise reach a version
    under review (unnoticed by the reviewer) or a published one (without any review).
    """
    versions = microcredential.versions.select_for_update() if lock else microcredential.versions.all()
    latest = versions.order_by("-number").first()
    return latest is None or latest.is_editable


def _require_codesigners_editable(microcredential: MicroCredential) -> None:
    # The newest version stays locked, so that a submit cannot slip in between the check and the change.
    if not codesigners_editable(microcredential, lock=True):
        raise CoDesignersNotEditable()


@transaction.atomic
def add_codesigner(
    *, microcredential: MicroCredential, organisation: Organisation, acting_user: User
) -> CoDesigner:
    """Only the provider's own authors decide who designs with them, and only while a version is edited."""
    require_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)
    _require_codesigners_editable(microcredential)
    if organisation.pk == microcredential.provider_id:
        raise ValidationFailed(_("The provider already designs it."), field="organisation")
    if organisation.status != OrganisationStatus.APPROVED or organisation.kind not in CO_DESIGNER_KINDS:
        raise ValidationFailed(_("Choose an approved employer, union or association."), field="organisation")
    if CoDesigner.objects.filter(microcredential=microcredential, organisation=organisation).exists():
        raise Conflict(_("%(name)s already designs this micro-credential.") % {"name": organisation.name})
    codesigner = CoDesigner.objects.create(
        microcredential=microcredential, organisation=organisation, added_by=acting_user
    )
    record(
        "microcredential.codesigner_added",
        actor=acting_user,
        organisation=microcredential.provider,
        target=microcredential,
        data={"organisation": organisation.slug},
    )
    return codesigner


@transaction.atomic
def remove_codesigner(
    *, microcredential: MicroCredential, organisation: Organisation, acting_user: User
) -> None:
    require_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)
    _require_codesigners_editable(microcredential)
    deleted, _count = CoDesigner.objects.filter(
        microcredential=microcredential, organisation=organisation
    ).delete()
    if deleted:
        record(
            "microcredential.codesigner_removed",
            actor=acting_user,
            organisation=microcredential.provider,
            target=microcredential,
            data={"organisation": organisation.slug},
        )


@transaction.atomic
def add_comment(
    *, version: MicroCredentialVersion, acting_user: User, text: str, element: str = ""
) -> Comment:
    version = MicroCredentialVersion.objects.select_related("microcredential__provider").get(pk=version.pk)
    require_author(acting_user, version.microcredential)
    if not version.is_editable:
        raise VersionNotEditable()
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Write the comment."), field="text")
    if element and element not in (*EDITABLE_FIELDS, "learning_outcomes"):
        raise ValidationFailed(_("Unknown element."), field="element")
    return Comment.objects.create(
        version=version,
        author=acting_user,
        text=text,
        element=element,
        organisation=_acting_organisation(acting_user, version.microcredential),
    )
