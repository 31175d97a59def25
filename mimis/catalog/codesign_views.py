"""Co-design invitations: the invited organisation sees what it is asked to design and accepts or declines;
the provider withdraws an invitation. Thin: every step is a function in ``mimis.catalog.codesign``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.accounts.permissions import Capability, has_capability
from mimis.catalog import codesign
from mimis.errors import MimisError


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    """Invitations to the organisations in which the user may answer them."""
    found = list(codesign.invitations_for(user=request.user))
    return render(
        request,
        "catalog/codesign/invitations.html",
        {
            "open": [i for i in found if i.status == "invited"],
            "answered": [i for i in found if i.status != "invited"],
        },
    )


@login_required
def invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    codesigner = codesign.invitation_for(invitation_id=invitation_id, user=request.user)
    version = codesign.latest_version(codesigner)
    return render(
        request,
        "catalog/codesign/invitation.html",
        {
            "invitation": codesigner,
            "version": version,
            "can_answer": codesign.can_answer(request.user, codesigner),
            "can_accept_now": codesign.codesigners_editable(codesigner.microcredential),
            "is_provider_author": has_capability(
                request.user, Capability.AUTHOR_MICROCREDENTIALS, codesigner.microcredential.provider
            ),
        },
    )


def _answer(request: HttpRequest, invitation_id: int, step, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    codesigner = codesign.invitation_for(invitation_id=invitation_id, user=request.user)
    try:
        step(codesigner=codesigner, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("catalog:codesign_invitation", invitation_id=invitation_id)


@login_required
@require_POST
def accept(request: HttpRequest, invitation_id: int) -> HttpResponse:
    return _answer(
        request,
        invitation_id,
        codesign.accept_codesign_invitation,
        _(
            "You have accepted. Your organisation now designs this micro-credential: you can edit and comment."
        ),
    )


@login_required
@require_POST
def decline(request: HttpRequest, invitation_id: int) -> HttpResponse:
    return _answer(
        request,
        invitation_id,
        codesign.decline_codesign_invitation,
        _("You have declined. Your organisation's name is not shown with the micro-credential."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    codesigner = codesign.invitation_for(invitation_id=invitation_id, user=request.user)
    try:
        codesign.withdraw_codesigner(codesigner=codesigner, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The invitation to %(name)s is withdrawn.") % {"name": codesigner.organisation.name}
        )
    return redirect("catalog:edit", slug=codesigner.microcredential.slug, step="preview")
