"""Public share pages: one credential or a portfolio, verified live on every visit, with the raw credential
to download. Unlisted (random address), not indexed, counted (never who looked), and gone once expired
or withdrawn.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from mimis.catalog.models import VersionStatus
from mimis.errors import MimisError, NotFound
from mimis.issuing.artefacts import credential_facts, signed_credential
from mimis.verification.services import verify
from mimis.verification.views import labelled_checks
from mimis.wallet import imports, recipients, selectors, services
from mimis.wallet.errors import ShareLinkUnavailable
from mimis.wallet.models import ExternalCredential, ShareKind, ShareLink
from mimis.wallet.presenting import imported_file, labelled, signed_download
from mimis.wallet.selectors import holder_status, status_label


def _unavailable(request: HttpRequest, error: MimisError) -> HttpResponse:
    response = render(
        request,
        "wallet/shared_unavailable.html",
        {"message": error.message},
        status=error.http_status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _open(request: HttpRequest, token: str) -> ShareLink:
    return selectors.open_share_link(token=token)


def _verified(credential) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    report = verify(signed_credential(credential))
    version = credential.version
    return {
        "credential": credential,
        "version": version,
        "title": version.display_title,
        "summary": version.display_summary,
        "outcomes": [outcome.display_text for outcome in version.learning_outcomes.all()],
        "facts": credential_facts(credential),
        "in_catalogue": version.microcredential.versions.filter(status=VersionStatus.PUBLISHED).exists(),
        "report": report,
        "checks": labelled_checks(report),
        "status": holder_status(credential),
        "status_label": status_label(holder_status(credential)),
    }


def _checked(external: ExternalCredential) -> dict[str, Any]:
    """An imported credential checked again now, with its status as honest as on the learner's own page:
    what could not be checked says so, never "verified"."""
    external = imports.recheck(credential=external)
    return {
        "external": external,
        "checks": labelled(external.checks),
        # The holder the credential itself names, never the account that shares it.
        "issued_to": imports.issued_to_name(external),
        "not_theirs": any(c.get("code") == recipients.NOT_ISSUED_TO_HOLDER for c in external.checks),
    }


def _count(request: HttpRequest, link: ShareLink, *, download: bool = False) -> None:
    """Count people, not HEAD requests or link previews (see ``services.counts_as_visit``)."""
    if services.counts_as_visit(
        method=request.method or "", user_agent=request.headers.get("User-Agent", "")
    ):
        services.count_view(link, download=download)


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    response = render(request, template, context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the address is the key; do not hand it to other sites
    return response


@never_cache
def shared(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = _open(request, token)
    except ShareLinkUnavailable as error:
        return _unavailable(request, error)
    credentials = selectors.shared_credentials(link)
    imported = selectors.shared_imported(link)
    if not credentials and not imported:
        raise NotFound()
    _count(request, link)
    if link.kind == ShareKind.CREDENTIAL:
        return _render(
            request,
            "wallet/shared_credential.html",
            {"link": link, "portfolio": False, **_verified(credentials[0])},
        )
    entries = [_verified(credential) for credential in credentials]
    imported_entries = [_checked(external) for external in imported]
    return _render(
        request,
        "wallet/shared_portfolio.html",
        {"link": link, "entries": entries, "imported_entries": imported_entries},
    )


@never_cache
def shared_item(request: HttpRequest, token: str, credential_id: uuid.UUID) -> HttpResponse:
    """One credential of a shared portfolio, with its full verification."""
    try:
        link = _open(request, token)
    except ShareLinkUnavailable as error:
        return _unavailable(request, error)
    credential = _item(selectors.shared_credentials(link), credential_id)
    return _render(
        request, "wallet/shared_credential.html", {"link": link, "portfolio": True, **_verified(credential)}
    )


def _item(items, item_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """The shared item with this id; anything not in the link is 404, whether it exists or not."""
    found = next((item for item in items if item.pk == item_id), None)
    if found is None:
        raise NotFound()
    return found


def shared_download(request: HttpRequest, token: str, credential_id: uuid.UUID) -> HttpResponse:
    """The raw signed credential, for the viewer to keep or check elsewhere."""
    try:
        link = _open(request, token)
    except ShareLinkUnavailable as error:
        return _unavailable(request, error)
    credential = _item(selectors.shared_credentials(link), credential_id)
    _count(request, link, download=True)
    response = signed_download(credential)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_imported_download(request: HttpRequest, token: str, credential_id: uuid.UUID) -> HttpResponse:
    """An imported credential of a shared portfolio exactly as it was imported."""
    try:
        link = _open(request, token)
    except ShareLinkUnavailable as error:
        return _unavailable(request, error)
    external = _item(selectors.shared_imported(link), credential_id)
    _count(request, link, download=True)
    response = imported_file(external)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
