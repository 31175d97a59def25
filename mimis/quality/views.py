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
from mimis.quality.models import AssessmentResult, CriterionGroup, Review, ReviewStatus


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


def _posted_checklist(request: HttpRequest, review: Review) -> dict[str, dict]:
    """The checklist as the page posted it, by criterion code (a criterion without a result included)."""
    return {
        criterion.code: {
            "criterion": criterion.code,
            "result": request.POST.get(f"result-{criterion.code}", ""),
            "comment": request.POST.get(f"comment-{criterion.code}", ""),
            "element": request.POST.get(f"element-{criterion.code}", ""),
        }
        for criterion in selectors.criteria_of(review.criteria_version)
    }


def _unsaved_assessments(review: Review, posted: dict[str, dict]) -> list[dict]:
    """The posted assessments that differ from what is saved: only they are saved (and audited)."""
    saved = {a.criterion.code: a for a in review.assessments.select_related("criterion")}
    changed = []
    for code, item in posted.items():
        if not item["result"]:
            continue
        current = saved.get(code)
        if current is None or (current.result, current.comment, current.element) != (
            item["result"],
            item["comment"].strip(),
            item["element"].strip(),
        ):
            changed.append(item)
    return changed


def _checklist_rows(review: Review, posted: dict[str, dict] | None = None) -> list[dict]:
    assessed = {a.criterion_id: a for a in review.assessments.all()}
    rows = []
    for criterion in selectors.criteria_of(review.criteria_version):
        assessment = assessed.get(criterion.pk)
        if posted is not None:
            values = posted[criterion.code]
        else:
            values = {
                "result": assessment.result if assessment else "",
                "comment": assessment.comment if assessment else "",
                "element": assessment.element if assessment else "",
            }
        rows.append({**values, "criterion": criterion, "error": ""})
    return rows


def _review_page(
    request: HttpRequest,
    review: Review,
    *,
    decision_form: DecisionForm | None = None,
    posted: dict[str, dict] | None = None,
    error: MimisError | None = None,
) -> HttpResponse:
    """The review page; after a refused step, with what the reviewer typed and the error at its field."""
    version = catalog_selectors.version_by_id(version_id=review.version_id)
    is_reviewer = review.reviewer_id == request.user.pk
    rows = _checklist_rows(review, posted)
    if decision_form is None:
        decision_form = DecisionForm(initial={"content_hash": review.content_hash})
    errors = []  # (message, the id of the field it is about, or "")
    if error is not None:
        field = getattr(error, "field", None) or ""
        code, _dot, part = field.partition(".")
        row = next((r for r in rows if r["criterion"].code == code), None)
        if row is not None and part in ("result", "comment", "element"):
            row["error"] = error.message
            row["error_part"] = part
            errors.append((error.message, f"{part}-{code}"))
        elif field in decision_form.fields and decision_form.is_bound:
            decision_form.add_error(field, error.message)
        elif field == "assessments":
            errors.append((error.message, "checklist-title"))
        else:
            errors.append((error.message, ""))
    if decision_form.is_bound:
        for name, messages_ in decision_form.errors.items():
            target = decision_form[name].auto_id if name in decision_form.fields else ""
            errors.extend((message, target) for message in messages_)
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
            "decision_form": decision_form,
            "errors": errors,
            "decisions": list(selectors.decisions_of(version)),
            "changes": selectors.changes_since_last_decision(review),
            "assessed": sum(1 for row in rows if row["result"]),
        },
    )


@login_required
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_page(request, selectors.review_for(review_id=review_id, user=request.user))


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


def _kept_decision(request: HttpRequest, review: Review) -> DecisionForm:
    """The decision as typed, unvalidated: saving the checklist must not lose it."""
    return DecisionForm(
        initial={
            "outcome": request.POST.get("outcome", ""),
            "rationale": request.POST.get("rationale", ""),
            "review_by": request.POST.get("review_by", ""),
            "content_hash": request.POST.get("content_hash", "") or review.content_hash,
        }
    )


@login_required
@require_POST
def save_checklist(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.review_for(review_id=review_id, user=request.user)
    posted = _posted_checklist(request, review)
    try:
        if not any(item["result"] for item in posted.values()):
            raise ValidationFailed(_("Assess at least one criterion."), field="assessments")
        changed = _unsaved_assessments(review, posted)
        if changed:
            services.record_assessments(
                review=review,
                acting_user=request.user,
                assessments=changed,
                expected_hash=request.POST.get("content_hash", ""),
            )
    except MimisError as error:
        return _review_page(
            request, review, decision_form=_kept_decision(request, review), posted=posted, error=error
        )
    messages.success(request, _("The checklist is saved."))
    if any(request.POST.get(name, "").strip() for name in ("outcome", "rationale", "review_by")):
        # The reviewer has started on the decision: show it again rather than lose it in a redirect.
        return _review_page(request, review, decision_form=_kept_decision(request, review))
    return redirect("quality:review", review_id=review_id)


@login_required
@require_POST
def decide(request: HttpRequest, review_id: int) -> HttpResponse:
    """One submit saves the checklist (what changed in it) and then records the decision.

    The checklist is saved first, in its own step, so that a refused decision never loses it; the page
    is then shown again with the decision as typed and the reason next to its field.
    """
    review = selectors.review_for(review_id=review_id, user=request.user)
    form = DecisionForm(request.POST)
    posted = _posted_checklist(request, review)
    if not any(item["result"] for item in posted.values()):
        posted = None  # the decision posted alone: the saved checklist stays as it is
    try:
        if posted is not None:
            changed = _unsaved_assessments(review, posted)
            if changed:
                services.record_assessments(
                    review=review,
                    acting_user=request.user,
                    assessments=changed,
                    expected_hash=request.POST.get("content_hash", ""),
                )
                messages.success(request, _("The checklist is saved."))
    except MimisError as error:
        return _review_page(request, review, decision_form=form, posted=posted, error=error)
    if not form.is_valid():
        return _review_page(request, review, decision_form=form, posted=posted)
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
        return _review_page(request, review, decision_form=form, posted=posted, error=error)
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
            % {"name": reviewer.name, "title": version.display_title},
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
