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
        versions = MicroCredentialVersion.objects.filter(
            microcredential__provider=organisation, status=VersionStatus.PUBLISHED
        ).order_by("title")
        self.fields["version"].choices = [(v.pk, v.title) for v in versions]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
