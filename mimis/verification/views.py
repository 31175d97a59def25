from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from mimis.errors import MimisError
from mimis.verification.forms import VerifyForm
from mimis.verification.services import verify

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
    checks = [
        {**check, "label": CHECK_LABELS.get(check["name"], check["name"])}
        for check in (report.checks if report else [])
    ]
    return render(request, "verification/verify.html", {"form": form, "report": report, "checks": checks})
