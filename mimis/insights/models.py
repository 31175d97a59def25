"""Pre-aggregated counts behind every figure, and the job ads a region admin uploads.

Nothing here is personal data: the rollups hold counts per month and micro-credential version, the supply
table counts people per skill, and job ads are public advertisements (JobTech's own exports).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialMonth(models.Model):
    """Credentials of one version: how many were issued in ``month`` and how many stopped being valid in it.

    A credential stops being valid when it is revoked or suspended (``state_changed_at``) or when it
    expires (``valid_until``), whichever comes first, and only once that moment has passed. The number
    valid at the end of a month is the running sum of ``issued`` minus the running sum of ``ended``.
    ``claimed`` and ``shared`` count the credentials issued in the month that are in a wallet and that are
    on at least one share link; ``share_links`` and ``share_views`` their share links and those links' views.
    """

    month = models.DateField()  # the first day of the month, in the site's time zone
    version = models.ForeignKey("catalog.MicroCredentialVersion", on_delete=models.CASCADE, related_name="+")
    issued = models.PositiveIntegerField(default=0)
    ended = models.PositiveIntegerField(default=0)
    claimed = models.PositiveIntegerField(default=0)
    shared = models.PositiveIntegerField(default=0)
    # Share links of these credentials (a portfolio counts once per credential in it) and their views,
    # as of the last refresh: views are counted on every visit without an event, so the nightly refresh
    # brings them up to date.
    share_links = models.PositiveIntegerField(default=0)
    share_views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "month"], name="insights_month_unique")]
        indexes = [models.Index(fields=["month", "version"], name="insights_month_idx")]

    def __str__(self) -> str:
        return f"{self.version_id} {self.month:%Y-%m}"


class DimensionKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    OCCUPATION = "occupation", _("Occupation (SSYK)")
    SECTOR = "sector", _("Sector (SNI)")
    LEVEL = "level", _("SeQF level")
    PROVIDER = "provider", _("Provider")
    TARGET_GROUP = "target_group", _("Pilot (target group)")


class VersionDimension(models.Model):
    """What a version is about, flattened: one row per (version, kind, value) for fast breakdowns.

    ``value`` is a taxonomy concept id (skill, occupation, sector), an organisation id (provider), a level
    ("1".."8") or a target-group code. A version published is never changed, so rows change only when
    versions are added; the refresh rebuilds them.
    """

    version = models.ForeignKey("catalog.MicroCredentialVersion", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=DimensionKind.choices)
    value = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "value"], name="insights_dimension_unique")
        ]
        indexes = [models.Index(fields=["kind", "value", "version"], name="insights_dimension_idx")]

    def __str__(self) -> str:
        return f"{self.version_id} {self.kind}={self.value}"


class SkillSupply(models.Model):
    """How many different people hold a valid credential proving a skill or naming an occupation.

    ``target_group`` "" counts everyone; otherwise only credentials of versions for that pilot. People are
    told apart by the recipient's address (lower-cased), as issuing does.
    """

    kind = models.CharField(max_length=16, choices=DimensionKind.choices)  # skill or occupation
    concept = models.ForeignKey("taxonomy.Concept", on_delete=models.CASCADE, related_name="+")
    target_group = models.CharField(max_length=32, blank=True)
    holders = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "concept", "target_group"], name="insights_supply_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.concept_id} {self.target_group}: {self.holders}"


class RefreshState(models.Model):
    """When the rollups were last rebuilt in full, and how long it took (one row)."""

    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    credentials = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"refreshed {self.finished_at}"


class JobAdImport(models.Model):
    """One uploaded file of job ads. Imported whole or not at all."""

    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    ad_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("job-ad import")
        verbose_name_plural = _("job-ad imports")

    def __str__(self) -> str:
        return self.file_name


class JobAd(models.Model):
    """A job ad in JobTech's format, reduced to what demand needs; skills found in it are cached here."""

    source_id = models.CharField(max_length=100, unique=True)
    imported = models.ForeignKey(JobAdImport, on_delete=models.CASCADE, related_name="ads")
    headline = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)  # headline and description, as read for skills
    text_hash = models.CharField(max_length=64)
    employer_name = models.CharField(max_length=300, blank=True)
    municipality = models.CharField(max_length=100, blank=True)
    occupation = models.ForeignKey(
        "taxonomy.Concept", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    occupation_label = models.CharField(max_length=300, blank=True)
    occupation_field = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    # Concept ids of the skills JobTech itself lists (must_have / nice_to_have), when the ad has them.
    listed_skill_ids = models.JSONField(default=list, blank=True)
    # Concept ids of the skills asked for: from JobTech's must_have/nice_to_have lists and from
    # mimis.skills.selectors.suggest_skills on the text. None until the text has been read.
    skill_ids = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.headline or self.source_id
