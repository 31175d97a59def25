"""Validation of prior learning: a person shows what they already know against a micro-credential.

The four phases of Cedefop's guidelines map onto the models: identification (``SelfAssessment``),
documentation (``Evidence``, with ``StatementRequest`` for a supervisor's confirmation), assessment
(``Judgement``) and certification (``ValidationCase.outcome`` with the issued credential or the
partial statement).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.accounts.models import User
from mimis.catalog.models import LearningOutcome, MicroCredentialVersion

#: Evidence older than this is flagged for the assessor: knowledge may have faded or practice changed.
OLD_EVIDENCE_YEARS = 5


class EvidenceStorage(FileSystemStorage):
    """Private files under the data folder, outside any web root, with no URL: served only by a view
    that checks permission. The location is read from settings each time, so tests may move it."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(Path(settings.DATA_DIR) / "private" / "validation")

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("Validation evidence has no public URL.")


evidence_storage = EvidenceStorage()


class CaseState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("validation state", "Being prepared")
    SUBMITTED = "submitted", pgettext_lazy("validation state", "Sent in, waiting for an assessor")
    ASSESSING = "assessing", pgettext_lazy("validation state", "Being assessed")
    DECIDED = "decided", pgettext_lazy("validation state", "Decided")
    WITHDRAWN = "withdrawn", pgettext_lazy("validation state", "Withdrawn")


class Outcome(models.TextChoices):
    FULL = "full", pgettext_lazy("validation outcome", "Fully recognised")
    PARTLY = "partly", pgettext_lazy("validation outcome", "Partly recognised")
    NONE = "none", pgettext_lazy("validation outcome", "Not recognised yet")


class ValidationCase(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="validation_cases")
    version = models.ForeignKey(MicroCredentialVersion, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=16, choices=CaseState.choices, default=CaseState.DRAFT)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    # Where the person works or had their placement: an assessor from there is not impartial.
    workplace = models.CharField(_("your workplace"), max_length=200, blank=True)
    assessor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The practical or oral demonstration; Vård- och omsorgscollege's rule: at another workplace.
    demonstration_place = models.CharField(_("place of the demonstration"), max_length=200, blank=True)
    demonstration_date = models.DateField(_("date of the demonstration"), null=True, blank=True)
    demonstration_at_other_workplace = models.BooleanField(
        _("the demonstration was at another workplace than the person's own"), default=False
    )
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    credential = models.ForeignKey(
        "issuing.Credential", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The signed OB 3.0 statement of the outcomes recognised, when the outcome is "partly".
    partial_statement = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("validation case")
        verbose_name_plural = _("validation cases")

    def __str__(self) -> str:
        return f"validation {self.pk}"

    @property
    def provider(self):  # type: ignore[no-untyped-def]
        return self.version.microcredential.provider


class ConsentScope(models.TextChoices):
    VALIDATION = "validation", _("Prepare my validation cases, add evidence and read the decisions")


class Consent(models.Model):
    """The person's recorded consent that a guidance counsellor acts for them. Withdrawing ends it at once."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="validation_consents_given")
    counsellor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="validation_consents")
    organisation_name = models.CharField(_("the counsellor's organisation"), max_length=200)
    scope = models.CharField(max_length=32, choices=ConsentScope.choices, default=ConsentScope.VALIDATION)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"consent {self.person_id} → {self.counsellor_id}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Frequency(models.TextChoices):
    OFTEN = "often", _("I can do this and have done it often")
    SOMETIMES = "sometimes", _("I can do this and have done it sometimes")
    NOT_YET = "not_yet", _("I have not done this yet")


class SelfAssessment(models.Model):
    case = models.ForeignKey(ValidationCase, on_delete=models.CASCADE, related_name="self_assessments")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    where_learned = models.TextField(_("where you learned it"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "outcome"], name="validation_self_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.outcome_id}: {self.frequency}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
    STATEMENT = "statement", _("Statement from a supervisor")


class Evidence(models.Model):
    case = models.ForeignKey(ValidationCase, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices)
    title = models.CharField(_("what it is"), max_length=200)
    outcomes = models.ManyToManyField(LearningOutcome, related_name="+")
    # When the evidence is from (the work it shows); older than five years is flagged.
    dated = models.DateField(_("when it is from"), null=True, blank=True)
    file = models.FileField(storage=evidence_storage, upload_to="evidence/%Y/", blank=True)
    original_name = models.CharField(max_length=120, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(max_length=500, blank=True)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def is_old(self) -> bool:
        if self.dated is None:
            return False
        today = timezone.localdate()
        return self.dated < today.replace(year=today.year - OLD_EVIDENCE_YEARS)


class StatementRequest(models.Model):
    """A supervisor's or employer's statement, confirmed through a single-use link sent by e-mail.

    Only the SHA-256 of the link's token is stored; the token itself is in the e-mail alone.
    """

    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="statement")
    email = models.EmailField(_("the supervisor's e-mail"))
    language = models.CharField(max_length=8, default="sv")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # What the supervisor confirms.
    name = models.CharField(_("your name"), max_length=200, blank=True)
    role = models.CharField(_("your role"), max_length=200, blank=True)
    organisation = models.CharField(_("your workplace or organisation"), max_length=200, blank=True)
    observed = models.TextField(_("what you saw the person do"), blank=True)
    observed_period = models.CharField(_("when you saw it"), max_length=200, blank=True)

    def __str__(self) -> str:
        return f"statement for {self.evidence_id}"

    @property
    def confirmed(self) -> bool:
        return self.used_at is not None


STATEMENT_LINK_LIFETIME = timedelta(days=14)


class JudgementResult(models.TextChoices):
    MET = "met", pgettext_lazy("judgement", "Met")
    PARTLY = "partly", pgettext_lazy("judgement", "Partly met")
    NOT_MET = "not_met", pgettext_lazy("judgement", "Not met")


class Judgement(models.Model):
    case = models.ForeignKey(ValidationCase, on_delete=models.CASCADE, related_name="judgements")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE, related_name="+")
    result = models.CharField(max_length=8, choices=JudgementResult.choices)
    note = models.TextField(_("note"), blank=True)
    assessor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "outcome"], name="validation_judgement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.outcome_id}: {self.result}"
