"""What an application for a SeQF level decision needs that the micro-credential itself does not hold.

Everything else in the dossier (applicant, name, field, learning outcomes, level, endorsements,
assessment, QA record) is read from the catalogue and quality assurance when the dossier is made, so
the dossier never disagrees with the published micro-credential.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mimis.accounts.models import User
from mimis.catalog.models import MicroCredential


class QualificationType(models.TextChoices):
    CERTIFICATE = "certifikat", _("Certificate")
    DIPLOMA = "diplom", _("Diploma")
    COURSE_CERTIFICATE = "utbildningsbevis", _("Course certificate")
    STATEMENT = "intyg", _("Statement (intyg)")


class RecognitionDossier(models.Model):
    microcredential = models.OneToOneField(
        MicroCredential, on_delete=models.CASCADE, related_name="recognition_dossier"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    qualification_type = models.CharField(
        _("type of qualification"), max_length=32, choices=QualificationType.choices, blank=True
    )
    field_description = models.TextField(_("the qualification's field, in words"), blank=True)
    level_justification = models.TextField(_("why this level"), blank=True)
    validation_description = models.TextField(_("validation of prior learning"), blank=True)
    examiners_qualifications = models.TextField(_("the examiners' qualifications"), blank=True)
    # The five parts of systematic quality work in MYHFS 2021:4, 2 §: plan, follow up, evaluate,
    # document and develop.
    quality_plan = models.TextField(_("how you plan"), blank=True)
    quality_follow_up = models.TextField(_("how you follow up"), blank=True)
    quality_evaluate = models.TextField(_("how you evaluate"), blank=True)
    quality_document = models.TextField(_("how you document"), blank=True)
    quality_develop = models.TextField(_("how you develop"), blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application dossier")
        verbose_name_plural = _("application dossiers")

    def __str__(self) -> str:
        return f"dossier {self.microcredential_id}"


#: The fields a provider writes, in the order of the form.
DOSSIER_FIELDS = (
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "qualification_type",
    "field_description",
    "level_justification",
    "validation_description",
    "examiners_qualifications",
    "quality_plan",
    "quality_follow_up",
    "quality_evaluate",
    "quality_document",
    "quality_develop",
)
