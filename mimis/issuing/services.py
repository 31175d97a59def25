"""Issuing, revoking and suspending Open Badges 3.0 credentials for published micro-credential versions."""

from __future__ import annotations

import calendar
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, require_capability
from mimis.accounts.services import normalise_email
from mimis.audit.services import Event, record, record_many
from mimis.catalog.achievement import achievement_for, issuer_address
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import ValidationFailed
from mimis.issuing import keys, tasks
from mimis.issuing.errors import CredentialStateConflict, QualityAssuranceLapsed, VersionNotPublished
from mimis.issuing.models import (
    STATUS_LIST_SIZE,
    Credential,
    CredentialFormat,
    CredentialState,
    IssuerKey,
    IssuingBatch,
    KeyAlgorithm,
    KeyStatus,
    StatusList,
    StatusPurpose,
    status_list_bytes,
)
from mimis.issuing.signals import credential_state_changed, credentials_issued
from mimis.vc import credentials as vc
from mimis.vc import status as vc_status
from mimis.vc.jwt import sign_jwt


def status_list_url(status_list: StatusList) -> str:
    return settings.MIMIS_BASE_URL + reverse(
        "issuer_status_list", args=[status_list.organisation.slug, status_list.purpose, status_list.number]
    )


def allocate_status_indexes(
    *, organisation: Organisation, purpose: str, count: int
) -> list[tuple[StatusList, int]]:
    """The next ``count`` free indexes of the issuer's lists; a new list starts when one is full.

    Runs inside the caller's transaction; the row lock makes concurrent issuers wait, so no index is
    handed out twice.
    """
    allocated: list[tuple[StatusList, int]] = []
    while len(allocated) < count:
        current = (
            StatusList.objects.select_for_update()
            .defer(
                "bits", "signed"
            )  # only the counter is needed here, not the 16 KB list and its signed copy
            .filter(organisation=organisation, purpose=purpose)
            .order_by("-number")
            .first()
        )
        if current is None or current.next_index >= STATUS_LIST_SIZE:
            current = StatusList.objects.create(
                organisation=organisation,
                purpose=purpose,
                number=(current.number + 1) if current else 1,
                bits=bytes(status_list_bytes(purpose)),
            )
            current = StatusList.objects.select_for_update().defer("bits", "signed").get(pk=current.pk)
        first = current.next_index
        last = min(STATUS_LIST_SIZE, first + count - len(allocated))
        StatusList.objects.filter(pk=current.pk).update(next_index=last)
        allocated.extend((current, index) for index in range(first, last))
    return allocated


def allocate_status_index(*, organisation: Organisation, purpose: str) -> tuple[StatusList, int]:
    """One index; see ``allocate_status_indexes``."""
    return allocate_status_indexes(organisation=organisation, purpose=purpose, count=1)[0]


@dataclass(frozen=True)
class StatusSlot:
    """A new credential's one status entry: index ``index`` of a 2-bit "message" list."""

    status_list: StatusList
    index: int

    def credential_fields(self) -> dict[str, Any]:
        """The Credential fields that revoking and suspending set bits through."""
        return {
            "revocation_list": self.status_list,
            "revocation_index": vc_status.revocation_bit(self.index),
            "suspension_list": self.status_list,
            "suspension_index": vc_status.suspension_bit(self.index),
        }

    def entry(self) -> dict[str, Any]:
        """The credential's ``credentialStatus``: one entry for both revocation and suspension."""
        return vc_status.revocation_and_suspension_entry(
            status_list_credential=status_list_url(self.status_list), index=self.index
        )


