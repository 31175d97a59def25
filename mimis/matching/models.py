"""Competence matching: employers' role profiles, learners' verified skills, and shortage occupations.

A ``RoleProfile`` is the lasting identity of a role an organisation describes (who owns it, who may see
it); its content lives in numbered, immutable ``RoleProfileVersion`` rows, each with its skills. Editing
a profile adds a new version; a gap analysis (and, later, a candidate search) names the version it used.

``VerifiedSkill`` is the precomputed answer to "which skills do this learner's credentials prove right
now, and by which credential" (see :mod:`mimis.matching.verified` for how it stays correct).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import Organisation, User

#: A role is described by at most this many skills (the bad-input limit: "500 skills in one profile").
MAX_PROFILE_SKILLS = 100


class Visibility(models.TextChoices):
    PRIVATE = "private", pgettext_lazy("role profile visibility", "Only our organisation")
    SHARED = "shared", pgettext_lazy("role profile visibility", "Everyone")


class ProfileOrigin(models.TextChoices):
    """Where a version's skills came from (for the history; the skills themselves are what counts)."""

    SKILLS = "skills", pgettext_lazy("role profile origin", "Chosen skills")
    OCCUPATION = "occupation", pgettext_lazy("role profile origin", "An occupation's skills")
    TEMPLATE = "template", pgettext_lazy("role profile origin", "A template")
    JOB_AD = "job_ad", pgettext_lazy("role profile origin", "A job ad")
    EDIT = "edit", pgettext_lazy("role profile origin", "Edited")


class Requirement(models.TextChoices):
    REQUIRED = "required", pgettext_lazy("skill requirement", "Required")
    MERITORIOUS = "meritorious", pgettext_lazy("skill requirement", "Meritorious")


class RoleProfile(models.Model):
    """A role of one organisation. Private profiles are seen by its members only; shared ones by everyone.

    A *template* is a shared profile the region publishes for everyone to start from.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="role_profiles")
    visibility = models.CharField(
        _("who can see it"), max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    is_template = models.BooleanField(_("template for everyone"), default=False)
    # The newest version, kept here so lists need no subquery; set by the services in the same transaction.
    current_version = models.OneToOneField(
        "RoleProfileVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_template=False) | models.Q(visibility="shared"),
                name="role_profile_template_is_shared",
            )
        ]
        indexes = [models.Index(fields=["visibility", "is_template"], name="role_profile_visibility_idx")]

    def __str__(self) -> str:
        return f"role profile {self.pk}"


class RoleProfileVersion(models.Model):
    """One immutable state of a role profile: its title, description and skills."""

    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title of the role"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    origin = models.CharField(max_length=16, choices=ProfileOrigin.choices, default=ProfileOrigin.SKILLS)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # the template version it was copied from
    skills = models.ManyToManyField("taxonomy.Concept", through="RoleProfileSkill", related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role profile version")
        verbose_name_plural = _("role profile versions")
        ordering = ["profile", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="role_profile_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class RoleProfileSkill(models.Model):
    version = models.ForeignKey(RoleProfileVersion, on_delete=models.CASCADE, related_name="profile_skills")
    # PROTECT: a taxonomy re-import may deprecate a skill in use but never delete it.
    skill = models.ForeignKey("taxonomy.Concept", on_delete=models.PROTECT, related_name="+")
    requirement = models.CharField(
        _("required or meritorious"), max_length=16, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    weight = models.PositiveSmallIntegerField(
        _("weight (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "skill"], name="role_profile_skill_unique"),
            models.CheckConstraint(
                condition=models.Q(weight__isnull=True) | models.Q(weight__gte=1, weight__lte=5),
                name="role_profile_skill_weight_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} → {self.skill_id} ({self.requirement})"


class VerifiedSkill(models.Model):
    """One skill one credential of a learner proves, as of ``checked_at`` (precomputed; see verified.py).

    Exactly one of ``credential`` (issued in MIMIS) and ``external_credential`` (imported from another
    platform, ``imported`` True) is set. ``valid_until`` is the credential's own end of validity, so a
    read can leave out what expired since the last refresh without waiting for it.
    """

    learner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verified_skills")
    skill = models.ForeignKey("taxonomy.Concept", on_delete=models.CASCADE, related_name="+")
    credential = models.ForeignKey(
        "issuing.Credential", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    external_credential = models.ForeignKey(
        "wallet.ExternalCredential", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    imported = models.BooleanField(default=False)
    valid_until = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("verified skill")
        verbose_name_plural = _("verified skills")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(credential__isnull=False, external_credential__isnull=True, imported=False)
                    | models.Q(credential__isnull=True, external_credential__isnull=False, imported=True)
                ),
                name="verified_skill_one_source",
            ),
            models.UniqueConstraint(
                fields=["learner", "skill", "credential"],
                condition=models.Q(credential__isnull=False),
                name="verified_skill_credential_once",
            ),
            models.UniqueConstraint(
                fields=["learner", "skill", "external_credential"],
                condition=models.Q(external_credential__isnull=False),
                name="verified_skill_external_once",
            ),
        ]
        indexes = [models.Index(fields=["skill", "learner"], name="verified_skill_skill_idx")]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.skill_id}"


class LearnerSkillState(models.Model):
    """When a learner's verified skills were last computed and when they must be looked at again."""

    learner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="skill_state")
    refreshed_at = models.DateTimeField()
    # The earliest end of validity among the counted credentials, or the next routine recheck of imported
    # credentials (their issuers may revoke them elsewhere): ``mimis matching refresh --due`` takes these.
    recheck_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("state of a learner's verified skills")
        verbose_name_plural = _("states of learners' verified skills")

    def __str__(self) -> str:
        return f"skills of {self.learner_id} at {self.refreshed_at}"


