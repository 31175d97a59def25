"""The learner's side of credentials: claim links, what they hold, extra addresses, sharing, imports.

Issuing's ``Credential`` stays the issuer's record. What belongs to the learner lives here, so that
erasing an account (``mimis.wallet.privacy``) removes the learner's data and keeps the issuer's.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import User

CLAIM_LINK_VALID_DAYS = 30


class ClaimLink(models.Model):
    """The single-use link in the "you have received a credential" e-mail.

    Only a hash of the secret is stored; the secret is minted by the e-mail task each time the e-mail
    is sent, so a new e-mail makes every earlier link for the credential stop working.
    """

    credential = models.OneToOneField(
        "issuing.Credential", on_delete=models.CASCADE, related_name="claim_link"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    send_count = models.PositiveIntegerField(default=1)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("claim link")
        verbose_name_plural = _("claim links")

    def __str__(self) -> str:
        return f"claim {self.credential_id}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class WalletVia(models.TextChoices):
    CLAIM_LINK = "claim_link", _("Claim link")
    VERIFIED_ADDRESS = "verified_address", _("Verified e-mail address")


class WalletEntry(models.Model):
    """A credential bound to the account that claimed it (it stays there whatever the address does)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="wallet_entries")
    credential = models.OneToOneField(
        "issuing.Credential", on_delete=models.CASCADE, related_name="wallet_entry"
    )
    via = models.CharField(max_length=20, choices=WalletVia.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wallet entry")
        verbose_name_plural = _("wallet entries")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.credential_id}"


class LearnerEmail(models.Model):
    """A further address of a learner; credentials issued to it reach them once it is verified."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="extra_emails")
    email = models.EmailField(_("e-mail address"))
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("further e-mail address")
        verbose_name_plural = _("further e-mail addresses")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint("user", Lower("email"), name="learner_email_unique_per_user"),
            # An address is verified for one person at most.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(verified_at__isnull=False),
                name="learner_email_verified_once",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class LearnerProfile(models.Model):
    """The learner's privacy choices. Without a row every choice has its default (off)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="learner_profile")
    findable_by_skills = models.BooleanField(
        _("employers may find me by the skills my credentials verify"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self) -> str:
        return f"profile {self.user_id}"


class ShareKind(models.TextChoices):
    CREDENTIAL = "credential", pgettext_lazy("share link kind", "One credential")
    PORTFOLIO = "portfolio", pgettext_lazy("share link kind", "Portfolio")


class ShareLink(models.Model):
    """A public, unlisted page for one credential or a portfolio of several; it can expire or be withdrawn.

    Views and downloads are counted, never who made them.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="share_links")
    kind = models.CharField(_("kind"), max_length=16, choices=ShareKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    credentials = models.ManyToManyField("issuing.Credential", related_name="+")
    # Credentials imported from other platforms, shown with their own verification status (portfolios).
    external_credentials = models.ManyToManyField("ExternalCredential", related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    download_count = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"share {self.token}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and not self.is_expired

    @property
    def item_count(self) -> int:
        """How many credentials the page shows, imported ones included (uses prefetched rows)."""
        return len(self.credentials.all()) + len(self.external_credentials.all())


class ImportStandard(models.TextChoices):
    OB2 = "ob2", "Open Badges 2.0"
    OB3 = "ob3", "Open Badges 3.0"
    #: Any other W3C verifiable credential (VC Data Model 1.1 or 2.0) that is not an Open Badge.
    VC = "vc", "W3C Verifiable Credential"


class ImportStatus(models.TextChoices):
    VERIFIED = "verified", pgettext_lazy("imported credential", "Verified")
    UNVERIFIABLE = "unverifiable", pgettext_lazy("imported credential", "Could not be checked")
    EXPIRED = "expired", pgettext_lazy("imported credential", "Expired")
    REVOKED = "revoked", pgettext_lazy("imported credential", "Revoked")
    SUSPENDED = "suspended", pgettext_lazy("imported credential", "Suspended")


class ExternalCredential(models.Model):
    """A credential from another platform that the learner uploaded; verified on import and on viewing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_credentials")
    standard = models.CharField(_("standard"), max_length=8, choices=ImportStandard.choices)
    # The credential exactly as imported: JSON text, or a compact JWS/JWT.
    content = models.TextField()
    fingerprint = models.CharField(max_length=64)
    source = models.CharField(_("file type"), max_length=8)  # json, jwt, png, svg
    title = models.CharField(_("title"), max_length=300)
    issuer_name = models.CharField(_("issuer"), max_length=300, blank=True)
    issuer_id = models.CharField(max_length=500, blank=True)
    issued_on = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    checks = models.JSONField(default=list)
    checked_at = models.DateTimeField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported credential")
        verbose_name_plural = _("imported credentials")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="external_credential_once")
        ]

    def __str__(self) -> str:
        return self.title
