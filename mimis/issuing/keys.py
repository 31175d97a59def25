"""Issuer identity (did:web served by MIMIS) and key management: create, rotate, mark compromised.

Re-issuing what a compromised key signed lives in ``mimis.issuing.reissue``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, OrganisationStatus, User
from mimis.accounts.permissions import PROVIDER_KINDS, Capability, require_capability
from mimis.audit.services import record
from mimis.errors import Conflict, NotFound, ValidationFailed
from mimis.issuing.models import CredentialState, IssuerKey, KeyAlgorithm, KeyStatus
from mimis.vc import dids
from mimis.vc.keys import PrivateKey, PublicKey, decrypt_private_key, encrypt_private_key, generate_key

SIGNING_ALGORITHMS = (KeyAlgorithm.ED25519, KeyAlgorithm.P256)


def issuer_did_prefix() -> str:
    """``did:web:<host>[%3A<port>]:issuers:`` – every MIMIS issuer's DID starts with it."""
    parts = urlsplit(settings.MIMIS_BASE_URL)
    host = parts.hostname + (quote(f":{parts.port}", safe="") if parts.port else "")
    return f"did:web:{host}:issuers:"


def issuer_did(organisation: Organisation) -> str:
    """The organisation's DID; its document is served at /issuers/<slug>/did.json."""
    return issuer_did_prefix() + organisation.slug


#: How long a DID document stays in the cache (Django's cache: Redis in production, shared by every app
#: process). Key changes delete it at once; the timeout bounds how long a process-local cache (the
#: LocMemCache default) of another process can still hold a compromised key: the same 60 s as did.json.
DID_DOCUMENT_CACHE_SECONDS = 60


def _did_cache_key(slug: str) -> str:
    return f"mimis:did-document:{slug}"


def did_document(organisation: Organisation) -> dict[str, Any]:
    """Active and retired keys verify; compromised keys are left out, so what they signed fails."""
    return did_document_for_slug(organisation.slug, organisation=organisation)


def did_document_for_slug(slug: str, *, organisation: Organisation | None = None) -> dict[str, Any]:
    """The DID document of the MIMIS issuer ``slug`` (cached); NotFound when it has no published keys."""
    cached = cache.get(_did_cache_key(slug))
    if cached is None:
        keys = list(
            IssuerKey.objects.filter(organisation__slug=slug)
            .exclude(status=KeyStatus.COMPROMISED)
            .order_by("pk")
            .values_list("key_id", "public_key")
        )
        cached = {"document": None}
        if keys:
            did = issuer_did(organisation) if organisation is not None else issuer_did_prefix() + slug
            document = dids.did_web_document(
                did, [(key_id, PublicKey.from_multibase(public)) for key_id, public in keys]
            )
            body = json.dumps(document, separators=(",", ":"), sort_keys=True).encode()
            cached = {"document": document, "etag": hashlib.sha256(body).hexdigest()[:32]}
        cache.set(_did_cache_key(slug), cached, DID_DOCUMENT_CACHE_SECONDS)
    if cached["document"] is None:
        raise NotFound()
    return copy.deepcopy(cached["document"])


def did_document_etag(slug: str) -> str:
    """A fingerprint of the issuer's DID document (changes whenever a key is added, retired or withdrawn)."""
    did_document_for_slug(slug)
    return cache.get(_did_cache_key(slug), {}).get("etag") or ""


def keys_changed(organisation: Organisation) -> None:
    """After a key is created, rotated or marked compromised: drop the cached DID document (now and again
    once the transaction commits, so no reader caches the old keys in between) and the stored signed
    status lists (the next read signs them with the active key)."""
    from mimis.issuing.models import StatusList

    cache.delete(_did_cache_key(organisation.slug))
    transaction.on_commit(lambda: cache.delete(_did_cache_key(organisation.slug)))
    StatusList.objects.filter(organisation=organisation).update(signed=None, etag="", signed_at=None)


def _new_key(organisation: Organisation, algorithm: str) -> IssuerKey:
    private = generate_key(algorithm)
    number = IssuerKey.objects.filter(organisation=organisation).count() + 1
    prefix = "ed25519" if algorithm == KeyAlgorithm.ED25519 else "p256"
    key = IssuerKey.objects.create(
        organisation=organisation,
        key_id=f"{prefix}-{number}",
        algorithm=algorithm,
        public_key=private.public_key.to_multibase(),
        encrypted_private_key=encrypt_private_key(private.to_bytes(), settings.MIMIS_KEY_ENCRYPTION_KEY),
    )
    keys_changed(organisation)
    return key


