from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.accounts.models import Organisation
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.issuing.models import CredentialFormat


class AwardForm(forms.Form):
    version = forms.TypedChoiceField(label=_("Micro-credential"), coerce=int)
    name = forms.CharField(label=_("Learner's name"), max_length=200)
    email = forms.EmailField(label=_("Learner's e-mail address"))
    format = forms.ChoiceField(
        label=_("Format"), choices=CredentialFormat.choices, initial=CredentialFormat.LDP
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = _published_versions(organisation)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


def _published_versions(organisation: Organisation) -> list[tuple[int, str]]:
    """What the organisation can issue now: published, and quality assurance not lapsed."""
    versions = MicroCredentialVersion.objects.filter(
        microcredential__provider=organisation, status=VersionStatus.PUBLISHED
    ).order_by("title")
    return [(v.pk, v.display_title) for v in versions if not v.qa_lapsed]


class BatchUploadForm(forms.Form):
    version = forms.TypedChoiceField(label=_("Micro-credential"), coerce=int)
    format = forms.ChoiceField(
        label=_("Format"), choices=CredentialFormat.choices, initial=CredentialFormat.LDP
    )
    file = forms.FileField(
        label=_("List of learners (CSV or XLSX)"),
        help_text=_(
            "One learner per row, with a header row. Columns for e-mail and name (or first and last "
            "name) are needed; a column for language (sv or en) is optional."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = _published_versions(organisation)


class ColumnMappingForm(forms.Form):
    """Which column of the uploaded file holds what. Columns are numbered from 0 in the file."""

    email = forms.ChoiceField(label=_("E-mail address"), required=False)
    name = forms.ChoiceField(label=_("Name"), required=False)
    given_name = forms.ChoiceField(label=_("First name (if the name is split)"), required=False)
    family_name = forms.ChoiceField(label=_("Last name (if the name is split)"), required=False)
    language = forms.ChoiceField(label=_("Language of the e-mail (sv or en)"), required=False)

    def __init__(self, *args: object, columns: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("– no column –")), *[(str(index), label) for index, label in columns]]
        for field in self.fields.values():
            field.choices = choices