def allocate_status_slots(*, organisation: Organisation, count: int) -> list[StatusSlot]:
    """A status entry for each of ``count`` new credentials (issuing, batches and key re-issue)."""
    return [
        StatusSlot(status_list, index)
        for status_list, index in allocate_status_indexes(
            organisation=organisation, purpose=StatusPurpose.MESSAGE, count=count
        )
    ]


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus calendar months; a day the month lacks becomes its last (31 Jan + 1 = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


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


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str = "sv"
    #: The holder's DID (from a wallet, e.g. through the VC API); becomes credentialSubject.id.
    subject_id: str | None = None


def idempotency_key(version: MicroCredentialVersion, email: str) -> str:
    """One credential per version and learner: issuing again returns the first one."""
    return hashlib.sha256(f"{version.pk}:{email}".encode()).hexdigest()


def issue_credential(
    *,
    version: MicroCredentialVersion,
    email: str,
    name: str,
    acting_user: User | None,
    credential_format: str = CredentialFormat.LDP,
    language: str = "sv",
    subject_id: str | None = None,
    evidence: Sequence[vc.Evidence] = (),
) -> Issued:
    """Sign a credential for one learner. Issuing the same version to the same e-mail again returns the first.

    ``acting_user`` None means the server's shell (``mimis credentials issue``), which is trusted.
    """
    return issue_credentials(
        version=version,
        recipients=[Recipient(email, name, language, subject_id)],
        acting_user=acting_user,
        credential_format=credential_format,
        evidence=evidence,
    )[0]


@transaction.atomic
def issue_credentials(
    *,
    version: MicroCredentialVersion,
    recipients: Sequence[Recipient],
    acting_user: User | None,
    credential_format: str = CredentialFormat.LDP,
    batch: IssuingBatch | None = None,
    evidence: Sequence[vc.Evidence] = (),
) -> list[Issued]:
    """Sign credentials for several learners in one transaction, in the order given.

    Learners who already hold this version get their first credential back (``created`` False). Each new
    credential gets its status entries, an audit entry and a queued e-mail to the learner; the e-mail
    task is queued in the same transaction, so it exists exactly when the credential does. ``evidence``
    (OB 3.0 ``Evidence``, e.g. from validation of prior learning) is signed into each new credential.
    """
    version = MicroCredentialVersion.objects.select_related("microcredential__provider").get(pk=version.pk)
    organisation = version.microcredential.provider
    if acting_user is not None:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, organisation)
    if version.status != VersionStatus.PUBLISHED:
        raise VersionNotPublished()
    if version.qa_lapsed:
        raise QualityAssuranceLapsed()
    if credential_format not in CredentialFormat.values:
        raise ValidationFailed(_("Choose the format ldp or jwt."), field="format")
    cleaned = []
    for recipient in recipients:
        name = (recipient.name or "").strip()
        if not name:
            raise ValidationFailed(_("Enter the learner's name."), field="name")
        language = recipient.language if recipient.language in dict(settings.LANGUAGES) else "sv"
        cleaned.append(Recipient(normalise_email(recipient.email), name, language, recipient.subject_id))
    # Concurrent calls for the same learner must not both sign: on PostgreSQL the second would fail on the
    # unique idempotency key (a 500) after the first commits. Holding the version's row makes the second
    # wait and then find the first's credential. (SQLite's IMMEDIATE transactions already serialise.)
    MicroCredentialVersion.objects.select_for_update(of=("self",)).filter(pk=version.pk).exists()
    wanted = {idempotency_key(version, r.email): r for r in cleaned}
    existing = {c.idempotency_key: c for c in Credential.objects.filter(idempotency_key__in=list(wanted))}
    new = {key: r for key, r in wanted.items() if key not in existing}
    created: dict[str, Credential] = {}
    if new:
        created = _sign_and_store(
            version=version,
            organisation=organisation,
            recipients=new,
            acting_user=acting_user,
            credential_format=credential_format,
            batch=batch,
            evidence=evidence,
        )
    results, seen = [], set()
    for recipient in cleaned:
        key = idempotency_key(version, recipient.email)
        # The same address twice in one call: the second gets the first's credential, not a new one.
        results.append(Issued(created.get(key) or existing[key], created=key in created and key not in seen))
        seen.add(key)
    return results


def sign_in_format(
    document: dict[str, Any], credential_format: str, private_key: Any, method: str
) -> tuple[dict[str, Any] | None, str]:
    """(signed JSON-LD, "") for the Data Integrity format, (None, compact JWT) for VC-JOSE."""
    if credential_format == CredentialFormat.LDP:
        return vc.sign_credential(document, private_key, method), ""
    return None, sign_jwt(document, private_key, method)


