"""Co-design: a provider invites employers, unions and associations to design a micro-credential with it.

An invited organisation is asked first: its admins and editors get an e-mail and accept or decline on
the invitation page (or through the API). Until it accepts, its name is shown nowhere (public page, API,
ELM, credentials) and its people cannot edit or comment. The provider can withdraw an invitation, and
remove a co-designer while a version is edited.

===========  =====================  ==========================================================
from         to                     who
===========  =====================  ==========================================================
(none),      invited                the provider's editors and admins (``add_codesigner``)
declined,
withdrawn
invited      accepted               the invited organisation's editors and admins, while a
                                    version is edited (co-designers are part of what is reviewed)
invited      declined               the invited organisation's editors and admins
invited,     withdrawn              the provider's editors and admins (an accepted co-designer
accepted                            only while a version is edited)
===========  =====================  ==========================================================

For reviewers' conflicts of interest an invited organisation already counts (see
``mimis.quality.selectors.conflicted_organisation_ids``): it may accept while the version is edited.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Membership, Organisation, OrganisationKind, OrganisationStatus, User
from mimis.accounts.permissions import Capability, has_capability, require_capability, roles_in
from mimis.audit.services import record
from mimis.catalog import codesign_tasks
from mimis.catalog.errors import (
    CannotAcceptNow,
    CoDesignersNotEditable,
    InvitationNotOpen,
    VersionNotEditable,
)
from mimis.catalog.models import (
    CoDesigner,
    CoDesignerStatus,
    Comment,
    MicroCredential,
    MicroCredentialVersion,
)
from mimis.catalog.services import EDITABLE_FIELDS, require_author
from mimis.errors import Conflict, NotFound, ValidationFailed

CO_DESIGNER_KINDS = {OrganisationKind.EMPLOYER, OrganisationKind.UNION, OrganisationKind.EDUCATION_PROVIDER}
# Invitations that still count: an organisation with one cannot be invited again, nor review the version.
PENDING_OR_ACCEPTED = (CoDesignerStatus.INVITED, CoDesignerStatus.ACCEPTED)


def _acting_organisation(user: User, microcredential: MicroCredential) -> Organisation | None:
    for organisation in [microcredential.provider, *microcredential.accepted_co_designers]:
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


def _audit(action: str, codesigner: CoDesigner, *, actor: User, organisation: Organisation) -> None:
    record(
        action,
        actor=actor,
        organisation=organisation,
        target=codesigner.microcredential,
        data={
            "organisation": codesigner.organisation.slug,
            "invitation": codesigner.pk,
            "status": codesigner.status,
        },
    )


def _lock(codesigner: CoDesigner) -> CoDesigner:
    return (
        CoDesigner.objects.select_for_update()
        .select_related("microcredential__provider", "organisation")
        .get(pk=codesigner.pk)
    )


# --- the provider's side -----------------------------------------------------------------------------


@transaction.atomic
def add_codesigner(
    *, microcredential: MicroCredential, organisation: Organisation, acting_user: User
) -> CoDesigner:
    """Invite an organisation; only the provider's own authors decide, and only while a version is edited.

    Its admins and editors are e-mailed (in their language, after commit); it designs once it accepts.
    """
    require_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)
    _require_codesigners_editable(microcredential)
    if organisation.pk == microcredential.provider_id:
        raise ValidationFailed(_("The provider already designs it."), field="organisation")
    if organisation.status != OrganisationStatus.APPROVED or organisation.kind not in CO_DESIGNER_KINDS:
        raise ValidationFailed(_("Choose an approved employer, union or association."), field="organisation")
    codesigner = (
        CoDesigner.objects.select_for_update()
        .filter(microcredential=microcredential, organisation=organisation)
        .first()
    )
    if codesigner is not None and codesigner.status == CoDesignerStatus.ACCEPTED:
        raise Conflict(_("%(name)s already designs this micro-credential.") % {"name": organisation.name})
    if codesigner is not None and codesigner.status == CoDesignerStatus.INVITED:
        raise Conflict(_("%(name)s is already invited.") % {"name": organisation.name})
    if codesigner is None:
        codesigner = CoDesigner(microcredential=microcredential, organisation=organisation)
    codesigner.status = CoDesignerStatus.INVITED
    codesigner.added_by = acting_user
    codesigner.added_at = timezone.now()
    codesigner.responded_by = None
    codesigner.responded_at = None
    codesigner.save()
    _audit(
        "microcredential.codesigner_invited",
        codesigner,
        actor=acting_user,
        organisation=microcredential.provider,
    )
    transaction.on_commit(
        lambda: codesign_tasks.notify_invited_organisation.enqueue(codesigner_id=codesigner.pk)
    )
    return codesigner


@transaction.atomic
def withdraw_codesigner(*, codesigner: CoDesigner, acting_user: User) -> CoDesigner:
    """The provider takes an invitation back, or removes a co-designer (only while a version is edited)."""
    codesigner = _lock(codesigner)
    microcredential = codesigner.microcredential
    require_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)
    if codesigner.status not in PENDING_OR_ACCEPTED:
        raise InvitationNotOpen()
    if codesigner.status == CoDesignerStatus.ACCEPTED:
        _require_codesigners_editable(microcredential)
    codesigner.status = CoDesignerStatus.WITHDRAWN
    codesigner.save(update_fields=["status"])
    _audit(
        "microcredential.codesigner_withdrawn",
        codesigner,
        actor=acting_user,
        organisation=microcredential.provider,
    )
    return codesigner


@transaction.atomic
def remove_codesigner(
    *, microcredential: MicroCredential, organisation: Organisation, acting_user: User
) -> None:
    """Withdraw the invitation of ``organisation``, or remove it as co-designer."""
    require_capability(acting_user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider)
    codesigner = CoDesigner.objects.filter(
        microcredential=microcredential, organisation=organisation, status__in=PENDING_OR_ACCEPTED
    ).first()
    if codesigner is None:
        _require_codesigners_editable(microcredential)
        return
    withdraw_codesigner(codesigner=codesigner, acting_user=acting_user)


# --- the invited organisation's side ------------------------------------------------------------------


def _require_invited_author(user: User, codesigner: CoDesigner) -> None:
    """The invited organisation's editors and admins answer; its other members get 403, others 404."""
    require_capability(user, Capability.AUTHOR_MICROCREDENTIALS, codesigner.organisation)


