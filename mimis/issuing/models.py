"""Issuers' signing keys. Private keys are stored only encrypted with the key-encryption key."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import Organisation


class KeyAlgorithm(models.TextChoices):
    ED25519 = "Ed25519", "Ed25519"
    P256 = "P-256", "P-256 (ES256)"


class KeyStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("key status", "Signs new credentials")
    RETIRED = "retired", pgettext_lazy("key status", "Retired, still verifies")
    COMPROMISED = "compromised", pgettext_lazy("key status", "Compromised, revoked")


class IssuerKey(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="issuer_keys")
    key_id = models.CharField(_("key identifier"), max_length=64)
    algorithm = models.CharField(_("algorithm"), max_length=16, choices=KeyAlgorithm.choices)
    public_key = models.CharField(_("public key (multibase)"), max_length=200)
    # AES-256-GCM with MIMIS_KEY_ENCRYPTION_KEY (see mimis.vc.keys.encrypt_private_key); never shown.
    encrypted_private_key = models.BinaryField(editable=False)
    status = models.CharField(_("status"), max_length=16, choices=KeyStatus.choices, default=KeyStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    compromised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        ordering = ["organisation", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key_id"], name="issuer_key_id_unique"),
            models.UniqueConstraint(
                fields=["organisation", "algorithm"],
                condition=models.Q(status="active"),
                name="issuer_one_active_key_per_algorithm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.slug}#{self.key_id}"


class ReissueStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("re-issue status", "Waiting to start")
    RUNNING = "running", pgettext_lazy("re-issue status", "Re-issuing")
    DONE = "done", pgettext_lazy("re-issue status", "Done")
    FAILED = "failed", pgettext_lazy("re-issue status", "Stopped")


class KeyReissue(models.Model):
    """Re-issuing what a compromised key signed, by a durable background job (mimis.issuing.reissue)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.OneToOneField(IssuerKey, on_delete=models.PROTECT, related_name="reissue")
    status = models.CharField(
        _("status"), max_length=16, choices=ReissueStatus.choices, default=ReissueStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    reissued_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched after every chunk; a job whose heartbeat is old lost its worker and may be started again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("re-issue after a compromised key")
        verbose_name_plural = _("re-issues after compromised keys")

    def __str__(self) -> str:
        return f"re-issue {self.key}"

    @property
    def percent(self) -> int:
        return int(100 * self.reissued_count / self.total) if self.total else 100


STATUS_LIST_SIZE = 131_072  # entries per Bitstring Status List (16 KB): the spec's minimum, for herd privacy


class StatusPurpose(models.TextChoices):
    # Credentials issued before MIMIS used one 2-bit entry point at a revocation and a suspension list.
    REVOCATION = "revocation", _("Revocation")
    SUSPENSION = "suspension", _("Suspension")
    # Since then: one entry per credential, 2 bits, valid / revoked / suspended (mimis.vc.status).
    MESSAGE = "message", _("Revocation and suspension")


def status_list_bytes(purpose: str) -> int:
    """Size of a new list's bitstring: STATUS_LIST_SIZE entries of 1 bit, or of 2 bits for "message"."""
    return STATUS_LIST_SIZE * (2 if purpose == StatusPurpose.MESSAGE else 1) // 8


class StatusList(models.Model):
    """One Bitstring Status List of an issuer. Indexes are handed out under a row lock, never twice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="status_lists")
    purpose = models.CharField(max_length=16, choices=StatusPurpose.choices)
    number = models.PositiveIntegerField()
    bits = models.BinaryField(default=bytes(STATUS_LIST_SIZE // 8))
    next_index = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    #: The BitstringStatusListCredential as published (signed JSON, the same bytes for every reader),
    #: made in the transaction that changes ``bits``; empty until first published or after the issuer's
    #: keys change (then the next read signs it again). See ``services.published_status_list``.
    signed = models.BinaryField(null=True, editable=False)
    etag = models.CharField(max_length=64, blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "purpose", "number"], name="status_list_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.slug}/{self.purpose}/{self.number}"


class CredentialFormat(models.TextChoices):
    LDP = "ldp", _("Data Integrity proof (eddsa-rdfc-2022)")
    JWT = "jwt", _("JSON Web Token (ES256)")


class CredentialState(models.TextChoices):
    VALID = "valid", pgettext_lazy("credential state", "Valid")
    REVOKED = "revoked", pgettext_lazy("credential state", "Revoked")
    SUSPENDED = "suspended", pgettext_lazy("credential state", "Suspended")


class Credential(models.Model):
    """A signed Open Badges 3.0 credential as issued. The signed form is kept exactly as sent.

    ``revocation_index`` and ``suspension_index`` are the bit positions to set in ``revocation_list`` and
    ``suspension_list``. For a credential with one 2-bit entry both lists are the same "message" list and
    entry ``i`` has suspension bit ``2i`` and revocation bit ``2i + 1`` (see ``status_entry_index``); for
    older credentials with two entries they are the two 1-bit lists and the bit position is the index.
    """

    id = models.UUIDField(primary_key=True)
    version = models.ForeignKey(
        "catalog.MicroCredentialVersion", on_delete=models.PROTECT, related_name="credentials"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="credentials")
    recipient_email = models.EmailField(_("recipient's e-mail"))
    recipient_name = models.CharField(_("recipient's name"), max_length=200)
    # The language of the e-mails to the learner until they have an account with a preference.
    recipient_language = models.CharField(_("recipient's language"), max_length=8, default="sv")
    format = models.CharField(_("format"), max_length=8, choices=CredentialFormat.choices)
    document = models.JSONField(null=True, blank=True)
    token = models.TextField(blank=True)
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="credentials")
    idempotency_key = models.CharField(max_length=64, unique=True)
    revocation_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    revocation_index = models.PositiveIntegerField()
    suspension_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    suspension_index = models.PositiveIntegerField()
    state = models.CharField(
        _("state"), max_length=16, choices=CredentialState.choices, default=CredentialState.VALID
    )
    state_reason = models.TextField(_("reason"), blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    batch = models.ForeignKey(
        "IssuingBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="credentials"
    )
    valid_until = models.DateTimeField(null=True, blank=True)
    # Set when the credential was re-issued after its key was compromised (see mimis.issuing.reissue).
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["recipient_email"], name="credential_recipient_idx")]

    def __str__(self) -> str:
        return f"{self.id} ({self.recipient_email})"

    @property
    def status_entry_index(self) -> int:
        """The ``statusListIndex`` of the credential's (revocation or only) status entry."""
        if self.revocation_list_id == self.suspension_list_id:
            return self.suspension_index // 2
        return self.revocation_index


class BatchStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("batch status", "Not started")
    QUEUED = "queued", pgettext_lazy("batch status", "Waiting to start")
    RUNNING = "running", pgettext_lazy("batch status", "Issuing")
    DONE = "done", pgettext_lazy("batch status", "Done")
    FAILED = "failed", pgettext_lazy("batch status", "Stopped")


MAX_BATCH_FILE_BYTES = 5 * 1024 * 1024
MAX_BATCH_ROWS = 20_000


class IssuingBatch(models.Model):
    """Many awards from one CSV/XLSX file (or API list), issued by a durable background job.

    The uploaded file is kept until the batch starts so the issuer can map columns and preview rows; then
    the rows live in ``BatchRow`` and the job works through the rows that have no credential yet, so a
    job that dies half-way is resumed without issuing anyone twice.
    """

    id = models.UUIDField(primary_key=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="issuing_batches")
    version = models.ForeignKey(
        "catalog.MicroCredentialVersion", on_delete=models.PROTECT, related_name="issuing_batches"
    )
    format = models.CharField(_("format"), max_length=8, choices=CredentialFormat.choices)
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    source_file = models.BinaryField(null=True, editable=False)
    mapping = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    total = models.PositiveIntegerField(default=0)
    issued_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    # Started by ``mimis credentials batch`` on the server (trusted), not by a person who later left.
    from_shell = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched after every chunk; a running batch whose heartbeat is old lost its worker and is resumed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("issuing batch")
        verbose_name_plural = _("issuing batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation.slug} batch {self.id}"

    @property
    def processed(self) -> int:
        return self.issued_count + self.existing_count

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0


class BatchRow(models.Model):
    """One learner of a batch; ``credential`` is set in the same transaction that issues it."""

    batch = models.ForeignKey(IssuingBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))
    email = models.EmailField()
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, default="sv")
    credential = models.ForeignKey(Credential, on_delete=models.SET_NULL, null=True, related_name="+")
    already_issued = models.BooleanField(default=False)

    class Meta:
        ordering = ["batch", "number"]
        constraints = [models.UniqueConstraint(fields=["batch", "number"], name="batch_row_unique")]
        indexes = [models.Index(fields=["batch", "credential"], name="batch_row_pending_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id} row {self.number}"


class IssuerSettings(models.Model):
    """Per-organisation issuer settings that are not keys. Created on first change; absent = defaults."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="issuer_settings"
    )
    #: A region admin may let an organisation sign any well-formed VC through POST /credentials/issue
    #: (VC API conformance testing). Off by default; such credentials are not in the catalogue and
    #: cannot be revoked by MIMIS. See mimis.vcapi.services.
    vc_api_any_credential = models.BooleanField(
        _("may sign any verifiable credential through the VC API (conformance testing)"), default=False
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"issuer settings of {self.organisation}"
