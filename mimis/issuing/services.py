"""Issuing, revoking and suspending Open Badges 3.0 credentials for published micro-credential versions."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, require_capability
from mimis.accounts.services import normalise_email
from mimis.audit.services import record
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import ValidationFailed
from mimis.issuing import keys
from mimis.issuing.errors import CredentialStateConflict, VersionNotPublished
from mimis.issuing.models import (
    STATUS_LIST_SIZE,
    Credential,
    CredentialFormat,
    CredentialState,
    IssuerKey,
    KeyAlgorithm,
    KeyStatus,
    StatusList,
    StatusPurpose,
)
from mimis.vc import credentials as vc
from mimis.vc import status as vc_status
from mimis.vc.jwt import sign_jwt


def status_list_url(status_list: StatusList) -> str:
    return settings.MIMIS_BASE_URL + reverse(
        "issuer_status_list", args=[status_list.organisation.slug, status_list.purpose, status_list.number]
    )


def allocate_status_index(*, organisation: Organisation, purpose: str) -> tuple[StatusList, int]:
    """The next free index of the issuer's current list; a new list starts when one is full.

    Runs inside the caller's transaction; the row lock makes concurrent issuers wait, so no index is
    handed out twice.
    """
    current = (
        StatusList.objects.select_for_update()
        .filter(organisation=organisation, purpose=purpose)
        .order_by("-number")
        .first()
    )
    if current is None or current.next_index >= STATUS_LIST_SIZE:
        current = StatusList.objects.create(
            organisation=organisation, purpose=purpose, number=(current.number + 1) if current else 1
        )
        current = StatusList.objects.select_for_update().get(pk=current.pk)
    index = current.next_index
    StatusList.objects.filter(pk=current.pk).update(next_index=index + 1)
    return current, index


def _achievement(version: MicroCredentialVersion) -> vc.Achievement:
    microcredential = version.microcredential
    alignments = []
    for outcome in version.learning_outcomes.all():
        for skill in outcome.skills.all():
            url = skill.uri
            framework = "ESCO" if skill.source == "esco" else "JobTech Taxonomy"
            alignments.append(
                vc.Alignment(
                    target_name=skill.preferred_label,
                    target_url=url,
                    target_code=skill.source_id,
                    target_framework=framework,
                    target_type="ext:" + framework.split()[0],
                )
            )
    outcomes = "\n".join(f"- {o.text}" for o in version.learning_outcomes.all())
    narrative = "\n\n".join(
        filter(None, [outcomes, version.get_assessment_type_display(), version.assessment_description])
    )
    return vc.Achievement(
        id=settings.MIMIS_BASE_URL
        + reverse("catalog:detail", args=[microcredential.slug])
        + f"#v{version.number}",
        name=version.title,
        description=version.summary,
        criteria_narrative=narrative,
        achievement_type="MicroCredential",
        alignments=tuple(dict.fromkeys(alignments)),
        credits_available=float(version.workload_ects) if version.workload_ects else None,
        in_language=version.languages[0] if version.languages else None,
        human_code=microcredential.slug,
        version=str(version.number),
    )


@dataclass(frozen=True)
class Issued:
    credential: Credential
    created: bool

    @property
    def signed(self) -> Any:
        return (
            self.credential.document
            if self.credential.format == CredentialFormat.LDP
            else self.credential.token
        )


@transaction.atomic
def issue_credential(
    *,
    version: MicroCredentialVersion,
    email: str,
    name: str,
    acting_user: User | None,
    credential_format: str = CredentialFormat.LDP,
) -> Issued:
    """Sign a credential for one learner. Issuing the same version to the same e-mail again returns the first.

    ``acting_user`` None means the server's shell (``mimis credentials issue``), which is trusted.
    """
    version = MicroCredentialVersion.objects.select_related("microcredential__provider").get(pk=version.pk)
    organisation = version.microcredential.provider
    if acting_user is not None:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, organisation)
    if version.status != VersionStatus.PUBLISHED:
        raise VersionNotPublished()
    email = normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Enter the learner's name."), field="name")
    if credential_format not in CredentialFormat.values:
        raise ValidationFailed(_("Choose the format ldp or jwt."), field="format")
    idempotency_key = hashlib.sha256(f"{version.pk}:{email}".encode()).hexdigest()
    existing = Credential.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return Issued(existing, created=False)

    keys.ensure_issuer_keys(organisation=organisation, acting_user=acting_user)
    algorithm = KeyAlgorithm.ED25519 if credential_format == CredentialFormat.LDP else KeyAlgorithm.P256
    private_key, method = keys.signing_key(organisation=organisation, algorithm=algorithm)
    key = IssuerKey.objects.get(organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE)
    revocation_list, revocation_index = allocate_status_index(
        organisation=organisation, purpose=StatusPurpose.REVOCATION
    )
    suspension_list, suspension_index = allocate_status_index(
        organisation=organisation, purpose=StatusPurpose.SUSPENSION
    )
    now = timezone.now().replace(microsecond=0)
    valid_until = now + timedelta(days=30 * version.validity_months) if version.validity_months else None
    credential_id = uuid.uuid4()
    issuer_profile = vc.IssuerProfile(
        id=keys.issuer_did(organisation),
        name=organisation.name,
        url=organisation.website
        or settings.MIMIS_BASE_URL + reverse("accounts:organisation_detail", args=[organisation.slug]),
    )
    document = vc.build_credential(
        credential_id=f"urn:uuid:{credential_id}",
        issuer=issuer_profile,
        achievement=_achievement(version),
        learner=vc.Learner(email=email, name=name),
        valid_from=now,
        valid_until=valid_until,
        awarded_date=now,
        name=version.title,
        description=version.summary,
        credential_status=[
            vc_status.status_list_entry(
                status_list_credential=status_list_url(revocation_list),
                index=revocation_index,
                status_purpose="revocation",
            ),
            vc_status.status_list_entry(
                status_list_credential=status_list_url(suspension_list),
                index=suspension_index,
                status_purpose="suspension",
            ),
        ],
    )
    signed_document, token = None, ""
    if credential_format == CredentialFormat.LDP:
        signed_document = vc.sign_credential(document, private_key, method)
    else:
        token = sign_jwt(document, private_key, method)
    credential = Credential.objects.create(
        id=credential_id,
        version=version,
        organisation=organisation,
        recipient_email=email,
        recipient_name=name,
        format=credential_format,
        document=signed_document,
        token=token,
        key=key,
        idempotency_key=idempotency_key,
        revocation_list=revocation_list,
        revocation_index=revocation_index,
        suspension_list=suspension_list,
        suspension_index=suspension_index,
        issued_at=now,
        issued_by=acting_user,
        valid_until=valid_until,
    )
    record(
        "credential.issued",
        actor=acting_user,
        organisation=organisation,
        target=credential,
        actor_label=None if acting_user else "shell",
        data={"version": version.pk, "format": credential_format},
    )
    return Issued(credential, created=True)


def _set_bit(status_list: StatusList, index: int, value: bool) -> None:
    locked = StatusList.objects.select_for_update().get(pk=status_list.pk)
    bits = vc_status.StatusList.from_bytes(bytes(locked.bits))
    bits.set(index, value)
    StatusList.objects.filter(pk=locked.pk).update(bits=bits.to_bytes(), updated_at=timezone.now())


def _change_state(
    *, credential: Credential, acting_user: User | None, state: str, reason: str, action: str
) -> Credential:
    credential = Credential.objects.select_for_update().select_related("organisation").get(pk=credential.pk)
    if acting_user is not None:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, credential.organisation)
    reason = (reason or "").strip()
    if state != CredentialState.VALID and not reason:
        raise ValidationFailed(_("Give a reason; the learner and verifiers will see it."), field="reason")
    if credential.state == state or credential.state == CredentialState.REVOKED:
        raise CredentialStateConflict()
    if state == CredentialState.REVOKED:
        _set_bit(credential.revocation_list, credential.revocation_index, True)
        if credential.state == CredentialState.SUSPENDED:
            _set_bit(credential.suspension_list, credential.suspension_index, False)
    else:
        _set_bit(credential.suspension_list, credential.suspension_index, state == CredentialState.SUSPENDED)
    credential.state = state
    credential.state_reason = reason
    credential.state_changed_at = timezone.now()
    credential.save(update_fields=["state", "state_reason", "state_changed_at"])
    record(
        action,
        actor=acting_user,
        organisation=credential.organisation,
        target=credential,
        actor_label=None if acting_user else "shell",
        data={"reason": reason},
    )
    return credential


@transaction.atomic
def revoke_credential(*, credential: Credential, reason: str, acting_user: User | None) -> Credential:
    """Revoke for good; the published status list shows it at once."""
    return _change_state(
        credential=credential,
        acting_user=acting_user,
        state=CredentialState.REVOKED,
        reason=reason,
        action="credential.revoked",
    )


@transaction.atomic
def suspend_credential(*, credential: Credential, reason: str, acting_user: User | None) -> Credential:
    return _change_state(
        credential=credential,
        acting_user=acting_user,
        state=CredentialState.SUSPENDED,
        reason=reason,
        action="credential.suspended",
    )


@transaction.atomic
def reinstate_credential(*, credential: Credential, acting_user: User | None) -> Credential:
    return _change_state(
        credential=credential,
        acting_user=acting_user,
        state=CredentialState.VALID,
        reason="",
        action="credential.reinstated",
    )


def signed_status_list(status_list: StatusList) -> dict[str, Any]:
    """The BitstringStatusListCredential as published, signed with the issuer's Ed25519 key."""
    organisation = status_list.organisation
    private_key, method = keys.signing_key(organisation=organisation, algorithm=KeyAlgorithm.ED25519)
    url = status_list_url(status_list)
    unsigned = vc_status.status_list_credential(
        credential_id=url,
        issuer=keys.issuer_did(organisation),
        status_list=vc_status.StatusList.from_bytes(bytes(status_list.bits)),
        status_purpose=status_list.purpose,
        valid_from=status_list.updated_at.replace(microsecond=0),
    )
    return vc.sign_credential(unsigned, private_key, method)
