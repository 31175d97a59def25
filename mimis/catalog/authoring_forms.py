"""Forms of the guided authoring steps. Each step edits a subset of the draft; services validate."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mimis.catalog.models import (
    LANGUAGES,
    AssessmentType,
    IdentityVerification,
    ParticipationForm,
    PathwayRule,
    QualityAssuranceType,
    TargetGroup,
)
from mimis.taxonomy.models import Concept, Scheme

BLANK = [("", "—")]


def _concept_choices(scheme: str, levels: list[int]) -> list[tuple[int, str]]:
    concepts = Concept.objects.filter(scheme=scheme, deprecated=False, level__in=levels).order_by("code")
    return [(c.pk, f"{c.code} {c.display_label}".strip()) for c in concepts]


# Which concepts each searchable picker offers: SNI sections and divisions, SSYK unit groups (level 4).
PICKER_SCHEMES = {"sectors": (Scheme.INDUSTRY, (1, 2)), "occupations": (Scheme.OCCUPATION_GROUP, (4,))}


class ConceptPicker(forms.CheckboxSelectMultiple):
    """Ticked concepts as checkboxes plus a search (htmx) that offers more; a new search keeps the ticked ones.

    Renders only the chosen concepts, not the hundreds of choices the field validates against.
    """

    template_name = "catalog/authoring/_concept_picker.html"

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in (value or []) if str(v).isdigit()]
        found = {c.pk: c for c in Concept.objects.filter(pk__in=ids)}
        context["widget"]["ticked"] = [found[i] for i in ids if i in found]
        context["widget"]["optgroups"] = []
        return context


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
        label=_("Sectors (SNI)"), coerce=int, required=False, widget=ConceptPicker
    )
    occupations = forms.TypedMultipleChoiceField(
        label=_("Occupations it prepares for (SSYK)"), coerce=int, required=False, widget=ConceptPicker
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # SNI sections and divisions; SSYK unit groups (level 4) – the levels people recognise.
        for name, (scheme, levels) in PICKER_SCHEMES.items():
            self.fields[name].choices = _concept_choices(scheme, list(levels))
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("catalog:similar"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#similar",
            }
        )

    def exclude_from_similar(self, microcredential_id: int) -> None:
        """The similar-title hint leaves out the micro-credential being edited."""
        self.fields["title"].widget.attrs["hx-get"] = (
            f"{reverse('catalog:similar')}?exclude={microcredential_id}"
        )


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


class OccasionForm(forms.Form):
    """A course occasion; the service checks the dates, the place and the address."""

    start_date = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    online = forms.BooleanField(label=_("Online"), required=False)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Town and address, or leave empty if the occasion is only online."),
    )
    language = forms.ChoiceField(label=_("Language of instruction"), choices=list(LANGUAGES.items()))
    application_deadline = forms.DateField(
        label=_("Last day to apply"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    how_to_apply = forms.CharField(
        label=_("How to apply"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    application_url = forms.CharField(
        label=_("Sign-up page (web address)"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
        help_text=_("Where people sign up on your own website, starting with https://."),
    )


class PathwayForm(forms.Form):
    """A pathway; the chosen micro-credentials and their order come from the checkboxes and numbers."""

    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who the pathway is for and what it leads to."),
    )
    rule = forms.ChoiceField(
        label=_("What it takes to complete the pathway"),
        choices=PathwayRule.choices,
        widget=forms.RadioSelect,
    )
    required_count = forms.IntegerField(
        label=_("How many are needed (only for “A number of them”)"), required=False, min_value=1
    )
    target_occupation = forms.TypedChoiceField(
        label=_("Leads toward the occupation (optional)"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        concepts = Concept.objects.filter(scheme=Scheme.OCCUPATION_GROUP, deprecated=False, level=4)
        self.fields["target_occupation"].choices = BLANK + [
            (c.pk, f"{c.code} {c.display_label}".strip()) for c in concepts.order_by("code")
        ]