@transaction.atomic
def accept_codesign_invitation(*, codesigner: CoDesigner, acting_user: User) -> CoDesigner:
    """The organisation designs the micro-credential from now on: its name is shown, its people may edit."""
    codesigner = _lock(codesigner)
    _require_invited_author(acting_user, codesigner)
    if codesigner.status != CoDesignerStatus.INVITED:
        raise InvitationNotOpen()
    if not codesigners_editable(codesigner.microcredential, lock=True):
        raise CannotAcceptNow()
    return _answer(codesigner, CoDesignerStatus.ACCEPTED, acting_user)


@transaction.atomic
def decline_codesign_invitation(*, codesigner: CoDesigner, acting_user: User) -> CoDesigner:
    """The organisation says no; its name is never shown. The provider may invite it again later."""
    codesigner = _lock(codesigner)
    _require_invited_author(acting_user, codesigner)
    if codesigner.status != CoDesignerStatus.INVITED:
        raise InvitationNotOpen()
    return _answer(codesigner, CoDesignerStatus.DECLINED, acting_user)


def _answer(codesigner: CoDesigner, status: str, acting_user: User) -> CoDesigner:
    codesigner.status = status
    codesigner.responded_by = acting_user
    codesigner.responded_at = timezone.now()
    codesigner.save(update_fields=["status", "responded_by", "responded_at"])
    _audit(
        f"microcredential.codesigner_{status}",
        codesigner,
        actor=acting_user,
        organisation=codesigner.organisation,
    )
    transaction.on_commit(
        lambda: codesign_tasks.notify_provider_of_answer.enqueue(codesigner_id=codesigner.pk)
    )
    return codesigner


# --- reading invitations ----------------------------------------------------------------------------------


def _invitations() -> QuerySet[CoDesigner]:
    return CoDesigner.objects.select_related(
        "microcredential__provider", "organisation", "added_by", "responded_by"
    ).order_by("-added_at", "-pk")


def invitations_for(*, user: User) -> QuerySet[CoDesigner]:
    """Invitations to the organisations in which ``user`` may answer them (editors and admins), newest first."""
    organisation_ids = [
        m.organisation_id
        for m in Membership.objects.filter(user=user).select_related("organisation")
        if has_capability(user, Capability.AUTHOR_MICROCREDENTIALS, m.organisation)
    ]
    return (
        _invitations().filter(organisation_id__in=organisation_ids).exclude(status=CoDesignerStatus.WITHDRAWN)
    )


def invitation_for(*, invitation_id: int, user: User) -> CoDesigner:
    """One invitation, for the invited organisation's members and the provider's; 404 for others."""
    codesigner = _invitations().filter(pk=invitation_id).first()
    if codesigner is None:
        raise NotFound()
    invited_side = (
        bool(roles_in(user, codesigner.organisation)) and codesigner.status != CoDesignerStatus.WITHDRAWN
    )
    if invited_side or roles_in(user, codesigner.microcredential.provider):
        return codesigner
    raise NotFound()


def invitations_of(*, microcredential: MicroCredential) -> QuerySet[CoDesigner]:
    """Every invitation of a micro-credential, for its provider's authors."""
    return _invitations().filter(microcredential=microcredential)


def latest_version(codesigner: CoDesigner) -> MicroCredentialVersion | None:
    """What the organisation is asked to co-design: the newest version of the micro-credential."""
    return (
        codesigner.microcredential.versions.prefetch_related("learning_outcomes").order_by("-number").first()
    )


def can_answer(user: User, codesigner: CoDesigner) -> bool:
    return codesigner.status == CoDesignerStatus.INVITED and has_capability(
        user, Capability.AUTHOR_MICROCREDENTIALS, codesigner.organisation
    )


# --- comments ---------------------------------------------------------------------------------------


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