class ShortageOccupation(models.Model):
    """An occupation the region marks as in short supply in Skåne (bristyrke), with its date and source."""

    occupation = models.ForeignKey(
        "taxonomy.Concept", on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation")
    )
    marked_on = models.DateField(_("date of the assessment"))
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    marked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("shortage occupation")
        verbose_name_plural = _("shortage occupations")
        ordering = ["-marked_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["occupation"], name="shortage_occupation_once"),
        ]

    def __str__(self) -> str:
        return f"shortage {self.occupation_id} ({self.marked_on})"


# --- consent-first search for people -----------------------------------------------------------------
# The consent itself is the wallet's ``LearnerProfile.findable_by_skills`` (off by default).


class OrganisationBlock(models.Model):
    """A learner never appears in this organisation's searches and gets no more requests from it."""

    learner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="matching_blocks")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked organisation")
        verbose_name_plural = _("blocked organisations")
        constraints = [
            models.UniqueConstraint(fields=["learner", "organisation"], name="matching_block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} blocks {self.organisation_id}"


class MatchingSuspension(models.Model):
    """The region has turned off an organisation's access to candidate search and contact requests."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    suspended_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    suspended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suspended search access")
        verbose_name_plural = _("suspended search access")

    def __str__(self) -> str:
        return f"suspended {self.organisation_id}"


class CandidateSearch(models.Model):
    """One search an organisation made with one version of a role profile."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    profile_version = models.ForeignKey(RoleProfileVersion, on_delete=models.PROTECT, related_name="+")
    searched_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    matched = models.PositiveIntegerField(default=0)  # learners who cover at least one of the skills
    shown_individually = models.BooleanField(default=False)
    summary_only_reason = models.CharField(max_length=32, blank=True)  # too_few / too_few_skills

    class Meta:
        verbose_name = _("candidate search")
        verbose_name_plural = _("candidate searches")
        indexes = [models.Index(fields=["organisation", "created_at"], name="candidate_search_org_idx")]

    def __str__(self) -> str:
        return f"search {self.pk} by {self.organisation_id}"


class SearchAppearance(models.Model):
    """A learner a search counted (and, when ``CandidateSearch.shown_individually``, listed under
    ``pseudonym``). The pseudonym is random per search: it cannot be joined across searches."""

    search = models.ForeignKey(CandidateSearch, on_delete=models.CASCADE, related_name="appearances")
    learner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="search_appearances")
    pseudonym = models.CharField(max_length=32)
    rank = models.PositiveIntegerField()
    covered_skill_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("appearance in a search")
        verbose_name_plural = _("appearances in searches")
        constraints = [
            models.UniqueConstraint(fields=["search", "learner"], name="search_appearance_once"),
            models.UniqueConstraint(fields=["search", "pseudonym"], name="search_pseudonym_unique"),
        ]
        indexes = [models.Index(fields=["learner", "search"], name="search_appearance_learner_idx")]

    def __str__(self) -> str:
        return f"{self.pseudonym} in search {self.search_id}"


class ContactStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("contact request", "Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("contact request", "Accepted")
    DECLINED = "declined", pgettext_lazy("contact request", "Declined")
    ENDED = "ended", pgettext_lazy("contact request", "Ended (organisation blocked)")


class ContactRequest(models.Model):
    """An organisation asks a pseudonymous candidate to get in touch. One per search appearance."""

    appearance = models.OneToOneField(SearchAppearance, on_delete=models.CASCADE, related_name="contact")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    learner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="contact_requests")
    sent_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    profile_version = models.ForeignKey(RoleProfileVersion, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), max_length=1000)
    employer_contact = models.TextField(_("how to reach us"), max_length=500)
    status = models.CharField(max_length=16, choices=ContactStatus.choices, default=ContactStatus.PENDING)
    shared_name = models.CharField(max_length=200, blank=True)
    shared_email = models.CharField(max_length=254, blank=True)
    shared_phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["learner", "status"], name="contact_request_learner_idx")]

    def __str__(self) -> str:
        return f"contact request {self.pk}"


class AbuseReport(models.Model):
    """A learner tells the region that an organisation misuses search or contact requests."""

    learner = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    contact_request = models.ForeignKey(
        ContactRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("what happened"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"report {self.pk} about {self.organisation_id}"
