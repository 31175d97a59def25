"""Pages of quality assurance: the reviewer's queue, the review with its checklist and decision, the
coordinator's assignments, the provider's workflow buttons and the public criteria."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mimis.accounts.models import User
from mimis.accounts.permissions import is_platform_admin
from mimis.catalog import selectors as catalog_selectors
from mimis.catalog.models import IN_PROGRESS_STATUSES, MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError, NotFound, PermissionDenied, ValidationFailed
from mimis.quality import selectors, services
from mimis.quality.errors import NotAllowedToPublishCriteria, NotAReviewer
from mimis.quality.forms import ELEMENT_CHOICES, CriteriaVersionForm, DecisionForm
from mimis.quality.models import AssessmentResult, CriterionGroup, ReviewStatus


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The reviewer's open reviews (overdue marked) and, for coordinators, what waits for a reviewer."""
    bodies = selectors.coordinated_bodies(request.user)
    awaiting = []
    if bodies:
        for version in selectors.awaiting_assignment():
            awaiting.append(
                {
                    "version": version,
                    "needed": selectors.required_reviewers(version) - version.active_reviews,
                    "candidates": [
                        m for body in bodies for m in selectors.eligible_reviewers(version, qa_body=body)
                    ],
                }
            )
    return render(
        request,
        "quality/queue.html",
        {
            "reviews": list(selectors.review_queue(reviewer=request.user)),
            "recent": list(selectors.recent_reviews(reviewer=request.user)),
            "coordinates": bool(bodies),
            "awaiting": awaiting,
            "body_reviews": list(selectors.body_reviews(qa_bodies=bodies)) if bodies else [],
        },
    )


def _checklist_rows(review) -> list[dict]:  # type: ignore[no-untyped-def]
    assessed = {a.criterion_id: a for a in review.assessments.all()}
    rows = []
    for criterion in selectors.criteria_of(review.criteria_version):
        assessment = assessed.get(criterion.pk)
        rows.append(
            {
                "criterion": criterion,
                "result": assessment.result if assessment else "",
                "comment": assessment.comment if assessment else "",
                "element": assessment.element if assessment else "",
            }
        )
    return rows


@login_required
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_for(review_id=review_id, user=request.user)
    version = catalog_selectors.version_by_id(version_id=review.version_id)
    is_reviewer = review.reviewer_id == request.user.pk
    rows = _checklist_rows(review)
    groups = [
        (label, [row for row in rows if row["criterion"].group == value])
        for value, label in CriterionGroup.choices
    ]
    return render(
        request,
        "quality/review.html",
        {
            "review": review,
            "version": version,
            "microcredential": version.microcredential,
            "skills": catalog_selectors.skills_of(version),
            "groups": groups,
            "results": AssessmentResult.choices,
            "elements": ELEMENT_CHOICES,
            "can_act": is_reviewer and review.status == ReviewStatus.IN_PROGRESS,
            "can_start": is_reviewer and review.status == ReviewStatus.ASSIGNED,
            "decision_form": DecisionForm(initial={"content_hash": review.content_hash}),
            "decisions": list(selectors.decisions_of(version)),
            "assessed": sum(1 for row in rows if row["result"]),
        },
    )


