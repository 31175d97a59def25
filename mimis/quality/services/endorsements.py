"""Endorsements: an organisation vouches for a published micro-credential with a signed credential."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, has_capability
from mimis.catalog.models import MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.errors import ValidationFailed
from mimis.issuing import keys
from mimis.issuing.models import KeyAlgorithm
from mimis.quality import tasks
from mimis.quality.errors import AlreadyEndorsed, NotAllowedToEndorse, TransitionNotAllowed
from mimis.quality.models import Endorsement
from mimis.quality.services._common import _audit, _on_commit
from mimis.vc import credentials as vc
from mimis.vc.endorsements import build_endorsement


def achievement_id(version: MicroCredentialVersion) -> str:
    """The IRI that names a version: the same ``Achievement.id`` its issued credentials carry."""
    return (
        settings.MIMIS_BASE_URL
        + reverse("catalog:detail", args=[version.microcredential.slug])
        + f"#v{version.number}"
    )


@transaction.atomic
def endorse_microcredential(
    *, microcredential: MicroCredential, organisation: Organisation, acting_user: User, comment: str
) -> Endorsement:
    """An employer, union or industry body vouches for the published version with a signed
    EndorsementCredential (Ed25519, eddsa-rdfc-2022), verifiable against its did:web document."""
    if not has_capability(acting_user, Capability.ENDORSE_MICROCREDENTIALS, organisation):
        raise NotAllowedToEndorse()
    if organisation.pk == microcredential.provider_id:
        raise NotAllowedToEndorse(_("A provider cannot endorse its own micro-credential."))
    version = (
        MicroCredentialVersion.objects.select_for_update()
        .select_related("microcredential__provider")
        .filter(microcredential=microcredential, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        raise TransitionNotAllowed(_("Only a published micro-credential can be endorsed."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationFailed(_("Say in a sentence or two why you endorse it."), field="comment")
    if Endorsement.objects.filter(version=version, organisation=organisation).exists():
        raise AlreadyEndorsed()
    keys.ensure_issuer_keys(organisation=organisation, acting_user=acting_user)
    private_key, method = keys.signing_key(organisation=organisation, algorithm=KeyAlgorithm.ED25519)
    endorsement_id = uuid.uuid4()
    document = build_endorsement(
        credential_id=f"urn:uuid:{endorsement_id}",
        issuer=vc.IssuerProfile(
            id=keys.issuer_did(organisation),
            name=organisation.name,
            url=organisation.website
            or settings.MIMIS_BASE_URL + reverse("accounts:organisation_detail", args=[organisation.slug]),
        ),
        subject_id=achievement_id(version),
        comment=comment,
        valid_from=timezone.now().replace(microsecond=0),
        name=_("%(organisation)s endorses %(title)s")
        % {"organisation": organisation.name, "title": version.title},
    )
    endorsement = Endorsement.objects.create(
        id=endorsement_id,
        microcredential=microcredential,
        version=version,
        organisation=organisation,
        endorsed_by=acting_user,
        comment=comment,
        document=vc.sign_credential(document, private_key, method),
    )
    _audit(
        "quality.endorsed",
        actor=acting_user,
        version=version,
        organisation=organisation,
        data={"endorsement": str(endorsement.pk), "organisation": organisation.slug},
    )
    _on_commit(tasks.notify_provider_of_endorsement, endorsement_id=str(endorsement.pk))
    return endorsement
