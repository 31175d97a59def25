"""Recovering from a compromised signing key: one action revokes the key, re-issues and tells the holders.

``compromise_key`` is the action behind the page and the API: it marks the key compromised (it leaves
the DID document, so everything it signed fails verification at once) and queues a durable background
job. The job (``run_reissue``) calls ``reissue_after_compromise``, which works through the key's
credentials that are neither revoked nor replaced, a chunk per transaction. For each one it signs a
replacement with the active key of the same algorithm – the same signed content with a new id and new
status entries – revokes the old one with the reason "key compromised" (so it now fails verification for
two reasons), links old → new (``Credential.replaced_by``), audits both, and queues an e-mail to the
holder. The idempotency key (one credential per version and learner) moves to the replacement, so
issuing the same version to the same learner again returns the replacement, never a second credential.

Running it again re-issues nothing twice: a replaced credential is revoked and linked, so it is no longer
selected, and each chunk locks the key row, so two workers never handle the same credential.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from mimis.accounts.models import User
from mimis.accounts.permissions import Capability, require_capability
from mimis.audit.services import Event, record, record_many
from mimis.errors import Conflict, MimisError
from mimis.issuing import keys, services
from mimis.issuing.models import (
    Credential,
    CredentialFormat,
    CredentialState,
    IssuerKey,
    KeyReissue,
    KeyStatus,
    ReissueStatus,
    StatusList,
)
from mimis.issuing.signals import credentials_replaced
from mimis.issuing.tasks import send_holder_email
from mimis.vc import status as vc_status
from mimis.vc.jwt import decode_unverified

logger = logging.getLogger(__name__)

CHUNK_SIZE = 100  # credentials per transaction: progress shows, and a crash loses at most one chunk's work
STALE_AFTER = timedelta(minutes=2)  # a queued or running job with no heartbeat for this long lost its worker


class KeyNotCompromised(Conflict):
    code = "key_not_compromised"
    default_message = gettext_lazy("Only the credentials of a compromised key are re-issued.")


def compromise_reason() -> str:
    """The revocation reason stored on replaced credentials, in the platform's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("The issuer's signing key was compromised; the credential has been re-issued.")


def credentials_to_reissue(*, key: IssuerKey) -> QuerySet[Credential]:
    """What the key signed that still needs a replacement: neither revoked nor already replaced."""
    # Credentials erased at the holder's request (no signed copy, nobody to send one to) are not re-issued.
    return (
        Credential.objects.filter(key=key, replaced_by__isnull=True)
        .exclude(state=CredentialState.REVOKED)
        .exclude(document__isnull=True, token="")
    )


def is_stale(job: KeyReissue) -> bool:
    return job.status in (ReissueStatus.QUEUED, ReissueStatus.RUNNING) and (
        job.heartbeat_at is None or job.heartbeat_at < timezone.now() - STALE_AFTER
    )


def job_of(key: IssuerKey) -> KeyReissue | None:
    try:
        return key.reissue
    except KeyReissue.DoesNotExist:
        return None


def can_continue(key: IssuerKey, to_reissue: int) -> bool:
    """Whether a compromised key has credentials left that no running job is working on."""
    if key.status != KeyStatus.COMPROMISED or not to_reissue:
        return False
    job = job_of(key)
    return job is None or job.status in (ReissueStatus.DONE, ReissueStatus.FAILED) or is_stale(job)


# --- the action --------------------------------------------------------------------------------------


@transaction.atomic
def compromise_key(*, key: IssuerKey, acting_user: User) -> KeyReissue:
    """Revoke the key, then re-issue everything it signed in the background and tell the holders."""
    key = keys.mark_key_compromised(key=key, acting_user=acting_user)
    return start_reissue(key=key, acting_user=acting_user)


@transaction.atomic
def start_reissue(*, key: IssuerKey, acting_user: User) -> KeyReissue:
    """Queue the re-issue job of a compromised key (again, if it stopped or lost its worker).

    A job that is under way is returned as it is; with nothing left to re-issue the job is done at once.
    """
    require_capability(acting_user, Capability.MANAGE_ISSUER_KEYS, key.organisation)
    key = IssuerKey.objects.select_for_update().select_related("organisation").get(pk=key.pk)
    if key.status != KeyStatus.COMPROMISED:
        raise KeyNotCompromised()
    job, created = KeyReissue.objects.get_or_create(key=key, defaults={"created_by": acting_user})
    if not created:
        job = KeyReissue.objects.select_for_update().get(pk=job.pk)
        if job.status in (ReissueStatus.QUEUED, ReissueStatus.RUNNING) and not is_stale(job):
            return job
    remaining = credentials_to_reissue(key=key).count()
    now = timezone.now()
    if not created and remaining == 0:
        if job.status != ReissueStatus.DONE:  # it stopped after the last chunk: nothing is left to do
            job.status, job.error, job.finished_at = ReissueStatus.DONE, "", now
            job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.total = job.reissued_count + remaining
    job.error = ""
    job.heartbeat_at = now
    job.created_by = acting_user
    if remaining == 0:
        job.status, job.started_at, job.finished_at = ReissueStatus.DONE, now, now
    else:
        job.status, job.finished_at = ReissueStatus.QUEUED, None
    job.save()
    record(
        "issuer.key_reissue_started",
        actor=acting_user,
        organisation=key.organisation,
        target=job,
        data={"key_id": key.key_id, "credentials": remaining},
    )
    if remaining:
        # After commit: the worker must see the compromised key and the job when it starts.
        transaction.on_commit(partial(run_key_reissue.enqueue, job_id=str(job.pk)))
    return job


