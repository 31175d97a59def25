"""The page where a provider's (or the region's) admin records MYH's decision on a micro-credential's level."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mimis.accounts.forms import add_service_error
from mimis.accounts.permissions import Capability, require_capability
from mimis.catalog.level_services import can_record_level_decision, record_level_decision
from mimis.catalog.models import MicroCredential
from mimis.errors import MimisError, NotFound


class LevelDecisionForm(forms.Form):
    seqf_level = forms.TypedChoiceField(
        label=gettext_lazy("Decided SeQF level"),
        choices=[(n, str(n)) for n in range(1, 9)],
        coerce=int,
    )
    decision_number = forms.CharField(
        label=gettext_lazy("MYH's case number (diarienummer)"),
        max_length=64,
        help_text=gettext_lazy("As it stands on the decision, for example MYH 2026/1234."),
    )
    decided_on = forms.DateField(
        label=gettext_lazy("Date of the decision"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty if the decision does not say: a decision lasts ten years."),
    )
    decision_url = forms.URLField(
        label=gettext_lazy("Link to the decision or to the national qualifications database"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )


@login_required
def level_decision(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    if not can_record_level_decision(request.user, microcredential):
        require_capability(request.user, Capability.EDIT_ORGANISATION, microcredential.provider)
    version = microcredential.versions.order_by("-number").first()
    if version is None:
        raise NotFound()
    form = LevelDecisionForm(request.POST or None, initial={"seqf_level": version.seqf_level})
    if request.method == "POST" and form.is_valid():
        try:
            record_level_decision(
                microcredential=microcredential, acting_user=request.user, **form.cleaned_data
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The decision is recorded. New credentials state the level MYH decided.")
            )
            return redirect("catalog:level_decision", slug=slug)
    return render(
        request,
        "catalog/authoring/level_decision.html",
        {
            "microcredential": microcredential,
            "version": version,
            "decisions": microcredential.level_decisions.all(),
            "form": form,
        },
    )
