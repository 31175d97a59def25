"""The learner's pages: my credentials, one credential, sharing, addresses, importing, privacy and data."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Membership
from mimis.catalog.elm import learning_achievement_specification
from mimis.errors import MimisError, NotFound
from mimis.issuing.artefacts import credential_facts
from mimis.issuing.download_views import artefact_response
from mimis.wallet import imports, personal_data, selectors, services
from mimis.wallet.elm import europass_credential
from mimis.wallet.forms import (
    AddressForm,
    DeleteAccountForm,
    ImportForm,
    PortfolioForm,
    PrivacyForm,
    ShareForm,
)
from mimis.wallet.models import ShareLink
from mimis.wallet.presenting import imported_file, labelled, qr_download, qr_svg, signed_download


def share_url(request: HttpRequest, link: ShareLink) -> str:
    return request.build_absolute_uri(reverse("wallet:shared", args=[link.token]))


@login_required
def my_credentials(request: HttpRequest) -> HttpResponse:
    overview = selectors.wallet_overview(learner=request.user)
    return render(
        request, "wallet/my_credentials.html", {"overview": overview, "credentials": overview.credentials}
    )


@login_required
def credential_detail(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """One credential: what it stands for, its status, downloads, and its share links."""
    credential = selectors.credential_detail(learner=request.user, credential_id=str(credential_id))
    form = ShareForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.create_share_link(
                user=request.user,
                credential_ids=[str(credential.pk)],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The share link is ready: %(url)s") % {"url": share_url(request, link)}
            )
            return redirect("wallet:credential", credential_id=credential.pk)
    links = [
        link
        for link in selectors.share_links_of(user=request.user)
        if [c.pk for c in link.credentials.all()] == [credential.pk]
    ]
    for link in links:  # for wallet/_share_tools.html (copy, share, QR code) on this page
        link.share_url = share_url(request, link)  # type: ignore[attr-defined]
        link.qr_svg = qr_svg(link.share_url) if link.is_active else ""  # type: ignore[attr-defined]
    version = credential.version
    return render(
        request,
        "wallet/credential.html",
        {
            "credential": credential,
            "title": version.display_title,
            "summary": version.display_summary,
            "outcomes": [outcome.display_text for outcome in version.learning_outcomes.all()],
            "skills": selectors.skills_of([credential]),
            "facts": credential_facts(credential),
            "form": form,
            "links": [(link, share_url(request, link)) for link in links],
        },
    )


@login_required
def download(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """The signed credential exactly as issued (JSON-LD, or the JWT as text)."""
    credential = selectors.credential_of_learner(learner=request.user, credential_id=str(credential_id))
    return signed_download(credential)


@login_required
def artefact(request: HttpRequest, credential_id: uuid.UUID, artefact: str) -> HttpResponse:
    """The baked badge (PNG or SVG) or the PDF certificate (``?lang=sv|en``) of one of the learner's credentials."""
    credential = selectors.credential_of_learner(learner=request.user, credential_id=str(credential_id))
    return artefact_response(request, credential, artefact)


