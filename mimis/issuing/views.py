from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control

from mimis.accounts.models import Organisation, OrganisationStatus
from mimis.issuing.keys import did_document


@cache_control(public=True, max_age=300)
def did_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The issuer's did:web document (public keys only)."""
    organisation = get_object_or_404(Organisation, slug=slug, status=OrganisationStatus.APPROVED)
    response = JsonResponse(did_document(organisation))
    response["Content-Type"] = "application/did+json"
    return response
