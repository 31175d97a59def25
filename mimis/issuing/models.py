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