@login_required
def elm_export(request: HttpRequest, credential_id: uuid.UUID) -> JsonResponse:
    """The credential in the European Learning Model (ELM 3) for Europass."""
    credential = selectors.credential_of_learner(learner=request.user, credential_id=str(credential_id))
    slug = credential.version.microcredential.slug
    specification = learning_achievement_specification(
        credential.version, url=request.build_absolute_uri(reverse("catalog:detail", args=[slug]))
    )
    response = JsonResponse(
        europass_credential(
            credential,
            specification=specification,
            verification_url=request.build_absolute_uri(
                reverse("verification:credential", args=[credential.pk])
            ),
        ),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="{slug}.europass.jsonld"'
    return response


@login_required
@require_POST
def linkedin(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """Make (or reuse) a share link without expiry and go to LinkedIn's "add certification" form."""
    credential = selectors.credential_of_learner(learner=request.user, credential_id=str(credential_id))
    link = services.share_link_for_linkedin(user=request.user, credential=credential)
    return redirect(selectors.linkedin_url(credential=credential, share_url=share_url(request, link)))


@login_required
def sharing(request: HttpRequest) -> HttpResponse:
    """Every share link with how often it was viewed (counts, never who), a portfolio maker, withdrawing."""
    credentials = list(selectors.credentials_for_learner(learner=request.user))
    imported = list(selectors.imported_credentials_of(user=request.user))
    form = PortfolioForm(
        request.POST if "portfolio" in request.POST else None, credentials=credentials, imported=imported
    )
    if request.method == "POST" and "withdraw" in request.POST:
        link = selectors.share_link_of(user=request.user, share_id=request.POST["withdraw"])
        services.withdraw_share_link(link=link, acting_user=request.user)
        messages.success(request, _("The link is withdrawn. Its page no longer shows your credentials."))
        return redirect("wallet:sharing")
    if request.method == "POST" and "portfolio" in request.POST and form.is_valid():
        try:
            link = services.create_share_link(
                user=request.user,
                credential_ids=form.cleaned_data["credentials"],
                imported_ids=form.cleaned_data.get("imported", []),
                expires_in_days=form.cleaned_data["expires_in_days"],
                title=form.cleaned_data["title"] or _("My micro-credentials"),
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The portfolio page is ready: %(url)s") % {"url": share_url(request, link)}
            )
            return redirect("wallet:sharing")
    links = [
        (link, url, qr_svg(url) if link.is_active else "")
        for link in selectors.share_links_of(user=request.user)
        for url in [share_url(request, link)]
    ]
    return render(
        request,
        "wallet/sharing.html",
        {"form": form, "links": links, "credentials": credentials, "imported": imported},
    )


@login_required
def share_qr(request: HttpRequest, share_id: uuid.UUID) -> HttpResponse:
    """One of the learner's share links as a QR code (SVG) to download."""
    link = selectors.share_link_of(user=request.user, share_id=share_id)
    return qr_download(share_url(request, link), name=f"mimis-share-{link.pk}")


@login_required
def addresses(request: HttpRequest) -> HttpResponse:
    form = AddressForm(request.POST if "add" in request.POST else None)
    if request.method == "POST":
        try:
            if "add" in request.POST:
                if not form.is_valid():
                    raise _FormInvalid()
                extra = services.add_address(user=request.user, email=form.cleaned_data["email"])
                messages.success(
                    request,
                    _("We have sent a link to %(email)s. Open it to add the address to your account.")
                    % {"email": extra.email},
                )
            elif "remove" in request.POST:
                services.remove_address(user=request.user, address_id=_int(request.POST["remove"]))
                messages.success(request, _("The address is removed from your account."))
            elif "resend" in request.POST:
                extra = services.resend_address_verification(
                    user=request.user, address_id=_int(request.POST["resend"])
                )
                messages.info(request, _("We have sent a new link to %(email)s.") % {"email": extra.email})
        except _FormInvalid:
            pass
        except MimisError as error:
            add_service_error(form, error)
        else:
            return redirect("wallet:addresses")
    return render(
        request,
        "wallet/addresses.html",
        {"form": form, "addresses": selectors.further_addresses_of(user=request.user)},
    )


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc


class _FormInvalid(Exception):
    pass


def verify_address(request: HttpRequest, token: str) -> HttpResponse:
    try:
        extra = services.verify_address(token=token)
    except MimisError as error:
        return render(
            request,
            "accounts/message.html",
            {"title": _("The link did not work"), "text": error.message},
            status=400,
        )
    messages.success(
        request,
        _("%(email)s is added to your account. Credentials issued to it now reach you.")
        % {"email": extra.email},
    )
    return redirect("wallet:addresses" if request.user.is_authenticated else "accounts:login")


@login_required
def import_credential(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            external = imports.import_file(user=request.user, upload=upload)
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The credential is imported: %(title)s.") % {"title": external.title})
            return redirect("wallet:imported", credential_id=external.pk)
    return render(
        request, "wallet/import.html", {"form": form, "max_mb": imports.MAX_IMPORT_BYTES // (1024 * 1024)}
    )


@login_required
def imported(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """An imported credential, checked again now."""
    external = imports.imported_of(user=request.user, credential_id=str(credential_id))
    if request.method == "POST" and "remove" in request.POST:
        imports.remove_imported(user=request.user, credential=external)
        messages.success(request, _("The imported credential is removed from your wallet."))
        return redirect("wallet:my_credentials")
    external = imports.recheck(credential=external)
    return render(
        request, "wallet/imported.html", {"external": external, "checks": labelled(external.checks)}
    )


@login_required
def imported_download(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    external = imports.imported_of(user=request.user, credential_id=str(credential_id))
    return imported_file(external)


@login_required
def privacy(request: HttpRequest) -> HttpResponse:
    profile = selectors.privacy_of(user=request.user)
    form = PrivacyForm(
        request.POST if request.method == "POST" else None,
        initial={"findable_by_skills": profile.findable_by_skills},
    )
    if request.method == "POST" and form.is_valid():
        services.set_findable_by_skills(user=request.user, findable=form.cleaned_data["findable_by_skills"])
        messages.success(request, _("Your choice is saved."))
        return redirect("wallet:privacy")
    links = selectors.share_links_of(user=request.user)
    return render(
        request,
        "wallet/privacy.html",
        {
            "form": form,
            "views": sum(link.view_count for link in links),
            "downloads": sum(link.download_count for link in links),
            "link_count": len(links),
        },
    )


@login_required
@require_POST
def export_data(request: HttpRequest) -> HttpResponse:
    """All the learner's data as a ZIP: a JSON file and every credential file."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    content = personal_data.export_data(user=request.user, base_url=base_url)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="mimis-{timezone.now():%Y-%m-%d}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Explain in plain words what deleting removes and what the issuers keep; then confirm."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    member = Membership.objects.filter(user=request.user).exists()
    if request.method == "POST" and form.is_valid():
        try:
            personal_data.erase_account(user=request.user, password=form.cleaned_data["password"])
        except MimisError as error:
            add_service_error(form, error)
        else:
            logout(request)
            return render(
                request,
                "accounts/message.html",
                {
                    "title": _("Your account is deleted"),
                    "text": _("Your personal data is erased from MIMIS. Thank you for using it."),
                },
            )
    return render(
        request,
        "wallet/delete_account.html",
        {
            "form": form,
            "member": member,
            "needs_password": request.user.has_usable_password(),
            "credential_count": selectors.credentials_for_learner(learner=request.user).count(),
        },
    )
