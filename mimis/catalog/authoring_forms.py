"""Forms of the guided authoring steps. Each step edits a subset of the draft; services validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.catalog.models import (
    LANGUAGES,
    AssessmentType,
    IdentityVerification,
    ParticipationForm,
    QualityAssuranceType,
    TargetGroup,
)
from mimis.taxonomy.models import Concept, Scheme

BLANK = [("", "—")]


def _concept_choices(scheme: str, levels: list[int]) -> list[tuple[int, str]]:
    concepts = Concept.objects.filter(scheme=scheme, deprecated=False, level__in=levels).order_by("code")
    return [(c.pk, f"{c.code} {c.display_label}".strip()) for c in concepts]


class BasicsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Two or three sentences: what the learner will be able to do."),
    )
    summary_en = forms.CharField(
        label=_("Summary in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of instruction"),
        required=False,
        choices=list(LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.TypedMultipleChoiceField(
        label=_("Sectors (SNI)"), coerce=int, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    occupations = forms.TypedMultipleChoiceField(
        label=_("Occupations it prepares for (SSYK)"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # SNI sections and divisions; SSYK unit groups (level 4) – the levels people recognise.
        self.fields["sectors"].choices = _concept_choices(Scheme.INDUSTRY, [1, 2])
        self.fields["occupations"].choices = _concept_choices(Scheme.OCCUPATION_GROUP, [4])


class AssessmentForm(forms.Form):
    workload_hours = forms.IntegerField(
        label=_("Notional workload in hours"), required=False, min_value=1, max_value=1500
    )
    workload_ects = forms.DecimalField(
        label=_("ECTS credits (if any)"), required=False, min_value=0.1, max_value=60, decimal_places=1
    )
    seqf_level = forms.TypedChoiceField(
        label=_("SeQF level"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=BLANK + [(n, str(n)) for n in range(1, 9)],
    )
    eqf_level = forms.TypedChoiceField(
        label=_("EQF level"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=BLANK + [(n, str(n)) for n in range(1, 9)],
    )
    assessment_type = forms.ChoiceField(
        label=_("Type of assessment"), choices=BLANK + list(AssessmentType.choices), required=False
    )
    assessment_description = forms.CharField(
        label=_("How the assessment is done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    identity_verification = forms.ChoiceField(
        label=_("Supervision and identity verification"),
        required=False,
        choices=BLANK + list(IdentityVerification.choices),
    )
    grading_scheme = forms.CharField(label=_("Grading scheme"), max_length=200, required=False)
    participation_form = forms.MultipleChoiceField(
        label=_("Form of participation"),
        required=False,
        choices=ParticipationForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    quality_assurance = forms.ChoiceField(
        label=_("Type of quality assurance"),
        required=False,
        choices=BLANK + list(QualityAssuranceType.choices),
    )


class StackingForm(forms.Form):
    prerequisites = forms.CharField(
        label=_("Prerequisites"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stackability = forms.CharField(
        label=_("Integration and stackability options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What it can be combined with or count towards."),
    )
    validity_months = forms.IntegerField(
        label=_("Period of validity in months (empty: no limit)"), required=False, min_value=1, max_value=600
    )
    price = forms.CharField(label=_("Price and funding"), max_length=300, required=False)
    further_information = forms.CharField(
        label=_("Further information"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
