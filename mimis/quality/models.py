"""Quality assurance of micro-credential versions: versioned criteria, reviews, decisions, endorsements.

The workflow state itself is the version's ``status`` (``mimis.catalog.models.VersionStatus``); the rows
here record who reviews, against which criteria, what they found and what they decided.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import Organisation, User
from mimis.catalog.models import MicroCredential, MicroCredentialVersion


class CriteriaVersion(models.Model):
    """A published set of review criteria. New reviews use the newest; old reviews keep theirs."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    notes = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("criteria version")
        verbose_name_plural = _("criteria versions")

    def __str__(self) -> str:
        return f"v{self.number}"


class CriterionGroup(models.TextChoices):
    EU_PRINCIPLE = "eu_principle", _("EU principles for micro-credentials")
    DESIGN_FACTOR = "design_factor", _("Design factors from the Skåne study")


class Criterion(models.Model):
    criteria_version = models.ForeignKey(CriteriaVersion, on_delete=models.PROTECT, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=64)
    group = models.CharField(_("group"), max_length=32, choices=CriterionGroup.choices)
    title = models.CharField(_("criterion"), max_length=200)
    title_en = models.CharField(_("criterion in English"), max_length=200, blank=True)
    guidance = models.TextField(_("what the reviewer checks"), blank=True)
    guidance_en = models.TextField(_("what the reviewer checks, in English"), blank=True)

    class Meta:
        ordering = ["criteria_version", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["criteria_version", "code"], name="criterion_code_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        """The title in the active language (Swedish unless English is active and given)."""
        return self.title_en if translation.get_language() == "en" and self.title_en else self.title

    @property
    def help(self) -> str:
        return self.guidance_en if translation.get_language() == "en" and self.guidance_en else self.guidance


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", pgettext_lazy("review status", "Assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("review status", "In progress")
    DECIDED = "decided", pgettext_lazy("review status", "Decided")
    CANCELLED = "cancelled", pgettext_lazy("review status", "Cancelled")


OPEN_REVIEW_STATUSES = frozenset({ReviewStatus.ASSIGNED, ReviewStatus.IN_PROGRESS})


class Outcome(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("review outcome", "Approved")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("review outcome", "Changes requested")


class Review(models.Model):
    """One reviewer's assignment to one version (position 2 is the second reviewer of higher levels).

    A resubmission after requested changes sends the same review back to ``assigned``: the reviewer keeps
    their assessments and starts again on the changed content.
    """

    version = models.ForeignKey(MicroCredentialVersion, on_delete=models.CASCADE, related_name="reviews")
    qa_body = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="reviews")
    position = models.PositiveSmallIntegerField(default=1)
    assigned_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # empty: assigned automatically
    assigned_at = models.DateTimeField(_("assigned"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED
    )
    criteria_version = models.ForeignKey(CriteriaVersion, on_delete=models.PROTECT, related_name="reviews")
    started_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the version's content when the reviewer started: decisions on changed content are refused.
    content_hash = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"],
                condition=~models.Q(status="cancelled"),
                name="review_one_per_position",
            ),
            models.UniqueConstraint(
                fields=["version", "reviewer"],
                condition=~models.Q(status="cancelled"),
                name="review_one_per_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} – {self.reviewer}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVIEW_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()


class AssessmentResult(models.TextChoices):
    MET = "met", pgettext_lazy("criterion", "Met")
    NOT_MET = "not_met", pgettext_lazy("criterion", "Not met")
    NOT_APPLICABLE = "not_applicable", pgettext_lazy("criterion", "Not applicable")


class CriterionAssessment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("assessment"), max_length=16, choices=AssessmentResult.choices)
    comment = models.TextField(_("comment"), blank=True)
    # The element of the micro-credential the comment is about (a field name such as "summary"), if any.
    element = models.CharField(_("about the element"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="assessment_one_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.result}"


class Decision(models.Model):
    """A reviewer's decision with its rationale and a copy of the checklist as it stood. Never changed."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="decisions")
    version = models.ForeignKey(MicroCredentialVersion, on_delete=models.CASCADE, related_name="qa_decisions")
    qa_body = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    rationale = models.TextField(_("rationale"))
    decided_at = models.DateTimeField(_("decided"))
    criteria_version = models.ForeignKey(CriteriaVersion, on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64)
    review_by = models.DateField(_("review by"), null=True, blank=True)
    # [{"criterion", "title", "result", "comment", "element"}] at the moment of the decision.
    assessments = models.JSONField(default=list)
    # The content decided on: ``selectors.reviewed_content`` (what the content hash is computed from, and
    # the co-designers), so that a reviewer later sees what changed since. Empty for older decisions.
    content = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.version}: {self.outcome}"


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder before the review-by date")
    LAPSED = "lapsed", _("Approval lapsed")


class ReviewByNotice(models.Model):
    """That the provider was told about a review-by date (so the daily run tells them once)."""

    version = models.ForeignKey(MicroCredentialVersion, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    review_by = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "review_by"], name="review_by_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.version_id} {self.kind} {self.review_by}"


class Endorsement(models.Model):
    """An employer, union or industry body vouches for a published micro-credential, as a signed
    Open Badges 3.0 EndorsementCredential."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    microcredential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="endorsements"
    )
    version = models.ForeignKey(MicroCredentialVersion, on_delete=models.CASCADE, related_name="endorsements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="endorsements")
    endorsed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(_("endorsement"))
    document = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="endorsement_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.microcredential}"
