from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from mimis.catalog.models import VersionStatus
from mimis.errors import MimisError, NotFound
from mimis.issuing.artefacts import credential_facts, localised, signed_credential
from mimis.verification.forms import VerifyForm
from mimis.verification.selectors import stored_credential
from mimis.verification.services import SOURCE_STORED, Report, verify, verify_reference

# Plain-language names of the checks; the codes come from mimis.vc.verify.
CHECK_LABELS = {
    "schema": _("It is a well-formed credential"),
    "proof": _("The signature is intact: nothing has been changed"),
    "issuer": _("The signature belongs to the issuer"),
    "validity": _("It is within its validity period"),
    "status": _("The issuer still stands by it (not revoked or suspended)"),
}


def verify_page(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST if request.method == "POST" else None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        field, data = form.submitted()
        try:
            report = verify_reference(data) if field == "reference" else verify(data)
        except MimisError as error:
            form.add_error(field, error.message)
    return render(
        request,
        "verification/verify.html",
        {"form": form, "report": report, "checks": labelled_checks(report)},
    )


# What a failed check means, in plain words, by the stable code from mimis.vc (which speaks English
# only, for logs and programs). Codes not listed fall back to the check's general explanation.
FAILURE_EXPLANATIONS = {
    "revoked": _("The issuer has revoked the credential. It is no longer valid."),
    "suspended": _("The issuer has suspended the credential for the time being."),
    "expired": _("The credential's validity period has ended."),
    "not_yet_valid": _("The credential is not valid yet."),
    "signature_invalid": _("The signature does not match the content: something has been changed."),
    "proof_missing": _("The credential has no signature."),
    "controller_mismatch": _("The credential is signed with a key that does not belong to the issuer."),
    "issuer_key_mismatch": _("The credential is signed with a key that does not belong to the issuer."),
    "key_resolution_failed": _("The issuer's signing key could not be found; it may have been withdrawn."),
    "undefined_term": _("The credential contains data that is not defined in its vocabulary."),
    "unknown_context": _("The credential uses a vocabulary that is not recognised."),
    "status_list_unavailable": _("The issuer's status list could not be read, so the status is unknown."),
    "status_list_unverified": _("The issuer's status list is not correctly signed."),
}
FAILURE_BY_CHECK = {
    "schema": _("The credential does not follow the Open Badges format."),
    "proof": _("The signature could not be confirmed."),
    "issuer": _("It could not be confirmed who issued the credential."),
    "validity": _("The credential's dates could not be confirmed."),
    "status": _("Whether the credential is revoked or suspended could not be confirmed."),
}


def labelled_checks(report: Report | None) -> list[dict[str, Any]]:
    """Each check with a plain-language label and, when it failed, an explanation in the user's language."""
    return [
        {
            **check,
            "label": CHECK_LABELS.get(check["name"], check["name"]),
            "explanation": FAILURE_EXPLANATIONS.get(check.get("code", ""))
            or FAILURE_BY_CHECK.get(check["name"], ""),
        }
        for check in (report.checks if report else [])
    ]


@never_cache
def credential_page(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """The page a certificate's QR code opens: the stored credential verified now, and what it stands for.

    Public and unlisted (the id is random): it shows the holder's name, never their e-mail address. An id
    MIMIS does not know (mistyped, or erased at the holder's request) gets a 404 page that says so.
    """
    try:
        credential = stored_credential(credential_id=credential_id)
    except NotFound:
        response = render(
            request, "verification/unknown_credential.html", {"credential_id": credential_id}, status=404
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    report = verify(signed_credential(credential), source=SOURCE_STORED)
    version = credential.version
    microcredential = version.microcredential
    response = render(
        request,
        "verification/credential.html",
        {
            "credential": credential,
            "version": version,
            "title": version.display_title,
            "summary": version.display_summary,
            "outcomes": [localised(outcome, "text") for outcome in version.learning_outcomes.all()],
            "facts": credential_facts(credential),
            "in_catalogue": microcredential.versions.filter(status=VersionStatus.PUBLISHED).exists(),
            "report": report,
            "checks": labelled_checks(report),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
