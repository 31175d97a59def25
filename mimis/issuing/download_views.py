"""Downloads of an issued credential for people: the baked badge (PNG, SVG) and the PDF certificate.

``artefact_response`` serves both the issuing organisation (the views here) and the learner's wallet
(``mimis.wallet.views``); each caller decides who may see the credential first.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import organisation_for
from mimis.errors import NotFound
from mimis.issuing import artefacts
from mimis.issuing.models import Credential

BADGE_PNG = "badge.png"
BADGE_SVG = "badge.svg"
CERTIFICATE = "certificate.pdf"


def artefact_response(request: HttpRequest, credential: Credential, artefact: str) -> HttpResponse:
    """The file as an attachment; the certificate's language comes from ``?lang=`` or the page's language."""
    slug = credential.version.microcredential.slug
    if artefact == BADGE_PNG:
        response = HttpResponse(artefacts.baked_png(credential), content_type="image/png")
        filename = f"{slug}.png"
    elif artefact == BADGE_SVG:
        response = HttpResponse(artefacts.baked_svg(credential), content_type="image/svg+xml; charset=utf-8")
        # Opened directly, an SVG is a document: allow its inline styles and nothing else.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        filename = f"{slug}.svg"
    elif artefact == CERTIFICATE:
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            language = get_language()
        response = HttpResponse(
            artefacts.certificate_pdf(credential, language), content_type="application/pdf"
        )
        filename = f"{slug}-{language}.pdf"
    else:
        raise NotFound()
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def issuer_artefact(request: HttpRequest, slug: str, credential_id: uuid.UUID, artefact: str) -> HttpResponse:
    """For members of the issuing organisation who may issue; another organisation's credential is 404."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    credential = (
        Credential.objects.select_related("version__microcredential__provider", "organisation")
        .filter(pk=credential_id, organisation=organisation)
        .exclude(document__isnull=True, token="")  # erased at the holder's request
        .first()
    )
    if credential is None:
        raise NotFound()
    return artefact_response(request, credential, artefact)
