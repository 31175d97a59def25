from __future__ import annotations

import json
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Organisation, OrganisationStatus
from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import organisation_for
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError
from mimis.issuing import artefacts, selectors, services
from mimis.issuing.forms import AwardForm, ReasonForm
from mimis.issuing.keys import did_document, did_document_etag
from mimis.issuing.models import Credential, IssuingBatch, StatusList
from mimis.issuing.services import published_status_list
from mimis.vc.jsonld import load_context, mimis_eu_context_url

#: How long a cache (nginx, a CDN, a verifier) may keep a status list or DID document: a revocation, or a
#: key marked compromised, shows within this many seconds at a cache (at once here).
PUBLIC_MAX_AGE = 60


def _if_none_match(request: HttpRequest, etag: str) -> bool:
    """Whether the client already has this version (``If-None-Match`` names it, or ``*``)."""
    header = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return f'"{etag}"' in tags or "*" in tags


def _cacheable(request: HttpRequest, body: bytes, etag: str, content_type: str) -> HttpResponse:
    """The stored bytes with their ETag, or 304 Not Modified when the client has them."""
    if _if_none_match(request, etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


@require_http_methods(["GET", "HEAD"])
def did_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The issuer's did:web document (public keys only), cached, with an ETag; short max-age so a
    compromised key drops out soon."""
    organisation = get_object_or_404(Organisation, slug=slug, status=OrganisationStatus.APPROVED)
    document = did_document(organisation)
    etag = did_document_etag(organisation.slug)
    return _cacheable(request, json.dumps(document).encode(), etag, "application/did+json")


@cache_control(public=True, max_age=86400)
def eu_microcredential_context(request: HttpRequest) -> JsonResponse:
    """MIMIS's JSON-LD extension context for the EU micro-credential elements, at the URL credentials name."""
    url = mimis_eu_context_url(settings.MIMIS_BASE_URL)
    response = JsonResponse(load_context(url), json_dumps_params={"indent": 2})
    response["Content-Type"] = "application/ld+json"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in browsers fetch contexts from anywhere
    return response


@require_http_methods(["GET", "HEAD"])
def status_list(request: HttpRequest, slug: str, purpose: str, number: int) -> HttpResponse:
    """The signed BitstringStatusListCredential as stored when its bits last changed (the same bytes for
    every reader, never signed per request), with an ETag; short cache so revocations show within a minute."""
    status_list = get_object_or_404(
        StatusList.objects.select_related("organisation").defer("bits"),
        organisation__slug=slug,
        purpose=purpose,
        number=number,
    )
    try:
        published = published_status_list(status_list)
    except MimisError as exc:
        raise Http404() from exc
    return _cacheable(request, published.body, published.etag, "application/vc+ld+json")


@login_required
def organisation_credentials(request: HttpRequest, slug: str) -> HttpResponse:
    """Award one credential from a form, and see, revoke or suspend what the organisation has issued."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    form = AwardForm(request.POST if "award" in request.POST else None, organisation=organisation)
    if request.method == "POST" and "award" in request.POST and form.is_valid():
        version = get_object_or_404(MicroCredentialVersion, pk=form.cleaned_data["version"])
        try:
            issued = services.issue_credential(
                version=version,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                acting_user=request.user,
                credential_format=form.cleaned_data["format"],
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            if issued.created:
                messages.success(
                    request,
                    _("The credential is issued to %(email)s.")
                    % {"email": issued.credential.recipient_email},
                )
            else:
                messages.info(
                    request,
                    _("%(email)s already has this credential; nothing new was issued.")
                    % {"email": issued.credential.recipient_email},
                )
            return redirect("issuer_credentials", slug=slug)
    if request.method == "POST" and "action" in request.POST:
        credential = get_object_or_404(
            Credential, pk=request.POST.get("credential"), organisation=organisation
        )
        if request.POST["action"] == "revoke":
            # Revoking cannot be undone: it always goes through the confirmation page.
            return redirect_to_revoke_confirmation(slug, credential, request.POST.get("reason", ""))
        try:
            if request.POST["action"] == "suspend":
                services.suspend_credential(
                    credential=credential, reason=request.POST.get("reason", ""), acting_user=request.user
                )
            else:
                services.reinstate_credential(credential=credential, acting_user=request.user)
        except MimisError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The credential's status is changed and published."))
        return redirect("issuer_credentials", slug=slug)
    query = request.GET.get("q", "").strip()
    credentials = selectors.issued_credentials(organisation=organisation, query=query)
    page = Paginator(credentials, 50).get_page(request.GET.get("page"))
    context = {"organisation": organisation, "page": page, "query": query}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "issued-results":
        return render(request, "issuing/_issued.html", context)
    batches = IssuingBatch.objects.filter(organisation=organisation).select_related("version", "organisation")
    return render(request, "issuing/credentials.html", {**context, "form": form, "batches": batches[:5]})


def redirect_to_revoke_confirmation(slug: str, credential: Credential, reason: str) -> HttpResponse:
    url = reverse("issuer_credential_revoke", args=[slug, credential.pk])
    return redirect(f"{url}?{urlencode({'reason': reason.strip()[:500]})}" if reason.strip() else url)


@login_required
@require_http_methods(["GET", "POST"])
def revoke_credential(request: HttpRequest, slug: str, credential_id: uuid.UUID) -> HttpResponse:
    """The second look before revoking for good: whose credential, which one, and the reason."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    credential = get_object_or_404(
        Credential.objects.select_related("version", "organisation"),
        pk=credential_id,
        organisation=organisation,
    )
    form = ReasonForm(request.POST or None, initial={"reason": request.GET.get("reason", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_credential(
                credential=credential, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The credential of %(name)s is revoked. The status list shows it at once, and %(name)s gets an e-mail."
                )
                % {"name": credential.recipient_name or _("the learner")},
            )
            return redirect("issuer_credentials", slug=slug)
    return render(
        request,
        "issuing/revoke_confirm.html",
        {"organisation": organisation, "credential": credential, "form": form},
    )


@cache_control(public=True, max_age=86400)
def badge_image(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The plain badge picture of a micro-credential version: the ``image`` wallets show for a credential."""
    version = get_object_or_404(
        MicroCredentialVersion,
        microcredential__slug=slug,
        number=number,
        status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED],
    )
    return HttpResponse(artefacts.badge_png(version), content_type="image/png")