# --- the work ----------------------------------------------------------------------------------------


def reissue_after_compromise(
    *, key: IssuerKey, acting_user: User | None, chunk_size: int = CHUNK_SIZE, max_chunks: int | None = None
) -> int:
    """Re-issue every credential the compromised key signed that is not revoked; return how many.

    Each chunk is one transaction. A second run finds nothing left and returns 0. ``acting_user`` None
    means the server's shell, which is trusted.
    """
    key = IssuerKey.objects.select_related("organisation").get(pk=key.pk)
    if acting_user is not None:
        require_capability(acting_user, Capability.MANAGE_ISSUER_KEYS, key.organisation)
    if key.status != KeyStatus.COMPROMISED:
        raise KeyNotCompromised()
    done = chunks = 0
    while max_chunks is None or chunks < max_chunks:
        count = _reissue_chunk(key=key, acting_user=acting_user, chunk_size=chunk_size)
        if not count:
            break
        done += count
        chunks += 1
    return done


def _unsigned(credential: Credential) -> dict[str, Any]:
    """The credential as it was before it was signed."""
    if credential.format == CredentialFormat.LDP:
        document = dict(credential.document or {})
        document.pop("proof", None)
        return document
    _header, payload, _input, _signature = decode_unverified(credential.token)
    return dict(payload["vc"]) if "vc" in payload else payload  # the VC 1.1 JWT style wraps it


def _reissue_chunk(*, key: IssuerKey, acting_user: User | None, chunk_size: int) -> int:
    with transaction.atomic():
        # The key's row lock makes two workers on the same key take turns, so none re-issues twice.
        IssuerKey.objects.select_for_update().filter(pk=key.pk).first()
        old_credentials = list(
            credentials_to_reissue(key=key).select_for_update().order_by("issued_at", "pk")[:chunk_size]
        )
        if not old_credentials:
            return 0
        organisation = key.organisation
        keys.ensure_issuer_keys(organisation=organisation, acting_user=acting_user)
        private_key, method = keys.signing_key(organisation=organisation, algorithm=key.algorithm)
        new_key = IssuerKey.objects.get(
            organisation=organisation, algorithm=key.algorithm, status=KeyStatus.ACTIVE
        )
        count = len(old_credentials)
        slots = services.allocate_status_slots(organisation=organisation, count=count)
        now = timezone.now()
        reason = compromise_reason()
        bits: dict[int, dict[int, bool]] = defaultdict(dict)  # status list pk -> {index: value}
        replacements = []
        for old, slot in zip(old_credentials, slots, strict=True):
            new_id = uuid.uuid4()
            # One status entry, whatever the old credential had (older ones have two).
            document = _unsigned(old) | {"id": f"urn:uuid:{new_id}", "credentialStatus": slot.entry()}
            fields = slot.credential_fields()
            signed_document, token = services.sign_in_format(document, old.format, private_key, method)
            suspended = old.state == CredentialState.SUSPENDED
            replacements.append(
                Credential(
                    id=new_id,
                    version_id=old.version_id,
                    organisation=organisation,
                    recipient_email=old.recipient_email,
                    recipient_name=old.recipient_name,
                    recipient_language=old.recipient_language,
                    format=old.format,
                    document=signed_document,
                    token=token,
                    key=new_key,
                    idempotency_key=old.idempotency_key,
                    **fields,
                    # A suspension carries over: re-issuing must not lift it.
                    state=old.state,
                    state_reason=old.state_reason if suspended else "",
                    state_changed_at=now if suspended else None,
                    issued_at=now,
                    issued_by=acting_user,
                    valid_until=old.valid_until,
                )
            )
            bits[old.revocation_list_id][old.revocation_index] = True
            if suspended:
                bits[old.suspension_list_id][old.suspension_index] = False
                bits[fields["suspension_list"].pk][fields["suspension_index"]] = True
        # The idempotency key moves to the replacement; the old one keeps a unique placeholder.
        for old in old_credentials:
            old.idempotency_key = f"replaced:{old.pk.hex}"
        Credential.objects.bulk_update(old_credentials, ["idempotency_key"])
        Credential.objects.bulk_create(replacements)
        for old, new in zip(old_credentials, replacements, strict=True):
            old.replaced_by = new
            old.state = CredentialState.REVOKED
            old.state_reason = reason
            old.state_changed_at = now
        Credential.objects.bulk_update(
            old_credentials, ["replaced_by", "state", "state_reason", "state_changed_at"]
        )
        _set_bits(bits)
        _keep_in_wallet(old_credentials, replacements)
        label = None if acting_user else "system"
        events = []
        for old, new in zip(old_credentials, replacements, strict=True):
            events.append(
                Event(
                    "credential.revoked",
                    actor=acting_user,
                    organisation=organisation,
                    target=old,
                    actor_label=label,
                    data={"reason": reason, "replaced_by": str(new.pk), "key_id": key.key_id},
                )
            )
            events.append(
                Event(
                    "credential.reissued",
                    actor=acting_user,
                    organisation=organisation,
                    target=new,
                    actor_label=label,
                    data={"replaces": str(old.pk), "compromised_key": key.key_id, "key_id": new_key.key_id},
                )
            )
        record_many(events)
        KeyReissue.objects.filter(key=key).update(
            reissued_count=F("reissued_count") + count, heartbeat_at=timezone.now()
        )
        for new in replacements:
            transaction.on_commit(partial(send_credential_replaced_email.enqueue, credential_id=str(new.pk)))
        return count


