"""Forms of the matching pages. They only parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.matching.models import Requirement, Visibility

WEIGHT_CHOICES = [("", _("No weight")), *[(str(n), str(n)) for n in range(1, 6)]]


class ProfileBasicsForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the role"),
        max_length=200,
        help_text=_('As you would write it in a job ad, for example "Care assistant, night shifts".'),
    )
    description = forms.CharField(
        label=_("Description (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    visibility = forms.ChoiceField(
        label=_("Who can see the profile"),
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        help_text=_(
            "Shared profiles can be used by anyone, also learners comparing themselves with the role."
        ),
    )
    is_template = forms.BooleanField(
        label=_("Publish as a template for everyone"),
        required=False,
        help_text=_(
            "Employers can start their own profiles from a template. A template is shared with everyone."
        ),
    )

    def __init__(self, *args: object, templates_allowed: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not templates_allowed:
            del self.fields["is_template"]


class FromOccupationForm(forms.Form):
    occupation = forms.TypedChoiceField(label=_("Occupation (SSYK)"), coerce=int)
    title = forms.CharField(label=_("Name of the role (optional)"), max_length=200, required=False)

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["occupation"].choices = [("", _("Choose an occupation")), *choices]


class JobAdForm(forms.Form):
    title = forms.CharField(label=_("Name of the role"), max_length=200)
    text = forms.CharField(
        label=_("The job ad"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paste the text of the ad. MIMIS suggests the skills it finds; you choose which to keep."
        ),
    )


class ShortageForm(forms.Form):
    occupation = forms.TypedChoiceField(label=_("Occupation (SSYK)"), coerce=int)
    marked_on = forms.DateField(
        label=_("Date of the assessment"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("For example the Swedish Public Employment Service's occupational outlook, autumn 2026."),
    )
    note = forms.CharField(
        label=_("Note (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["occupation"].choices = [("", _("Choose an occupation")), *choices]


REQUIREMENT_CHOICES = Requirement.choices
