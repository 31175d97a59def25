"""Micro-credentials described on the elements of the EU Council Recommendation (2022), Annex I.

A ``MicroCredential`` is the lasting identity (provider, address); its content lives in numbered
``MicroCredentialVersion`` rows. A published version is never changed again: editing starts a new draft
version, and issued credentials point at the exact version they were issued for.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import Organisation, User
from mimis.core.i18n import in_active_language

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(8)]


class VersionStatus(models.TextChoices):
    """The quality-assurance workflow of a version; ``mimis.quality.services`` moves it along."""

    DRAFT = "draft", pgettext_lazy("version status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("version status", "Submitted for review")
    IN_REVIEW = "in_review", pgettext_lazy("version status", "In review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("version status", "Changes requested")
    APPROVED = "approved", pgettext_lazy("version status", "Approved")
    PUBLISHED = "published", pgettext_lazy("version status", "Published")
    RETIRED = "retired", pgettext_lazy("version status", "Retired")
    WITHDRAWN = "withdrawn", pgettext_lazy("version status", "Withdrawn")


# The provider edits a version in these states (after a review asked for changes, too).
EDITABLE_STATUSES = frozenset({VersionStatus.DRAFT, VersionStatus.CHANGES_REQUESTED})
# A version on its way to publication: only one per micro-credential at a time.
IN_PROGRESS_STATUSES = frozenset(
    {
        VersionStatus.DRAFT,
        VersionStatus.SUBMITTED,
        VersionStatus.IN_REVIEW,
        VersionStatus.CHANGES_REQUESTED,
        VersionStatus.APPROVED,
    }
)
# Versions anyone may read (the public catalogue shows the published one; retired ones stay readable
# because credentials were issued for them).
PUBLIC_STATUSES = frozenset({VersionStatus.PUBLISHED, VersionStatus.RETIRED})


class AssessmentType(models.TextChoices):
    PRACTICAL = "practical", _("Practical demonstration")
    WORKPLACE_OBSERVATION = "workplace_observation", _("Observation at the workplace")
    WRITTEN = "written", _("Written test")
    ORAL = "oral", _("Oral examination")
    PORTFOLIO = "portfolio", _("Portfolio")
    PROJECT = "project", _("Project or case")
    ONLINE_QUIZ = "online_quiz", _("Online test")
    RECOGNITION_OF_PRIOR_LEARNING = "prior_learning", _("Validation of prior learning")


class ParticipationForm(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    BLENDED = "blended", _("Blended (online and on site)")
    VOLUNTEERING = "volunteering", _("Through volunteering")
    WORK_BASED = "work_based", _("Work-based learning")


class QualityAssuranceType(models.TextChoices):
    EXTERNAL_REVIEW = "external_review", _("External review by a quality-assurance body in MIMIS")
    INSTITUTIONAL = "institutional", _("The provider's own accredited quality system")
    SECTOR = "sector", _("Quality assurance by the industry or sector")


class IdentityVerification(models.TextChoices):
    NONE = "none", _("Not supervised")
    SUPERVISED = "supervised", _("Supervised, identity not checked")
    SUPERVISED_ID_CHECKED = "supervised_id_checked", _("Supervised, identity checked")
    ONLINE_PROCTORED = "online_proctored", _("Online with identity check")


class TargetGroup(models.TextChoices):
    OUTSIDE_LABOUR_MARKET = "outside_labour_market", _("People outside the labour market")
    HEALTH_SOCIAL_CARE = "health_social_care", _("Health and social care")
    SMALL_BUSINESS = "small_business", _("Small businesses")
    NEWLY_ARRIVED = "newly_arrived", _("Newly arrived")
    EMPLOYEES = "employees", _("Employees who want to develop")


# Languages of instruction offered in forms (ISO 639-1); the data accepts any two-letter code.
LANGUAGES = {
    "sv": _("Swedish"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "uk": _("Ukrainian"),
    "pl": _("Polish"),
    "bs": _("Bosnian"),
}


class MicroCredential(models.Model):
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="microcredentials",
        verbose_name=_("awarding body"),
    )
    slug = models.SlugField(_("short name in web addresses"), max_length=100, unique=True)
    co_designers = models.ManyToManyField(
        Organisation, through="CoDesigner", related_name="codesigned_microcredentials", blank=True
    )
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("micro-credential")
        verbose_name_plural = _("micro-credentials")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    @property
    def accepted_co_designers(self) -> models.QuerySet[Organisation]:
        """The co-designers that accepted the invitation: the only ones shown anywhere or allowed to edit."""
        return Organisation.objects.filter(
            codesigner__microcredential=self, codesigner__status=CoDesignerStatus.ACCEPTED
        ).order_by("name")


class CoDesignerStatus(models.TextChoices):
    INVITED = "invited", pgettext_lazy("co-design", "Invited")
    ACCEPTED = "accepted", pgettext_lazy("co-design", "Accepted")
    DECLINED = "declined", pgettext_lazy("co-design", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("co-design", "Withdrawn")


class CoDesigner(models.Model):
    """Another organisation (employer, union, NGO) invited to design the micro-credential with the provider.

    It is a co-designer only once it accepted: until then its name is shown nowhere and it cannot edit.
    """

    microcredential = models.ForeignKey(MicroCredential, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CoDesignerStatus.choices, default=CoDesignerStatus.INVITED
    )
    responded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["microcredential", "organisation"], name="codesigner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ↔ {self.microcredential}"


class MicroCredentialVersion(models.Model):
    microcredential = models.ForeignKey(MicroCredential, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=24, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )

    # Annex I, mandatory elements
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    country = models.CharField(_("country"), max_length=2, default="SE")
    region = models.CharField(_("region"), max_length=100, default="Skåne")
    workload_ects = models.DecimalField(
        _("workload in ECTS credits"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.1), MaxValueValidator(60)],
    )
    workload_hours = models.PositiveIntegerField(
        _("notional workload in hours"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1500)],
    )
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    seqf_level = models.PositiveSmallIntegerField(
        _("SeQF level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    assessment_type = models.CharField(
        _("type of assessment"), max_length=32, choices=AssessmentType.choices, blank=True
    )
    assessment_description = models.TextField(_("how the assessment is done"), blank=True)
    participation_form = models.JSONField(_("form of participation"), default=list, blank=True)
    quality_assurance = models.CharField(
        _("type of quality assurance"), max_length=32, choices=QualityAssuranceType.choices, blank=True
    )
    # Annex I, optional elements
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    identity_verification = models.CharField(
        _("supervision and identity verification"),
        max_length=32,
        choices=IdentityVerification.choices,
        blank=True,
    )
    grading_scheme = models.CharField(_("grading scheme"), max_length=200, blank=True)
    stackability = models.TextField(_("integration and stackability options"), blank=True)
    further_information = models.TextField(_("further information"), blank=True)
    # Also asked for by the Skåne study
    sectors = models.ManyToManyField(
        "taxonomy.Concept", related_name="+", blank=True, verbose_name=_("sectors (SNI)")
    )
    occupations = models.ManyToManyField(
        "taxonomy.Concept", related_name="+", blank=True, verbose_name=_("occupations (SSYK)")
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    languages = models.JSONField(_("languages of instruction"), default=list, blank=True)
    price = models.CharField(_("price and funding"), max_length=300, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("period of validity in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )

    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Set by the quality-assurance approval: after this day the approval has lapsed and the version can no
    # longer be issued until a new version is approved. Empty for versions published before the workflow.
    review_by = models.DateField(_("review by"), null=True, blank=True)

    class Meta:
        verbose_name = _("micro-credential version")
        verbose_name_plural = _("micro-credential versions")
        ordering = ["microcredential", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["microcredential", "number"], name="mc_version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(eqf_level__isnull=True) | models.Q(eqf_level__gte=1, eqf_level__lte=8),
                name="mc_version_eqf_level_range",
            ),
            models.CheckConstraint(
                condition=models.Q(seqf_level__isnull=True) | models.Q(seqf_level__gte=1, seqf_level__lte=8),
                name="mc_version_seqf_level_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "seqf_level"], name="mc_version_status_level_idx"),
            models.Index(fields=["status", "title"], name="mc_version_status_title_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @cached_property
    def level_status(self):  # noqa: ANN201 - a mimis.catalog.levels.LevelStatus
        """The level today, proposed or decided by MYH (see ``mimis.catalog.levels``)."""
        from mimis.catalog.levels import level_status

        return level_status(self)

    @property
    def display_title(self) -> str:
        """The title in the active language: English where one exists on English pages, else Swedish."""
        return in_active_language(self.title, self.title_en)

    @property
    def display_summary(self) -> str:
        return in_active_language(self.summary, self.summary_en)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def qa_lapsed(self) -> bool:
        """The quality-assurance approval has passed its review-by date."""
        return self.review_by is not None and self.review_by < timezone.localdate()

    @property
    def is_issuable(self) -> bool:
        """Only a published version whose approval has not lapsed can be issued."""
        return self.status == VersionStatus.PUBLISHED and not self.qa_lapsed

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGES.get(code, code)) for code in self.languages]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(code, code)) for code in self.target_groups]


class OutcomeDomain(models.TextChoices):
    """The three kinds of learning outcome in SeQF (förordning 2015:545 since SFS 2022:1558), EQF and ELM."""

    KNOWLEDGE = "knowledge", pgettext_lazy("learning outcome domain", "Knowledge")
    SKILLS = "skills", pgettext_lazy("learning outcome domain", "Skills")
    RESPONSIBILITY = (
        "responsibility_autonomy",
        pgettext_lazy("learning outcome domain", "Responsibility and autonomy"),
    )


class LearningOutcome(models.Model):
    version = models.ForeignKey(
        MicroCredentialVersion, on_delete=models.CASCADE, related_name="learning_outcomes"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("learning outcome"))
    text_en = models.TextField(_("learning outcome in English"), blank=True)
    # Empty until the author sorts the outcome; an application for a level decision needs every one sorted.
    domain = models.CharField(
        _("kind of learning outcome"), max_length=32, choices=OutcomeDomain.choices, blank=True
    )
    skills = models.ManyToManyField(
        "taxonomy.Concept", through="LearningOutcomeSkill", related_name="+", blank=True
    )

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def display_text(self) -> str:
        """The outcome in the reader's language: English where one is written, else Swedish."""
        return in_active_language(self.text, self.text_en)


