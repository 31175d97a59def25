"""Pages for validation: the person's "Visa vad du kan" flow, the supervisor's statement page (no
account: the link is the key) and the assessor's queue and case page. Thin: each POST calls one service."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mimis.accounts.models import Organisation
from mimis.catalog.selectors import published_version
from mimis.errors import MimisError, NotFound
from mimis.validation import drafts, selectors, services
from mimis.validation.models import Evidence, Frequency, JudgementResult
from mimis.validation.selectors import Viewer


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_visible_to(user=request.user).filter(person=request.user)
    return render(request, "validation/mine.html", {"cases": cases})


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start from a micro-credential. Without an account the answers are kept in the session (nothing is
    stored for an anonymous visitor) and attached to a case on sign-in or registration."""
    version = published_version(slug=slug)
    if request.user.is_authenticated:
        if request.method == "POST":
            case = services.start_case(version=version, person=request.user, acting_user=request.user)
            return redirect("validation:case", case_id=case.pk)
        existing = selectors.open_case(person=request.user, version=version)
        if existing is not None:
            return redirect("validation:case", case_id=existing.pk)
        return render(request, "validation/start.html", {"version": version})
    outcomes = list(version.learning_outcomes.order_by("position", "pk"))
    draft = drafts.draft_in(request.session, slug)
    saved = False
    if request.method == "POST":
        draft = drafts.save_draft(request.session, version=version, data=request.POST)
        saved = True
    answers = {a["outcome"]: a for a in (draft or {}).get("answers", [])}
    return render(
        request,
        "validation/start.html",
        {
            "version": version,
            "rows": [(o, answers.get(o.pk)) for o in outcomes],
            "frequencies": Frequency.choices,
            "saved": saved,
            "draft": draft,
        },
    )


def _case_context(request: HttpRequest, case, role) -> dict:  # type: ignore[no-untyped-def]
    outcomes = list(case.version.learning_outcomes.order_by("position", "pk"))
    answers = {a.outcome_id: a for a in case.self_assessments.all()}
    judgements = {j.outcome_id: j for j in case.judgements.all()}
    evidence = list(case.evidence.prefetch_related("outcomes").select_related("statement"))
    return {
        "case": case,
        "role": role,
        "rows": [(o, answers.get(o.pk), judgements.get(o.pk)) for o in outcomes],
        "evidence": evidence,
        "frequencies": Frequency.choices,
        "results": JudgementResult.choices,
        "gap": services.gap(case) if case.outcome else [],
        "is_preparer": role in (Viewer.PERSON, Viewer.COUNSELLOR),
        "is_assessor": role == Viewer.ASSESSOR,
        "is_case_assessor": role == Viewer.ASSESSOR and case.assessor_id == request.user.pk,
    }


def _handle_post(request: HttpRequest, case) -> None:  # type: ignore[no-untyped-def]
    action = request.POST.get("action")
    outcome_ids = request.POST.getlist("outcomes")
    user = request.user
    if action == "self_assessment":
        answers = [
            {
                "outcome": o.pk,
                "frequency": request.POST.get(f"frequency_{o.pk}"),
                "where_learned": request.POST.get(f"where_{o.pk}", ""),
            }
            for o in case.version.learning_outcomes.all()
            if request.POST.get(f"frequency_{o.pk}")
        ]
        services.save_self_assessment(
            case=case, acting_user=user, answers=answers, workplace=request.POST.get("workplace", "")
        )
        messages.success(request, _("Saved."))
    elif action == "file":
        upload = request.FILES.get("file")
        if upload is None:
            raise services.ValidationFailed(_("Choose a file."), field="file")
        services.add_file_evidence(
            case=case,
            acting_user=user,
            upload=upload,
            name=upload.name or "",
            size=upload.size or 0,
            title=request.POST.get("title", ""),
            outcomes=outcome_ids,
            dated=_date(request.POST.get("dated")),
        )
        messages.success(request, _("The file is saved."))
    elif action == "link":
        services.add_link_evidence(
            case=case,
            acting_user=user,
            url=request.POST.get("url", ""),
            title=request.POST.get("title", ""),
            outcomes=outcome_ids,
            dated=_date(request.POST.get("dated")),
        )
        messages.success(request, _("The link is saved."))
    elif action == "statement":
        services.request_statement(
            case=case,
            acting_user=user,
            email=request.POST.get("email", ""),
            title=request.POST.get("title", ""),
            outcomes=outcome_ids,
            language=request.POST.get("language", "sv"),
        )
        messages.success(request, _("We have sent an e-mail to your supervisor."))
    elif action == "submit":
        services.submit_case(case=case, acting_user=user)
        messages.success(request, _("Sent. An assessor will look at it."))
    elif action == "take":
        services.assign_assessor(case=case, assessor=user, acting_user=user)
    elif action == "demonstration":
        services.record_demonstration(
            case=case,
            acting_user=user,
            place=request.POST.get("place", ""),
            on=_date(request.POST.get("date")),
            at_other_workplace=request.POST.get("elsewhere") == "on",
        )
        messages.success(request, _("Saved."))
    elif action == "judgements":
        services.record_judgements(
            case=case,
            acting_user=user,
            judgements=[
                {
                    "outcome": o.pk,
                    "result": request.POST.get(f"result_{o.pk}"),
                    "note": request.POST.get(f"note_{o.pk}", ""),
                }
                for o in case.version.learning_outcomes.all()
                if request.POST.get(f"result_{o.pk}")
            ],
        )
        messages.success(request, _("Saved."))
    elif action == "decide":
        services.decide(case=case, acting_user=user, rationale=request.POST.get("rationale", ""))
        messages.success(request, _("Decided. The person gets an e-mail."))