@transaction.atomic
def ensure_issuer_keys(*, organisation: Organisation, acting_user: User | None = None) -> list[IssuerKey]:
    """Give an approved provider an active Ed25519 and P-256 key if it lacks one (idempotent)."""
    if organisation.status != OrganisationStatus.APPROVED or organisation.kind not in PROVIDER_KINDS:
        raise Conflict(_("Only approved providers issue credentials."))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    created = []
    for algorithm in SIGNING_ALGORITHMS:
        if not IssuerKey.objects.filter(
            organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE
        ).exists():
            created.append(_new_key(organisation, algorithm))
    if created:
        record(
            "issuer.keys_created",
            actor=acting_user,
            organisation=organisation,
            actor_label=None if acting_user else "system",
            data={"keys": [k.key_id for k in created]},
        )
    return created


@transaction.atomic
def rotate_key(*, organisation: Organisation, algorithm: str, acting_user: User) -> IssuerKey:
    """A new key signs from now on; the old one stays in the DID document so earlier credentials verify."""
    require_capability(acting_user, Capability.MANAGE_ISSUER_KEYS, organisation)
    if algorithm not in SIGNING_ALGORITHMS:
        raise ValidationFailed(_("Choose the algorithm Ed25519 or P-256."), field="algorithm")
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    IssuerKey.objects.select_for_update().filter(
        organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE
    ).update(status=KeyStatus.RETIRED, retired_at=timezone.now())
    key = _new_key(organisation, algorithm)
    record(
        "issuer.key_rotated",
        actor=acting_user,
        organisation=organisation,
        target=key,
        data={"key_id": key.key_id, "algorithm": algorithm},
    )
    return key


@transaction.atomic
def mark_key_compromised(*, key: IssuerKey, acting_user: User) -> IssuerKey:
    """Revoke a key: it leaves the DID document, so everything it signed fails verification.

    A fresh key of the same algorithm is created at once so issuing can go on.
    """
    require_capability(acting_user, Capability.MANAGE_ISSUER_KEYS, key.organisation)
    key = IssuerKey.objects.select_for_update().get(pk=key.pk)
    if key.status == KeyStatus.COMPROMISED:
        return key
    was_active = key.status == KeyStatus.ACTIVE
    key.status = KeyStatus.COMPROMISED
    key.compromised_at = timezone.now()
    key.save(update_fields=["status", "compromised_at"])
    keys_changed(key.organisation)
    if was_active:
        _new_key(key.organisation, key.algorithm)
    record(
        "issuer.key_compromised",
        actor=acting_user,
        organisation=key.organisation,
        target=key,
        data={"key_id": key.key_id},
    )
    return key


def keys_of(*, organisation: Organisation) -> QuerySet[IssuerKey]:
    """The organisation's keys, newest first, with how many credentials each signed and how many of
    those are neither revoked nor replaced (what marking the key compromised re-issues)."""
    return (
        IssuerKey.objects.filter(organisation=organisation)
        .select_related("organisation", "reissue")
        .annotate(
            signed_count=Count("credentials"),
            to_reissue_count=Count(
                "credentials",
                filter=Q(credentials__replaced_by__isnull=True)
                & ~Q(credentials__state=CredentialState.REVOKED),
            ),
        )
        .order_by("algorithm", "-created_at", "-pk")
    )


def key_of(*, organisation: Organisation, key_id: str) -> IssuerKey:
    """One key of the organisation by its key id (``ed25519-2``); NotFound for anyone else's."""
    key = keys_of(organisation=organisation).filter(key_id=key_id).first()
    if key is None:
        raise NotFound()
    return key


def verification_method(key: IssuerKey) -> str:
    return f"{issuer_did(key.organisation)}#{key.key_id}"


def signing_key(*, organisation: Organisation, algorithm: str) -> tuple[PrivateKey, str]:
    """The active private key (decrypted in memory only) and its verification method id."""
    key = IssuerKey.objects.filter(
        organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE
    ).first()
    if key is None:
        raise NotFound()
    raw = decrypt_private_key(bytes(key.encrypted_private_key), settings.MIMIS_KEY_ENCRYPTION_KEY)
    return PrivateKey.from_bytes(raw), f"{issuer_did(organisation)}#{key.key_id}"