class LearningOutcomeSkill(models.Model):
    learning_outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE)
    # PROTECT: a taxonomy re-import may deprecate a skill in use but never delete it.
    skill = models.ForeignKey("taxonomy.Concept", on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learning_outcome", "skill"], name="outcome_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.learning_outcome_id} → {self.skill_id}"


class PathwayRule(models.TextChoices):
    ALL_OF = "all_of", _("All of them")
    N_OF = "n_of", _("A number of them")
    ORDERED = "ordered", _("All, in order")


class Pathway(models.Model):
    """Micro-credentials that together lead toward a role or a larger qualification (stackability)."""

    slug = models.SlugField(_("short name in web addresses"), max_length=100, unique=True)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pathways")
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(_("what it takes"), max_length=16, choices=PathwayRule.choices)
    required_count = models.PositiveSmallIntegerField(_("how many are needed"), null=True, blank=True)
    target_occupation = models.ForeignKey(
        "taxonomy.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leads toward the occupation"),
    )
    microcredentials = models.ManyToManyField(MicroCredential, through="PathwayStep", related_name="pathways")
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return in_active_language(self.title, self.title_en)

    @property
    def needed(self) -> int:
        """How many of the micro-credentials complete the pathway."""
        if self.rule == PathwayRule.N_OF and self.required_count:
            return self.required_count
        return self.steps.count()

    @property
    def rule_summary(self) -> str:
        """The rule in words: "2 of 3 required", "All 3 required", "All 3, in order"."""
        total = len(self.steps.all())  # uses the prefetched steps where there are any
        if self.rule == PathwayRule.N_OF and self.required_count:
            return _("%(n)d of %(total)d required") % {"n": self.required_count, "total": total}
        if self.rule == PathwayRule.ORDERED:
            return _("All %(total)d required, in order") % {"total": total}
        return _("All %(total)d required") % {"total": total}


