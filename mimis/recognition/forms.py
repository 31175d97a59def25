from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.recognition.models import DOSSIER_FIELDS, RecognitionDossier


class DossierForm(forms.ModelForm):
    class Meta:
        model = RecognitionDossier
        fields = list(DOSSIER_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in DOSSIER_FIELDS
            if isinstance(
                RecognitionDossier._meta.get_field(name),
                type(RecognitionDossier._meta.get_field("field_description")),
            )
        }
        help_texts = {
            "field_description": _(
                "Which trade, occupation or part of working life the qualification belongs to."
            ),
            "level_justification": _(
                "Compare the learning outcomes with the level's descriptors shown beside this field: what the learner knows, can do, and how independently and responsibly."
            ),
            "validation_description": _(
                "Whether and how people can have what they already know assessed and get the qualification that way."
            ),
            "examiners_qualifications": _(
                "Who assesses the learners, and what training and experience they have."
            ),
            "quality_plan": _("How you plan the qualification and its assessment."),
            "quality_follow_up": _("How you follow up that assessment is done as planned."),
            "quality_evaluate": _("How you evaluate the results, for example with employers and learners."),
            "quality_document": _("How you document the work and its results."),
            "quality_develop": _("How you use what you learn to develop the qualification."),
        }
