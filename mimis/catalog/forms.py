from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.accounts.models import Organisation
from mimis.catalog.models import (
    LANGUAGES,
    MicroCredentialVersion,
    ParticipationForm,
    TargetGroup,
    VersionStatus,
)
from mimis.taxonomy.models import Concept


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. care, truck, bookkeeping")}),
    )
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    sector = forms.TypedChoiceField(label=_("Sector"), required=False, coerce=int, empty_value=None)
    occupation = forms.TypedChoiceField(label=_("Occupation"), required=False, coerce=int, empty_value=None)
    seqf_level = forms.TypedChoiceField(label=_("SeQF level"), required=False, coerce=int, empty_value=None)
    participation_form = forms.ChoiceField(label=_("Form of participation"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    workload_min = forms.IntegerField(
        label=_("At least (hours)"), required=False, min_value=0, max_value=1500
    )
    workload_max = forms.IntegerField(label=_("At most (hours)"), required=False, min_value=0, max_value=1500)
    skill = forms.TypedChoiceField(label=_("Skill"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("title", _("Title")),
            ("newest", _("Newest")),
            ("workload", _("Shortest first")),
            ("level", _("Level")),
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        published = MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)
        self.fields["target_group"].choices = any_choice + list(TargetGroup.choices)
        self.fields["participation_form"].choices = any_choice + list(ParticipationForm.choices)
        self.fields["language"].choices = any_choice + [(code, label) for code, label in LANGUAGES.items()]
        self.fields["seqf_level"].choices = any_choice + [(n, str(n)) for n in range(1, 9)]
        self.fields["provider"].choices = any_choice + list(
            Organisation.objects.filter(microcredentials__versions__in=published)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["sector"].choices = any_choice + [
            (c.pk, f"{c.code} {c.display_label}")
            for c in Concept.objects.filter(pk__in=published.values("sectors")).order_by("code")
        ]
        self.fields["occupation"].choices = any_choice + [
            (c.pk, f"{c.code} {c.display_label}".strip())
            for c in Concept.objects.filter(pk__in=published.values("occupations")).order_by("code")
        ]
        self.fields["skill"].choices = any_choice + [
            (c.pk, c.display_label)
            for c in sorted(
                Concept.objects.filter(pk__in=published.values("learning_outcomes__skills")),
                key=lambda c: c.display_label.lower(),
            )
        ]

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("workload_min"), data.get("workload_max")
        if low is not None and high is not None and low > high:
            self.add_error("workload_max", _("The maximum must be at least the minimum."))
        return data