def _sign_and_store(
    *,
    version: MicroCredentialVersion,
    organisation: Organisation,
    recipients: dict[str, Recipient],
    acting_user: User | None,
    credential_format: str,
    batch: IssuingBatch | None,
    evidence: Sequence[vc.Evidence] = (),
) -> dict[str, Credential]:
    keys.ensure_issuer_keys(organisation=organisation, acting_user=acting_user)
    algorithm = KeyAlgorithm.ED25519 if credential_format == CredentialFormat.LDP else KeyAlgorithm.P256
    private_key, method = keys.signing_key(organisation=organisation, algorithm=algorithm)
    key = IssuerKey.objects.get(organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE)
    slots = allocate_status_slots(organisation=organisation, count=len(recipients))
    now = timezone.now().replace(microsecond=0)
    valid_until = add_months(now, version.validity_months) if version.validity_months else None
    achievement = achievement_for(version)
    issuer_profile = vc.IssuerProfile(
        id=keys.issuer_did(organisation),
        name=organisation.name,
        url=organisation.website
        or settings.MIMIS_BASE_URL + reverse("accounts:organisation_detail", args=[organisation.slug]),
        address=issuer_address(version),
    )
    credentials: dict[str, Credential] = {}
    for (idem, recipient), slot in zip(recipients.items(), slots, strict=True):
        credential_id = uuid.uuid4()
        document = vc.build_credential(
            credential_id=f"urn:uuid:{credential_id}",
            issuer=issuer_profile,
            achievement=achievement,
            learner=vc.Learner(email=recipient.email, name=recipient.name, id=recipient.subject_id),
            valid_from=now,
            valid_until=valid_until,
            awarded_date=now,
            name=version.title,
            description=version.summary,
            credential_status=[slot.entry()],
            evidence=evidence,
            include_credential_schema=True,
        )
        signed_document, token = sign_in_format(document, credential_format, private_key, method)
        credentials[idem] = Credential(
            id=credential_id,
            version=version,
            organisation=organisation,
            recipient_email=recipient.email,
            recipient_name=recipient.name,
            recipient_language=recipient.language,
            format=credential_format,
            document=signed_document,
            token=token,
            key=key,
            idempotency_key=idem,
            **slot.credential_fields(),
            issued_at=now,
            issued_by=acting_user,
            batch=batch,
            valid_until=valid_until,
        )
    Credential.objects.bulk_create(credentials.values())
    data = {"version": version.pk, "format": credential_format}
    if batch is not None:
        data["batch"] = str(batch.pk)
    record_many(
        [
            Event(
                "credential.issued",
                actor=acting_user,
                organisation=organisation,
                target=credential,
                actor_label=None if acting_user else "shell",
                data=data,
            )
            for credential in credentials.values()
        ]
    )
    for credential in credentials.values():
        tasks.send_credential_issued_email.enqueue(credential_id=str(credential.pk))
    # After the commit, so receivers (matching, insights) read what was stored.
    transaction.on_commit(
        partial(
            credentials_issued.send,
            sender=Credential,
            credentials=list(credentials.values()),
            version_id=version.pk,
        )
    )
    return credentials


def _set_bit(status_list: StatusList, index: int, value: bool) -> int:
    locked = StatusList.objects.select_for_update().get(pk=status_list.pk)
    bits = vc_status.StatusList.from_bytes(bytes(locked.bits))
    bits.set(index, value)
    StatusList.objects.filter(pk=locked.pk).update(bits=bits.to_bytes(), updated_at=timezone.now())
    return locked.pk


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
    previous_state = credential.state
    changed = set()
    if state == CredentialState.REVOKED:
        changed.add(_set_bit(credential.revocation_list, credential.revocation_index, True))
        if credential.state == CredentialState.SUSPENDED:
            changed.add(_set_bit(credential.suspension_list, credential.suspension_index, False))
    else:
        changed.add(
            _set_bit(
                credential.suspension_list, credential.suspension_index, state == CredentialState.SUSPENDED
            )
        )
    # Signed again in this transaction: readers see the new list the moment the change commits.
    publish_status_lists(changed)
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
    # The holder hears of it in their language, once the change is committed (and only then).
    transaction.on_commit(
        partial(tasks.send_credential_status_email.enqueue, credential_id=str(credential.pk), state=state)
    )
    transaction.on_commit(
        partial(
            credential_state_changed.send,
            sender=Credential,
            credential=credential,
            state=state,
            previous_state=previous_state,
        )
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
    """The BitstringStatusListCredential as it is now, signed with the issuer's Ed25519 key (no caching:
    readers use :func:`published_status_list`)."""
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


@dataclass(frozen=True)
class PublishedStatusList:
    """A status list credential as served: the signed JSON bytes, their ETag and when they were signed."""

    body: bytes
    etag: str
    signed_at: datetime


def publish_status_lists(pks: set[int] | Sequence[int]) -> None:
    """Sign these lists as they are now and store the result; call in the transaction that changed their
    bits (each list is locked, in a fixed order, so two writers cannot deadlock or publish stale bits)."""
    for pk in sorted(set(pks)):
        locked = StatusList.objects.select_for_update().select_related("organisation").get(pk=pk)
        _store_signed(locked)


def _store_signed(status_list: StatusList) -> PublishedStatusList:
    body = json.dumps(signed_status_list(status_list), ensure_ascii=False, separators=(",", ":")).encode()
    published = PublishedStatusList(
        body=body, etag=hashlib.sha256(body).hexdigest()[:32], signed_at=timezone.now()
    )
    StatusList.objects.filter(pk=status_list.pk).update(
        signed=body, etag=published.etag, signed_at=published.signed_at
    )
    return published


def published_status_list(status_list: StatusList) -> PublishedStatusList:
    """The stored signed list (the same bytes for every reader). A list never published yet, or whose
    issuer's keys changed since, is signed now, once, under its row lock."""
    if status_list.signed is not None and status_list.etag:
        return PublishedStatusList(bytes(status_list.signed), status_list.etag, status_list.signed_at)
    with transaction.atomic():
        locked = StatusList.objects.select_for_update().select_related("organisation").get(pk=status_list.pk)
        if locked.signed is not None and locked.etag:
            return PublishedStatusList(bytes(locked.signed), locked.etag, locked.signed_at)
        return _store_signed(locked)