@login_required
@require_POST
def start_review(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_for(review_id=review_id, user=request.user)
    try:
        services.start_review(review=review, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The review has started. Assess each criterion, then decide."))
    return redirect("quality:review", review_id=review_id)


@login_required
@require_POST
def save_checklist(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_for(review_id=review_id, user=request.user)
    assessments = []
    for criterion in selectors.criteria_of(review.criteria_version):
        result = request.POST.get(f"result-{criterion.code}", "")
        if not result:
            continue
        assessments.append(
            {
                "criterion": criterion.code,
                "result": result,
                "comment": request.POST.get(f"comment-{criterion.code}", ""),
                "element": request.POST.get(f"element-{criterion.code}", ""),
            }
        )
    try:
        if not assessments:
            raise ValidationFailed(_("Assess at least one criterion."))
        services.record_assessments(
            review=review,
            acting_user=request.user,
            assessments=assessments,
            expected_hash=request.POST.get("content_hash", ""),
        )
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The checklist is saved."))
    return redirect("quality:review", review_id=review_id)


@login_required
@require_POST
def decide(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_for(review_id=review_id, user=request.user)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give its rationale."))
        return redirect("quality:review", review_id=review_id)
    data = form.cleaned_data
    try:
        if data["outcome"] == "approved":
            services.approve(
                review=review,
                acting_user=request.user,
                rationale=data["rationale"],
                review_by=data["review_by"],
                expected_hash=data["content_hash"],
            )
        else:
            services.request_changes(
                review=review,
                acting_user=request.user,
                rationale=data["rationale"],
                expected_hash=data["content_hash"],
            )
    except MimisError as error:
        messages.error(request, error.message)
        return redirect("quality:review", review_id=review_id)
    if data["outcome"] == "approved":
        messages.success(request, _("Your approval is recorded. The provider has been told."))
    else:
        messages.success(request, _("The provider has been asked to make the changes."))
    return redirect("quality:queue")


@login_required
@require_POST
def assign(request: HttpRequest, version_id: int) -> HttpResponse:
    version = MicroCredentialVersion.objects.filter(pk=version_id).select_related("microcredential").first()
    reviewer = User.objects.filter(pk=request.POST.get("reviewer") or 0, is_active=True).first()
    if version is None:
        raise NotFound()
    try:
        if reviewer is None:
            raise NotAReviewer()
        services.assign_reviewer(version=version, reviewer=reviewer, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s reviews “%(title)s” and has been told by e-mail.")
            % {"name": reviewer.name, "title": version.title},
        )
    return redirect("quality:queue")


@login_required
@require_POST
def unassign(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_for(review_id=review_id, user=request.user)
    try:
        services.unassign_review(review=review, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The review is taken back. Assign another reviewer."))
    return redirect("quality:queue")


# --- the provider's steps ---------------------------------------------------------------------------


def _microcredential(slug: str) -> MicroCredential:
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    return microcredential


def _in_progress(microcredential: MicroCredential) -> MicroCredentialVersion:
    version = microcredential.versions.filter(status__in=IN_PROGRESS_STATUSES).order_by("-number").first()
    if version is None:
        raise NotFound()
    return version


def _provider_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    microcredential = _microcredential(slug)
    try:
        if step == "retire":
            version = microcredential.versions.filter(status=VersionStatus.PUBLISHED).first()
            if version is None:
                raise NotFound()
            services.retire_version(
                version=version, acting_user=request.user, reason=request.POST.get("reason", "")
            )
            message = _("The micro-credential is retired. Credentials already issued stay valid.")
        else:
            version = _in_progress(microcredential)
            if step == "submit" and version.status == VersionStatus.CHANGES_REQUESTED:
                services.resubmit_version(version=version, acting_user=request.user)
                message = _("Sent back to the reviewer with your changes.")
            elif step == "submit":
                services.submit_version(version=version, acting_user=request.user)
                message = _("Sent for review. You will get an e-mail when the reviewer has decided.")
            elif step == "withdraw":
                services.withdraw_version(
                    version=version, acting_user=request.user, reason=request.POST.get("reason", "")
                )
                message = _("The version is withdrawn. Start a new version to try again.")
            else:
                services.publish_version(version=version, acting_user=request.user)
                message = _("Published. It is now in the public catalogue with its quality-assurance record.")
    except (NotFound, PermissionDenied):
        raise
    except MimisError as error:
        messages.error(request, error.message)
        return redirect("catalog:edit", slug=slug, step="preview")
    messages.success(request, message)
    if step in ("publish",):
        return redirect("catalog:detail", slug=slug)
    return redirect("catalog:edit", slug=slug, step="preview")


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    return _provider_step(request, slug, "submit")


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    return _provider_step(request, slug, "withdraw")


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _provider_step(request, slug, "publish")


@login_required
@require_POST
def retire(request: HttpRequest, slug: str) -> HttpResponse:
    return _provider_step(request, slug, "retire")


# --- criteria -----------------------------------------------------------------------------------------


def criteria(request: HttpRequest) -> HttpResponse:
    """The review criteria, public: anyone can see what micro-credentials are reviewed against."""
    versions = list(selectors.criteria_versions())
    chosen = versions[0] if versions else None
    number = request.GET.get("version", "")
    if number.isdigit():
        chosen = next((v for v in versions if v.number == int(number)), None)
        if chosen is None:
            raise NotFound()
    return render(
        request,
        "quality/criteria.html",
        {
            "criteria_version": chosen,
            "versions": versions,
            "groups": [
                (label, [c for c in selectors.criteria_of(chosen) if c.group == value])
                for value, label in CriterionGroup.choices
            ]
            if chosen
            else [],
            "can_publish": is_platform_admin(request.user),
        },
    )


@login_required
def new_criteria(request: HttpRequest) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise NotAllowedToPublishCriteria()
    current = selectors.current_criteria_version()
    form = CriteriaVersionForm(request.POST or None, criteria=selectors.criteria_of(current))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.publish_criteria_version(
                acting_user=request.user, criteria=form.criteria(), notes=form.cleaned_data["notes"]
            )
        except MimisError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Criteria version %(n)d is published. New reviews use it; running reviews keep theirs.")
                % {"n": created.number},
            )
            return redirect("quality:criteria")
    return render(request, "quality/criteria_new.html", {"form": form, "current": current})
