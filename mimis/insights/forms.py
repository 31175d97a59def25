from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mimis.accounts.models import Organisation
from mimis.catalog.models import TargetGroup
from mimis.insights.models import DimensionKind, VersionDimension
from mimis.insights.selectors import Audience, public_providers
from mimis.taxonomy.models import Concept

PERIOD_CHOICES = [
    ("12m", _("The last 12 months")),
    ("quarter", _("This quarter")),
    ("previous_quarter", _("The previous quarter")),
    ("year", _("This year")),
    ("previous_year", _("Last year")),
    ("all", _("Since the start")),
]
DIMENSION_CHOICES = [
    ("skill", _("Skill")),
    ("occupation", _("Occupation (SSYK)")),
    ("sector", _("Sector (SNI)")),
    ("level", _("SeQF level")),
    ("provider", _("Provider")),
    ("target_group", _("Pilot (target group)")),
]


class InsightsFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    sector = forms.TypedChoiceField(label=_("Sector (SNI)"), required=False, coerce=int, empty_value=None)
    target_group = forms.ChoiceField(label=_("Pilot (target group)"), required=False)
    provider = forms.TypedChoiceField(label=_("Provider"), required=False, coerce=int, empty_value=None)
    dimension = forms.ChoiceField(label=_("Break down by"), choices=DIMENSION_CHOICES, required=False)

    def __init__(self, *args: object, audience: Audience, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        sector_ids = (
            VersionDimension.objects.filter(kind=DimensionKind.SECTOR).exclude(value="").values("value")
        )
        self.fields["sector"].choices = any_choice + [
            (c.pk, f"{c.code} {c.display_label}".strip())
            for c in Concept.objects.filter(pk__in=[int(v["value"]) for v in sector_ids]).order_by("code")
        ]
        self.fields["target_group"].choices = any_choice + list(TargetGroup.choices)
        if audience.kind == "region":
            providers = Organisation.objects.filter(credentials__isnull=False).distinct().order_by("name")
        elif audience.kind == "public":
            providers = public_providers()
        else:
            providers = Organisation.objects.none()  # a provider's own page is about that provider only
        self.fields["provider"].choices = any_choice + [(o.pk, o.name) for o in providers]
        if audience.kind == "provider":
            del self.fields["provider"]


class SupplyFilterForm(forms.Form):
    target_group = forms.ChoiceField(label=_("Pilot (target group)"), required=False)
    occupation_field = forms.ChoiceField(label=_("Occupational field of the job ads"), required=False)

    def __init__(self, *args: object, occupation_fields: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_group"].choices = [("", _("All"))] + list(TargetGroup.choices)
        self.fields["occupation_field"].choices = [("", _("All"))] + [(f, f) for f in occupation_fields]


class JobAdUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Job ads (JSON from JobTech: JobStream, historical ads or JobSearch)"),
        help_text=_(
            "A JSON array of ads, an object with “hits”, or one ad per line. At most 20 MB and 5,000 ads."
        ),
    )