def _keep_in_wallet(old_credentials: list[Credential], replacements: list[Credential]) -> None:
    """A credential its holder collected stays theirs: the replacement goes into the same wallet (so a
    second compromise finds it there too). An unused claim link of an old credential stops working; the
    "replaced" e-mail carries a new one for the replacement. The wallet does both (issuing is below it and
    does not import it), in this transaction, when told through ``credentials_replaced``."""
    credentials_replaced.send(sender=Credential, pairs=list(zip(old_credentials, replacements, strict=True)))


def _set_bits(changes: dict[int, dict[int, bool]]) -> None:
    """Set many bits of several status lists, each list read and written once under its row lock."""
    for list_pk in sorted(changes):  # a fixed order, so two writers cannot deadlock
        locked = StatusList.objects.select_for_update().get(pk=list_pk)
        bits = vc_status.StatusList.from_bytes(bytes(locked.bits))
        for index, value in changes[list_pk].items():
            bits.set(index, value)
        StatusList.objects.filter(pk=list_pk).update(bits=bits.to_bytes(), updated_at=timezone.now())
    services.publish_status_lists(changes)


def run_reissue(*, job_id: str) -> KeyReissue:
    """The background job: re-issue all that is left, then mark the job done (or stopped, with why)."""
    job = KeyReissue.objects.select_related("key__organisation", "created_by").get(pk=job_id)
    if job.status not in (ReissueStatus.QUEUED, ReissueStatus.RUNNING):
        return job
    KeyReissue.objects.filter(pk=job.pk).update(
        status=ReissueStatus.RUNNING, started_at=job.started_at or timezone.now(), heartbeat_at=timezone.now()
    )
    try:
        reissue_after_compromise(key=job.key, acting_user=job.created_by)
    except MimisError as error:
        # The organisation lost its approval or the admin their role since the start: stop and say why.
        KeyReissue.objects.filter(pk=job.pk).update(
            status=ReissueStatus.FAILED, error=error.message, finished_at=timezone.now()
        )
        logger.warning("re-issue for key %s stopped: %s", job.key.key_id, error.code)
        return KeyReissue.objects.get(pk=job.pk)
    with transaction.atomic():
        job = KeyReissue.objects.select_for_update().select_related("key__organisation").get(pk=job.pk)
        job.status, job.finished_at = ReissueStatus.DONE, timezone.now()
        job.save(update_fields=["status", "finished_at"])
        record(
            "issuer.key_reissue_finished",
            actor=job.created_by,
            organisation=job.key.organisation,
            target=job,
            actor_label=None if job.created_by else "system",
            data={"key_id": job.key.key_id, "reissued": job.reissued_count},
        )
    return job


def resume_interrupted_reissues(*, stale_after: timedelta = STALE_AFTER) -> list[str]:
    """Queue again every re-issue job whose worker stopped sending heartbeats. Returns their ids."""
    cutoff = timezone.now() - stale_after
    resumed = []
    for job_id in KeyReissue.objects.filter(
        status__in=[ReissueStatus.QUEUED, ReissueStatus.RUNNING], heartbeat_at__lt=cutoff
    ).values_list("pk", flat=True):
        with transaction.atomic():
            # Only one worker wins the conditional update, so a job is queued once.
            if KeyReissue.objects.filter(pk=job_id, heartbeat_at__lt=cutoff).update(
                heartbeat_at=timezone.now()
            ):
                run_key_reissue.enqueue(job_id=str(job_id))
                resumed.append(str(job_id))
    return resumed


# --- tasks -------------------------------------------------------------------------------------------


@task()
def run_key_reissue(*, job_id: str) -> None:
    """Re-issue what a compromised key signed; safe to run again after a crash."""
    run_reissue(job_id=job_id)


@task()
def send_credential_replaced_email(*, credential_id: str) -> None:
    """Tell the holder their credential was replaced, in their language, and where the new one is: their
    wallet if the old one was collected into it (the replacement is there already), else a claim link."""
    credential = (
        Credential.objects.select_related("organisation", "version", "replaces")
        .filter(pk=credential_id)
        .exclude(state=CredentialState.REVOKED)
        .first()
    )
    if credential is not None:
        send_holder_email(credential=credential, template="issuing/emails/credential_replaced")
