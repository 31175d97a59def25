"""The page a claim link opens: collect the credential, signing in or creating an account on the spot."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mimis.accounts.forms import add_service_error
from mimis.errors import MimisError
from mimis.wallet import selectors, services
from mimis.wallet.errors import ClaimLinkExpired
from mimis.wallet.forms import ClaimAccountForm


def _refused(request: HttpRequest, token: str, error: MimisError) -> HttpResponse:
    return render(
        request,
        "wallet/claim_refused.html",
        {"message": error.message, "expired": isinstance(error, ClaimLinkExpired), "token": token},
        status=error.http_status,
    )


def claim(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.open_claim_link(token)
    except MimisError as error:
        return _refused(request, token, error)
    credential = link.credential
    address = credential.recipient_email
    user = request.user
    owner = selectors.account_for_address(address)
    wrong_user = user.is_authenticated and (
        (owner is not None and owner.pk != user.pk) or not selectors.controls_address(user, address)
    )
    form = None
    if not user.is_authenticated and owner is None:
        form = ClaimAccountForm(
            request.POST if request.method == "POST" else None, initial={"name": credential.recipient_name}
        )
    if request.method == "POST":
        try:
            if user.is_authenticated:
                services.claim_credential(token=token, user=user)
            elif form is not None and form.is_valid():
                user = services.claim_with_new_account(
                    token=token,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password"],
                    language=request.LANGUAGE_CODE,
                )
                auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                return _page(request, link, form, owner, wrong_user)
        except MimisError as error:
            if form is not None:
                add_service_error(form, error)
                return _page(request, link, form, owner, wrong_user)
            return _refused(request, token, error)
        messages.success(
            request,
            _("“%(title)s” is in your credentials. You can share it, download it and show it to employers.")
            % {"title": credential.version.display_title},
        )
        return redirect("wallet:credential", credential_id=credential.pk)
    return _page(request, link, form, owner, wrong_user)


def _page(request, link, form, owner, wrong_user) -> HttpResponse:  # type: ignore[no-untyped-def]
    return render(
        request,
        "wallet/claim.html",
        {
            "link": link,
            "credential": link.credential,
            "title": link.credential.version.display_title,
            "form": form,
            "existing_account": owner is not None,
            "wrong_user": wrong_user,
        },
        status=403 if wrong_user else 200,
    )


def new_claim_link(request: HttpRequest, token: str) -> HttpResponse:
    """After an expired link: a new e-mail to the address the credential was issued to."""
    if request.method != "POST":
        return redirect("wallet:claim", token=token)
    try:
        services.request_new_claim_link(token=token)
    except MimisError as error:
        return _refused(request, token, error)
    return render(
        request,
        "accounts/message.html",
        {
            "title": _("A new link is on its way"),
            "text": _(
                "We have sent a new link to the address the credential was issued to. It works for 30 days."
            ),
        },
    )
