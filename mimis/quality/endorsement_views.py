"""Endorsements on the public page: endorse, see one and its verification, download it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.accounts.models import Organisation
from mimis.catalog.models import MicroCredential
from mimis.errors import MimisError, NotFound
from mimis.quality import selectors, services
from mimis.verification.services import verify


@login_required
@require_POST
def endorse(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = MicroCredential.objects.filter(slug=slug).select_related("provider").first()
    organisation = Organisation.objects.filter(slug=request.POST.get("organisation", "")).first()
    if microcredential is None or organisation is None:
        raise NotFound()
    try:
        services.endorse_microcredential(
            microcredential=microcredential,
            organisation=organisation,
            acting_user=request.user,
            comment=request.POST.get("comment", ""),
        )
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you. Your signed endorsement is shown on the page."))
    return redirect("catalog:detail", slug=slug)


def endorsement(request: HttpRequest, slug: str, endorsement_id: str) -> HttpResponse:
    """One endorsement, checked as any verifier would: signature, issuer key, structure."""
    found = selectors.endorsement(endorsement_id=str(endorsement_id), slug=slug)
    return render(
        request,
        "quality/endorsement.html",
        {
            "endorsement": found,
            "report": verify(found.document),
            "document": json.dumps(found.document, indent=2, ensure_ascii=False),
        },
    )


def endorsement_json(request: HttpRequest, slug: str, endorsement_id: str) -> HttpResponse:
    found = selectors.endorsement(endorsement_id=str(endorsement_id), slug=slug)
    response = HttpResponse(
        json.dumps(found.document, indent=2, ensure_ascii=False),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="endorsement-{found.pk}.json"'
    return response
