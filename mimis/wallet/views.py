from __future__ import annotations

import json
import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mimis.errors import NotFound
from mimis.issuing.download_views import artefact_response
from mimis.wallet.selectors import credential_of_learner, credentials_for_learner


@login_required
def my_credentials(request: HttpRequest) -> HttpResponse:
    return render(
        request, "wallet/my_credentials.html", {"credentials": credentials_for_learner(learner=request.user)}
    )


@login_required
def download(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """The signed credential exactly as issued (JSON-LD, or the JWT as text)."""
    credential = credential_of_learner(learner=request.user, credential_id=str(credential_id))
    if credential.format == "jwt":
        response = HttpResponse(credential.token, content_type="application/vc+jwt")
        extension = "jwt"
    elif credential.document:
        response = HttpResponse(
            json.dumps(credential.document, ensure_ascii=False, indent=2),
            content_type="application/ld+json; charset=utf-8",
        )
        extension = "json"
    else:
        raise NotFound()
    response["Content-Disposition"] = (
        f'attachment; filename="{credential.version.microcredential.slug}.{extension}"'
    )
    return response


@login_required
def artefact(request: HttpRequest, credential_id: uuid.UUID, artefact: str) -> HttpResponse:
    """The baked badge (PNG or SVG) or the PDF certificate (``?lang=sv|en``) of one of the learner's credentials."""
    credential = credential_of_learner(learner=request.user, credential_id=str(credential_id))
    return artefact_response(request, credential, artefact)