@login_required
@require_http_methods(["GET", "POST"])
def case_page(request: HttpRequest, case_id: str) -> HttpResponse:
    case, role = selectors.case_for(user=request.user, case_id=case_id)
    error = None
    if request.method == "POST":
        try:
            _handle_post(request, case)
        except NotFound:
            raise
        except MimisError as exc:
            error = exc.message
        else:
            return redirect("validation:case", case_id=case.pk)
        case, role = selectors.case_for(user=request.user, case_id=case_id)
    context = _case_context(request, case, role)
    context["error"] = error
    return render(request, "validation/case.html", context, status=422 if error else 200)


@login_required
def evidence_file(request: HttpRequest, case_id: str, evidence_id: int) -> FileResponse:
    """The file, only after the permission check, always as a download: never shown inside MIMIS."""
    case, _role = selectors.case_for(user=request.user, case_id=case_id)
    evidence = Evidence.objects.filter(case=case, pk=evidence_id).exclude(file="").first()
    if evidence is None:
        raise NotFound()
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("withdraw"):
                item = request.user.validation_consents_given.filter(pk=request.POST["withdraw"]).first()
                if item is None:
                    raise NotFound()
                services.withdraw_consent(consent=item, acting_user=request.user)
            else:
                services.give_consent(
                    person=request.user,
                    counsellor_email=request.POST.get("email", ""),
                    organisation_name=request.POST.get("organisation", ""),
                    acting_user=request.user,
                )
        except NotFound:
            raise
        except MimisError as exc:
            error = exc.message
        else:
            messages.success(request, _("Saved."))
            return redirect("validation:consent")
    consents = request.user.validation_consents_given.select_related("counsellor")
    return render(request, "validation/consent.html", {"consents": consents, "error": error})


@require_http_methods(["GET", "POST"])
def statement(request: HttpRequest, token: str) -> HttpResponse:
    try:
        item = services.statement_for_token(token)
    except services.StatementLinkInvalid as exc:
        return render(request, "validation/statement_invalid.html", {"message": exc.message}, status=410)
    error = None
    if request.method == "POST":
        try:
            services.confirm_statement(
                token=token,
                name=request.POST.get("name", ""),
                role=request.POST.get("role", ""),
                organisation=request.POST.get("organisation", ""),
                observed=request.POST.get("observed", ""),
                observed_period=request.POST.get("observed_period", ""),
            )
        except services.StatementLinkInvalid as exc:
            return render(request, "validation/statement_invalid.html", {"message": exc.message}, status=410)
        except MimisError as exc:
            error = exc.message
        else:
            return render(request, "validation/statement_thanks.html")
    response = render(
        request,
        "validation/statement.html",
        {"item": item, "outcomes": item.evidence.outcomes.all(), "error": error, "form": request.POST},
        status=422 if error else 200,
    )
    response["Referrer-Policy"] = "no-referrer"  # the link is the key: never send it onwards
    return response


@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound()
    cases = selectors.assessor_queue(user=request.user, organisation=organisation)
    return render(request, "validation/queue.html", {"organisation": organisation, "cases": cases})
