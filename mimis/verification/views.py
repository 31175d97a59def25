from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from mimis.catalog.models import VersionStatus
from mimis.errors import MimisError
from mimis.issuing.artefacts import credential_facts, localised, signed_credential
from mimis.verification.forms import VerifyForm
from mimis.verification.selectors import stored_credential
from mimis.verification.services import Report, verify

# Plain-language names of the checks; the codes come from mimis.vc.verify.
CHECK_LABELS = {
    "schema": _("It is a well-formed Open Badges credential"),
    "proof": _("The signature is intact: nothing has been changed"),
    "issuer": _("The signature belongs to the issuer"),
    "validity": _("It is within its validity period"),
    "status": _("It has not been revoked or suspended"),
}


def verify_page(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST if request.method == "POST" else None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("upload")
        data = upload.read() if upload else form.cleaned_data["pasted"]
        try:
            report = verify(data)
        except MimisError as error:
            form.add_error("upload" if upload else "pasted", error.message)
    return render(
        request,
        "verification/verify.html",
        {"form": form, "report": report, "checks": labelled_checks(report)},
    )


def labelled_checks(report: Report | None) -> list[dict[str, Any]]:
    return [
        {**check, "label": CHECK_LABELS.get(check["name"], check["name"])}
        for check in (report.checks if report else [])
    ]


@never_cache
def credential_page(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """The page a certificate's QR code opens: the stored credential verified now, and what it stands for.

    Public and unlisted (the id is random): it shows the holder's name, never their e-mail address.
    """
    credential = stored_credential(credential_id=credential_id)
    report = verify(signed_credential(credential))
    version = credential.version
    microcredential = version.microcredential
    response = render(
        request,
        "verification/credential.html",
        {
            "credential": credential,
            "version": version,
            "title": localised(version, "title"),
            "summary": localised(version, "summary"),
            "outcomes": [localised(outcome, "text") for outcome in version.learning_outcomes.all()],
            "facts": credential_facts(credential),
            "in_catalogue": microcredential.versions.filter(status=VersionStatus.PUBLISHED).exists(),
            "report": report,
            "checks": labelled_checks(report),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
