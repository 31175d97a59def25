"""Forms of the review page and of a new criteria version; the services validate the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mimis.catalog.models import MicroCredentialVersion
from mimis.catalog.services import EDITABLE_FIELDS
from mimis.quality.models import Criterion, CriterionGroup, Outcome

# The elements a reviewer's comment can point at, with their names as authors see them.
ELEMENT_CHOICES = [
    ("learning_outcomes", _("learning outcomes")),
    *[(name, MicroCredentialVersion._meta.get_field(name).verbose_name) for name in EDITABLE_FIELDS],
]


def element_label(name: str) -> str:
    return str(dict(ELEMENT_CHOICES).get(name, name))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Outcome.APPROVED, pgettext_lazy("decision", "Approve")),
            (Outcome.CHANGES_REQUESTED, pgettext_lazy("decision", "Request changes")),
        ],
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required. It is recorded with the decision and shown to the provider."),
        required=False,
    )
    review_by = forms.DateField(
        label=_("Review by (approval only)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the micro-credential must be reviewed again. Empty: in three years."),
    )
    content_hash = forms.CharField(widget=forms.HiddenInput, required=False)


class CriteriaVersionForm(forms.Form):
    """The current criteria, editable, plus empty rows for new ones; a row without a title is left out."""

    notes = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    EXTRA = 3
    ROW_FIELDS = ("code", "group", "title", "title_en", "guidance", "guidance_en")

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[list[str]] = []
        for index in range(len(criteria) + self.EXTRA):
            existing = criteria[index] if index < len(criteria) else None
            names = [f"{field}-{index}" for field in self.ROW_FIELDS]
            self.fields[names[0]] = forms.SlugField(
                label=_("Code"), required=False, initial=existing.code if existing else ""
            )
            self.fields[names[1]] = forms.ChoiceField(
                label=_("Group"),
                choices=CriterionGroup.choices,
                initial=existing.group if existing else CriterionGroup.EU_PRINCIPLE,
            )
            self.fields[names[2]] = forms.CharField(
                label=_("Criterion"), required=False, initial=existing.title if existing else ""
            )
            self.fields[names[3]] = forms.CharField(
                label=_("Criterion in English"), required=False, initial=existing.title_en if existing else ""
            )
            self.fields[names[4]] = forms.CharField(
                label=_("What the reviewer checks"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.guidance if existing else "",
            )
            self.fields[names[5]] = forms.CharField(
                label=_("What the reviewer checks, in English"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.guidance_en if existing else "",
            )
            self.rows.append(names)

    def row_fields(self) -> list[list[forms.BoundField]]:
        return [[self[name] for name in names] for names in self.rows]

    def criteria(self) -> list[dict[str, str]]:
        found = []
        for names in self.rows:
            values = dict(zip(self.ROW_FIELDS, (self.cleaned_data.get(n) or "" for n in names), strict=True))
            if values["title"].strip() or values["code"].strip():
                found.append(values)
        return found
