"""Issuers' signing keys. Private keys are stored only encrypted with the key-encryption key."""

from __future__ import annotations

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


STATUS_LIST_SIZE = 131_072  # entries per Bitstring Status List (16 KB): the spec's minimum, for herd privacy


class StatusPurpose(models.TextChoices):
    REVOCATION = "revocation", _("Revocation")
    SUSPENSION = "suspension", _("Suspension")


class StatusList(models.Model):
    """One Bitstring Status List of an issuer. Indexes are handed out under a row lock, never twice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="status_lists")
    purpose = models.CharField(max_length=16, choices=StatusPurpose.choices)
    number = models.PositiveIntegerField()
    bits = models.BinaryField(default=bytes(STATUS_LIST_SIZE // 8))
    next_index = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

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
    """A signed Open Badges 3.0 credential as issued. The signed form is kept exactly as sent."""

    id = models.UUIDField(primary_key=True)
    version = models.ForeignKey(
        "catalog.MicroCredentialVersion", on_delete=models.PROTECT, related_name="credentials"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="credentials")
    recipient_email = models.EmailField(_("recipient's e-mail"))
    recipient_name = models.CharField(_("recipient's name"), max_length=200)
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
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["recipient_email"], name="credential_recipient_idx")]

    def __str__(self) -> str:
        return f"{self.id} ({self.recipient_email})"
