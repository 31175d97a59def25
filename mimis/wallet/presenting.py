"""How the wallet shows and hands out credentials, shared by the learner's pages (``views``), the public
share pages (``share_views``) and the API: check labels, and the files to download. Neither page module
imports the other; both import this one.
"""

from __future__ import annotations

import json
from typing import Any

import qrcode
import qrcode.image.svg
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from mimis.errors import NotFound
from mimis.wallet.models import ExternalCredential

NETWORK_NEEDED_TEXT = _("This needs the issuer's web server, which MIMIS does not contact here.")
RECIPIENT_LABEL = _("It was issued to the person who holds it")
NOT_ISSUED_TO_HOLDER_TEXT = _(
    "The credential was issued to someone else: it does not name any verified e-mail address of the person "
    "who holds it here."
)


def labelled(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Checks with plain-language labels (as on the verification page) and a translated reason where known."""
    from mimis.verification.views import CHECK_LABELS

    out = []
    for check in checks:
        code = check.get("code")
        message = check.get("message", "")
        if code == "network_needed":
            message = NETWORK_NEEDED_TEXT
        elif code == "not_issued_to_holder":
            message = NOT_ISSUED_TO_HOLDER_TEXT
        label = (
            RECIPIENT_LABEL
            if check["name"] == "recipient"
            else CHECK_LABELS.get(check["name"], check["name"])
        )
        out.append({**check, "label": label, "message": message})
    return out


def signed_download(credential) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The signed credential exactly as issued (JSON-LD, or the JWT as text), as a file."""
    if credential.format == "jwt" and credential.token:
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


def imported_file(external: ExternalCredential) -> HttpResponse:
    """An imported credential exactly as it was imported, as a file."""
    is_json = external.content.lstrip().startswith("{")
    response = HttpResponse(
        external.content,
        content_type="application/json; charset=utf-8" if is_json else "text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{external.pk}.{"json" if is_json else "jws"}"'
    return response


def qr_svg(url: str) -> str:
    """A share link as a QR code: SVG drawn with paths, black on white, scaling to any size (``viewBox``)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(url)
    return code.make_image().to_string(encoding="unicode")


def qr_download(url: str, *, name: str) -> HttpResponse:
    """The QR code as a file to print or put in a slide."""
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.svg"'
    return response
