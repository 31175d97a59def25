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


def status_list(request: HttpRequest, slug: str, purpose: str, number: int) -> JsonResponse:
    """A signed BitstringStatusListCredential; short cache so revocations show within a minute."""
    from mimis.issuing.models import StatusList
    from mimis.issuing.services import signed_status_list

    status_list = get_object_or_404(
        StatusList.objects.select_related("organisation"),
        organisation__slug=slug,
        purpose=purpose,
        number=number,
    )
    response = JsonResponse(signed_status_list(status_list))
    response["Content-Type"] = "application/vc+ld+json"
    response["Cache-Control"] = "public, max-age=60"
    return response
