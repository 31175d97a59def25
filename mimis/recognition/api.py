"""The application dossier over the API: ``GET /api/v1/microcredentials/{id}/recognition-dossier``."""

# No "from __future__ import annotations": django-ninja reads these annotations at run time.

from django.http import HttpRequest
from ninja import Router, Schema

from mimis.api.auth import check_token_organisation
from mimis.api.schemas import ErrorOut
from mimis.catalog.models import MicroCredential
from mimis.errors import NotFound
from mimis.recognition import services
from mimis.recognition.dossier import build_dossier

router = Router(tags=["recognition"])


class SectionOut(Schema):
    key: str
    title: str
    text: str
    length: int
    limit: int | None
    over_limit: bool
    sources: list[str]
    missing: list[str]


class AttachmentOut(Schema):
    name: str
    url: str


class DossierOut(Schema):
    microcredential: int
    version: int
    complete: bool
    sections: list[SectionOut]
    attachments: list[AttachmentOut]


@router.get(
    "/{microcredential_id}/recognition-dossier",
    response={200: DossierOut, 403: ErrorOut, 404: ErrorOut},
    summary="The application to MYH for a SeQF level decision, section by section (the owner's admins and editors)",
)
def recognition_dossier(request: HttpRequest, microcredential_id: int) -> dict:
    microcredential = MicroCredential.objects.select_related("provider").filter(pk=microcredential_id).first()
    if microcredential is None:
        raise NotFound()
    check_token_organisation(request, microcredential.provider)
    services.require_dossier_editor(request.user, microcredential)
    return build_dossier(services.published_version(microcredential)).as_dict()