class PathwayStep(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    microcredential = models.ForeignKey(MicroCredential, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pathway", "position"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "microcredential"], name="pathway_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}#{self.position}"


class Comment(models.Model):
    """A remark by an author or co-designer on a draft, optionally about one element (field)."""

    version = models.ForeignKey(MicroCredentialVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, related_name="+")
    element = models.CharField(_("about"), max_length=64, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class CourseOccasion(models.Model):
    """A course occasion (kurstillfälle): when and where the micro-credential is given, and how to apply.

    Practical information, not part of the reviewed content: it belongs to the micro-credential rather than
    to a version, and the provider changes it at any time without starting a new version.
    """

    microcredential = models.ForeignKey(MicroCredential, on_delete=models.CASCADE, related_name="occasions")
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"), null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    language = models.CharField(_("language of instruction"), max_length=2, default="sv")
    application_deadline = models.DateField(_("last day to apply"), null=True, blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    application_url = models.URLField(_("sign-up page"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["microcredential", "start_date", "pk"]
        verbose_name = _("course occasion")
        verbose_name_plural = _("course occasions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="occasion_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.microcredential_id} {self.start_date}"

    @property
    def language_label(self) -> str:
        return str(LANGUAGES.get(self.language, self.language))


class LevelDecision(models.Model):
    """A decision by Myndigheten för yrkeshögskolan (MYH) placing the qualification at a SeQF level.

    Only such a decision makes a level official (förordning 2015:545 om referensram för kvalifikationer,
    MYHFS 2021:4); without one, the level a provider states is a *proposal* and MIMIS says so everywhere,
    signed credentials included. A decision lasts ten years unless MYH says otherwise; after ``valid_until``
    new credentials carry the level as proposed again. Decisions are never edited or deleted: a correction
    is a new record, and the latest one that is valid on a date is the one that counts.
    """

    microcredential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="level_decisions"
    )
    seqf_level = models.PositiveSmallIntegerField(_("decided SeQF level"), validators=LEVEL_VALIDATORS)
    decision_number = models.CharField(_("MYH's case number (diarienummer)"), max_length=64)
    decided_on = models.DateField(_("date of the decision"))
    valid_until = models.DateField(_("valid until"))
    decision_url = models.URLField(
        _("link to the decision or to the national qualifications database"), max_length=500, blank=True
    )
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["microcredential", "-decided_on", "-pk"]
        verbose_name = _("level decision")
        verbose_name_plural = _("level decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seqf_level__gte=1, seqf_level__lte=8), name="level_decision_level_range"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("decided_on")),
                name="level_decision_valid_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.microcredential_id} SeQF {self.seqf_level} ({self.decision_number})"

    def is_valid_on(self, day) -> bool:  # noqa: ANN001 - a date
        return self.decided_on <= day <= self.valid_until


class LevelDecisionNotice(models.Model):
    """That the provider was told a level decision is about to expire (``reminder``) or has (``lapsed``)."""

    REMINDER = "reminder"
    LAPSED = "lapsed"

    decision = models.ForeignKey(LevelDecision, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=16, choices=[(REMINDER, REMINDER), (LAPSED, LAPSED)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind"], name="level_decision_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.kind}"
