"""Pages for an organisation's signing keys: list, rotate, and mark one compromised (which re-issues)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Organisation
from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import organisation_for
from mimis.errors import MimisError
from mimis.issuing import keys, reissue
from mimis.issuing.models import IssuerKey, KeyAlgorithm, KeyStatus


class CompromiseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: the key is revoked for good and its credentials are replaced."),
        error_messages={"required": gettext_lazy("Tick the box to confirm that the key is compromised.")},
    )


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    return organisation_for(user=request.user, slug=slug, capability=Capability.MANAGE_ISSUER_KEYS)


def _algorithms(key_list: list[IssuerKey]) -> list[dict[str, object]]:
    """Each signing algorithm with its active key (None if it has none yet)."""
    return [
        {
            "value": algorithm.value,
            "label": algorithm.label,
            "active": next(
                (k for k in key_list if k.algorithm == algorithm and k.status == KeyStatus.ACTIVE), None
            ),
        }
        for algorithm in keys.SIGNING_ALGORITHMS
    ]


def _with_job(key: IssuerKey) -> IssuerKey:
    """The key with its re-issue job (or None) and whether that may be started again, for the templates."""
    key.job = reissue.job_of(key)  # type: ignore[attr-defined]
    key.can_continue = reissue.can_continue(key, key.to_reissue_count)  # type: ignore[attr-defined]
    return key


@login_required
@require_http_methods(["GET", "POST"])
def key_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The keys, what each signed, and the actions: create, rotate, mark compromised."""
    organisation = _organisation(request, slug)
    if request.method == "POST":
        try:
            created = keys.ensure_issuer_keys(organisation=organisation, acting_user=request.user)
        except MimisError as error:
            messages.error(request, error.message)
        else:
            if created:
                messages.success(request, _("The signing keys are created."))
        return redirect("issuer_keys", slug=slug)
    key_list = [_with_job(key) for key in keys.keys_of(organisation=organisation)]
    return render(
        request,
        "issuing/keys.html",
        {
            "organisation": organisation,
            "keys": key_list,
            "compromised": [key for key in key_list if key.status == KeyStatus.COMPROMISED],
            "algorithms": _algorithms(key_list),
            "did": keys.issuer_did(organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rotate(request: HttpRequest, slug: str, algorithm: str) -> HttpResponse:
    """Confirm, then a new key signs from now on; the old one still verifies what it signed."""
    organisation = _organisation(request, slug)
    if algorithm not in keys.SIGNING_ALGORITHMS:
        raise Http404
    current = IssuerKey.objects.filter(
        organisation=organisation, algorithm=algorithm, status=KeyStatus.ACTIVE
    ).first()
    if request.method == "POST":
        try:
            key = keys.rotate_key(organisation=organisation, algorithm=algorithm, acting_user=request.user)
        except MimisError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The new key %(key)s signs from now on. Credentials signed earlier still verify.")
                % {"key": key.key_id},
            )
            return redirect("issuer_keys", slug=slug)
    return render(
        request,
        "issuing/key_rotate.html",
        {"organisation": organisation, "algorithm": KeyAlgorithm(algorithm), "current": current},
    )


@login_required
@require_http_methods(["GET", "POST"])
def compromise(request: HttpRequest, slug: str, key_id: str) -> HttpResponse:
    """Explain what happens, ask for confirmation, then revoke the key and re-issue in one action."""
    organisation = _organisation(request, slug)
    key = keys.key_of(organisation=organisation, key_id=key_id)
    if key.status == KeyStatus.COMPROMISED:
        return redirect("issuer_keys", slug=slug)
    form = CompromiseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = reissue.compromise_key(key=key, acting_user=request.user)
        except MimisError as error:
            add_service_error(form, error)
        else:
            if job.total:
                text = ngettext(
                    "The key %(key)s is revoked. %(count)d credential is being re-issued with a new key; "
                    "its holder gets an e-mail.",
                    "The key %(key)s is revoked. %(count)d credentials are being re-issued with a new key; "
                    "their holders get an e-mail.",
                    job.total,
                )
            else:
                text = _("The key %(key)s is revoked. It signed nothing that needs re-issuing.")
            messages.success(request, text % {"key": key.key_id, "count": job.total})
            return redirect("issuer_keys", slug=slug)
    return render(
        request,
        "issuing/key_compromise.html",
        {"organisation": organisation, "key": key, "form": form, "is_active": key.status == KeyStatus.ACTIVE},
    )


@login_required
@require_POST
def continue_reissue(request: HttpRequest, slug: str, key_id: str) -> HttpResponse:
    """Start the re-issue of a compromised key again after it stopped or lost its worker."""
    organisation = _organisation(request, slug)
    key = keys.key_of(organisation=organisation, key_id=key_id)
    try:
        reissue.start_reissue(key=key, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Re-issuing has started again where it stopped."))
    return redirect("issuer_keys", slug=slug)


@login_required
def reissue_progress(request: HttpRequest, slug: str, key_id: str) -> HttpResponse:
    """The re-issue progress of one compromised key alone, for htmx to poll while it runs."""
    organisation = _organisation(request, slug)
    key = _with_job(keys.key_of(organisation=organisation, key_id=key_id))
    return render(request, "issuing/_key_reissue.html", {"organisation": organisation, "key": key})
