"""Writing to the audit log. Every state change that matters calls ``record`` inside its transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from mimis.audit.models import AuditChainHead, AuditEntry

if TYPE_CHECKING:
    from mimis.accounts.models import Organisation, User

GENESIS_HASH = "0" * 64


def _entry_payload(entry: AuditEntry) -> dict[str, Any]:
    return {
        "sequence": entry.sequence,
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "organisation_id": entry.organisation_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
        "previous_hash": entry.previous_hash,
    }


def compute_entry_hash(entry: AuditEntry) -> str:
    canonical = json.dumps(_entry_payload(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    action: str,
    *,
    actor: User | None,
    organisation: Organisation | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Call it inside the transaction of the change it records."""
    return record_many([Event(action, actor, organisation, target, data, actor_label)])[0]


@dataclass(frozen=True)
class Event:
    """One change to record with ``record_many``; the fields mean what ``record``'s arguments mean."""

    action: str
    actor: User | None
    organisation: Organisation | None = None
    target: models.Model | None = None
    data: dict[str, Any] | None = None
    actor_label: str | None = None


def record_many(events: list[Event]) -> list[AuditEntry]:
    """Append entries under one lock of the chain head (a batch of 10,000 issues stays fast).

    Call it inside the transaction of the change it records.
    """
    if not events:
        return []
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        sequence, previous_hash, now = head.last_sequence, head.last_hash, timezone.now()
        entries = []
        for event in events:
            actor = event.actor if event.actor is not None and event.actor.is_authenticated else None
            sequence += 1
            entry = AuditEntry(
                sequence=sequence,
                at=now,
                actor=actor,
                actor_label=event.actor_label or (actor.email if actor is not None else "system"),
                organisation=event.organisation,
                action=event.action,
                object_type=event.target._meta.label_lower if event.target is not None else "",
                object_id=str(event.target.pk) if event.target is not None else "",
                data=json.loads(json.dumps(event.data or {}, default=str)),
                previous_hash=previous_hash,
            )
            entry.entry_hash = previous_hash = compute_entry_hash(entry)
            entries.append(entry)
        AuditEntry.objects.bulk_create(entries)
        AuditChainHead.objects.filter(pk=1).update(last_sequence=sequence, last_hash=previous_hash)
        return entries


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    checked: int
    first_bad_sequence: int | None = None
    problem: str = ""


def verify_chain() -> ChainReport:
    """Walk the chain in order: a modified, deleted, inserted or reordered entry breaks it."""
    head = AuditChainHead.objects.filter(pk=1).first()
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence != expected_sequence:
            return ChainReport(False, checked, expected_sequence, f"entry #{expected_sequence} is missing")
        if entry.previous_hash != expected_previous:
            return ChainReport(False, checked, entry.sequence, "does not link to the entry before it")
        if compute_entry_hash(entry) != entry.entry_hash:
            return ChainReport(False, checked, entry.sequence, "content was changed after it was written")
        expected_previous = entry.entry_hash
        expected_sequence += 1
        checked += 1
    last_sequence = head.last_sequence if head else 0
    if last_sequence != checked or (head and head.last_hash != expected_previous and checked):
        return ChainReport(False, checked, checked + 1, f"entries after #{checked} are missing")
    return ChainReport(True, checked)
