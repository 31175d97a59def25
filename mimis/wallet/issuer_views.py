"""Pages for issuers and administrators: send a claim link again, register a participant."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Organisation
from mimis.accounts.permissions import Capability, is_platform_admin, require_capability
from mimis.accounts.selectors import organisation_for
from mimis.errors import MimisError, NotFound
from mimis.issuing.models import Credential
from mimis.wallet import services
from mimis.wallet.forms import ParticipantForm


@login_required
@require_POST
def resend_claim(request: HttpRequest, slug: str, credential_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    credential = get_object_or_404(Credential, pk=credential_id, organisation=organisation)
    try:
        services.resend_claim_link(credential=credential, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new link to collect the credential is sent to %(email)s; the earlier link no longer works.")
            % {"email": credential.recipient_email},
        )
    return redirect("issuer_credentials", slug=slug)


def _organisation_for_registering(request: HttpRequest, slug: str) -> Organisation:
    """Issuers and administrators of a provider, or a region administrator in their own organisation."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound()
    if (
        is_platform_admin(request.user)
        and request.user.memberships.filter(organisation=organisation).exists()
    ):
        return organisation
    require_capability(request.user, Capability.ISSUE_CREDENTIALS, organisation)
    return organisation


@login_required
def register_participant(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_for_registering(request, slug)
    form = ParticipantForm(request.POST or None, initial={"language": "sv"})
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.register_participant(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                language=form.cleaned_data["language"],
                acting_user=request.user,
                organisation=organisation,
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s has an account with the address %(email)s. A welcome e-mail lets them choose a "
                    "password; credentials issued to the address are in their wallet."
                )
                % {"name": participant.name, "email": participant.email},
            )
            return redirect("wallet:register_participant", slug=slug)
    return render(request, "wallet/register_participant.html", {"form": form, "organisation": organisation})
