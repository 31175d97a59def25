"""Pages for consent-first search: the employer's search and contact requests ("Competence needs"), the
learner's consent, who found them, requests, blocks and reports ("Paths to jobs"), and the region's reports
and suspensions. Thin: each calls one service or selector from search.py / contact.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.accounts.permissions import Capability, require_platform_admin
from mimis.accounts.selectors import organisation_for
from mimis.errors import MimisError
from mimis.matching import contact, selectors
from mimis.matching.models import ContactStatus
from mimis.matching.search import can_search, is_suspended, min_group, search_candidates, searches_that_found
from mimis.wallet import selectors as wallet_selectors
from mimis.wallet import services as wallet_services

# --- the employer ------------------------------------------------------------------------------------


@login_required
def candidates(request: HttpRequest, slug: str, profile_id: int) -> HttpResponse:
    """GET: what a search shows and why; POST: search now (each search is recorded and the people listed
    are told)."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.VIEW_ORGANISATION)
    profile = selectors.profile_for(viewer=request.user, profile_id=profile_id)
    result, error = None, None
    if request.method == "POST":
        try:
            result = search_candidates(
                organisation=organisation, acting_user=request.user, profile_id=profile.pk
            )
        except MimisError as failure:
            error = failure.message
    return render(
        request,
        "matching/candidates.html",
        {
            "organisation": organisation,
            "profile": profile,
            "result": result,
            "error": error,
            "can_search": can_search(request.user, organisation),
            "suspended": is_suspended(organisation),
            "k": min_group(),
        },
    )


@login_required
def sent_requests(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's contact requests; POST sends one to a candidate of a search."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.VIEW_ORGANISATION)
    if request.method == "POST":
        try:
            sent = contact.send_contact_request(
                organisation=organisation,
                acting_user=request.user,
                search_id=request.POST.get("search"),
                pseudonym=request.POST.get("candidate", ""),
                message=request.POST.get("message", ""),
                contact=request.POST.get("contact", ""),
            )
        except MimisError as failure:
            messages.error(request, failure.message)
        else:
            messages.success(
                request,
                _("The request is sent. You see the answer here.")
                if sent.created
                else _("You had already sent this person a request from this search: nothing new was sent."),
            )
        return redirect("matching:sent_requests", slug=organisation.slug)
    return render(
        request,
        "matching/sent_requests.html",
        {
            "organisation": organisation,
            "requests": contact.requests_of_organisation(organisation=organisation),
        },
    )


# --- the learner -------------------------------------------------------------------------------------


@login_required
def findable(request: HttpRequest) -> HttpResponse:
    """Consent, who found me, contact requests, blocked organisations and reports, on one page."""
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "consent":
                wallet_services.set_findable_by_skills(
                    user=user, findable=request.POST.get("findable") == "on"
                )
                messages.success(request, _("Your choice is saved."))
            elif action == "accept":
                contact.accept_contact_request(
                    learner=user,
                    request_id=request.POST.get("request"),
                    share_name=request.POST.get("share_name") == "on",
                    share_email=request.POST.get("share_email") == "on",
                    phone=request.POST.get("phone", ""),
                )
                messages.success(request, _("You said yes. The employer now sees what you chose to share."))
            elif action == "decline":
                contact.decline_contact_request(learner=user, request_id=request.POST.get("request"))
                messages.success(request, _("You said no. The employer is told that you declined."))
            elif action == "block":
                contact.block_organisation(learner=user, organisation_id=request.POST.get("organisation"))
                messages.success(request, _("The organisation is blocked: it will not find or contact you."))
            elif action == "unblock":
                contact.unblock_organisation(learner=user, organisation_id=request.POST.get("organisation"))
                messages.success(request, _("The block is lifted."))
            elif action == "report":
                contact.report_abuse(
                    learner=user,
                    organisation_id=request.POST.get("organisation"),
                    text=request.POST.get("text", ""),
                    request_id=request.POST.get("request") or None,
                )
                messages.success(request, _("Thank you. Region Skåne reads every report."))
        except MimisError as failure:
            messages.error(request, failure.message)
        return redirect("matching:findable")
    requests = list(contact.requests_of_learner(learner=user))
    return render(
        request,
        "matching/findable.html",
        {
            "is_findable": wallet_selectors.privacy_of(user=user).findable_by_skills,
            "found": list(searches_that_found(learner=user)[:100]),
            "pending": [r for r in requests if r.status == ContactStatus.PENDING],
            "answered": [r for r in requests if r.status != ContactStatus.PENDING],
            "blocked": list(contact.blocked_organisations(learner=user)),
            "organisations": contact.organisations_that_contacted_or_found(learner=user),
            "k": min_group(),
        },
    )


# --- the region --------------------------------------------------------------------------------------


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    return render(
        request,
        "matching/reports.html",
        {"reports": contact.abuse_reports()[:200], "suspensions": contact.suspensions()},
    )


@login_required
@require_POST
def suspend(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    try:
        if request.POST.get("action") == "lift":
            contact.lift_suspension(
                organisation_id=request.POST.get("organisation"), acting_user=request.user
            )
            messages.success(request, _("The organisation can search again."))
        else:
            contact.suspend_organisation(
                organisation_id=request.POST.get("organisation"),
                reason=request.POST.get("reason", ""),
                acting_user=request.user,
            )
            messages.success(request, _("The organisation's access to candidate search is turned off."))
    except MimisError as failure:
        messages.error(request, failure.message)
    return redirect("matching:reports")
