"""The guided authoring pages: basics → learning outcomes and skills → assessment and QA → stacking → preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Organisation
from mimis.accounts.permissions import Capability, has_capability, is_platform_admin
from mimis.accounts.selectors import organisation_for
from mimis.catalog import codesign, selectors, services
from mimis.catalog.authoring_forms import AssessmentForm, BasicsForm, StackingForm
from mimis.catalog.models import MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError, NotFound
from mimis.taxonomy.models import Scheme
from mimis.taxonomy.selectors import search_concepts

STEPS = [
    ("basics", gettext_lazy("Basics")),
    ("outcomes", gettext_lazy("Learning outcomes and skills")),
    ("assessment", gettext_lazy("Assessment and quality")),
    ("stacking", gettext_lazy("Stacking and more")),
    ("preview", gettext_lazy("Preview")),
]
STEP_FORMS = {"basics": BasicsForm, "assessment": AssessmentForm, "stacking": StackingForm}


def _microcredential_for_author(
    request: HttpRequest, slug: str, *, region_may_read: bool = False
) -> MicroCredential:
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    # The region reads drafts to publish them (until the quality-assurance workflow takes over).
    if not (region_may_read and is_platform_admin(request.user)):
        services.require_author(request.user, microcredential)
    return microcredential


def _latest(microcredential: MicroCredential) -> MicroCredentialVersion:
    return selectors.version_by_id(version_id=microcredential.versions.order_by("-number").first().pk)


@login_required
def organisation_microcredentials(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(
        user=request.user, slug=slug, capability=Capability.AUTHOR_MICROCREDENTIALS
    )
    rows = []
    for microcredential in selectors.microcredentials_of(provider_id=organisation.pk):
        versions = sorted(microcredential.versions.all(), key=lambda v: -v.number)
        rows.append({"microcredential": microcredential, "latest": versions[0]})
    return render(request, "catalog/authoring/list.html", {"organisation": organisation, "rows": rows})


@login_required
def create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(
        user=request.user, slug=slug, capability=Capability.AUTHOR_MICROCREDENTIALS
    )
    form = BasicsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_microcredential(
                provider=organisation, acting_user=request.user, **form.cleaned_data
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The draft is saved. Continue with the learning outcomes."))
            return redirect("catalog:edit", slug=version.microcredential.slug, step="outcomes")
    return render(
        request,
        "catalog/authoring/step.html",
        {
            "organisation": organisation,
            "form": form,
            "steps": STEPS,
            "step": "basics",
            "creating": True,
        },
    )


def _initial(version: MicroCredentialVersion, form_class: type) -> dict:
    initial = {}
    for name in form_class.base_fields:
        value = getattr(version, name)
        if name in ("sectors", "occupations"):
            value = [c.pk for c in value.all()]
        initial[name] = value
    return initial


@login_required
def edit(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug, region_may_read=step == "preview")
    version = _latest(microcredential)
    if step not in dict(STEPS):
        raise NotFound()
    if step == "preview":
        return _preview(request, version)
    if not version.is_editable:
        messages.info(request, _("This version is published. Start a new version to make changes."))
        return redirect("catalog:edit", slug=slug, step="preview")
    if step == "outcomes":
        return _outcomes(request, version)
    form_class = STEP_FORMS[step]
    form = form_class(request.POST or None, initial=_initial(version, form_class))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(version=version, acting_user=request.user, **form.cleaned_data)
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("catalog:edit", slug=slug, step=_next_step(step, request))
    return render(
        request,
        "catalog/authoring/step.html",
        {
            "microcredential": microcredential,
            "version": version,
            "form": form,
            "steps": STEPS,
            "step": step,
            "missing": services.missing_elements(version),
        },
    )


def _next_step(step: str, request: HttpRequest) -> str:
    if "stay" in request.POST:
        return step
    names = [name for name, _label in STEPS]
    return names[min(names.index(step) + 1, len(names) - 1)]


def _outcomes(request: HttpRequest, version: MicroCredentialVersion) -> HttpResponse:
    error = None
    if request.method == "POST":
        outcomes = []
        texts = request.POST.getlist("text")
        texts_en = request.POST.getlist("text_en")
        for index, text in enumerate(texts):
            skills = request.POST.getlist(f"skills-{index}")
            if (
                not text.strip()
                and not skills
                and not (texts_en[index] if index < len(texts_en) else "").strip()
            ):
                continue  # an untouched empty row
            outcomes.append(
                {"text": text, "text_en": texts_en[index] if index < len(texts_en) else "", "skills": skills}
            )
        try:
            services.set_learning_outcomes(version=version, acting_user=request.user, outcomes=outcomes)
        except MimisError as exc:
            error = exc.message
        else:
            messages.success(request, _("The learning outcomes are saved."))
            return redirect(
                "catalog:edit", slug=version.microcredential.slug, step=_next_step("outcomes", request)
            )
        rows = [{"text": o["text"], "text_en": o["text_en"], "skills": []} for o in outcomes]
    else:
        rows = [
            {"text": o.text, "text_en": o.text_en, "skills": list(o.skills.all())}
            for o in version.learning_outcomes.all()
        ]
    rows.append({"text": "", "text_en": "", "skills": []})
    return render(
        request,
        "catalog/authoring/outcomes.html",
        {
            "microcredential": version.microcredential,
            "version": version,
            "rows": rows,
            "steps": STEPS,
            "step": "outcomes",
            "error": error,
            "missing": services.missing_elements(version),
        },
    )


def _preview(request: HttpRequest, version: MicroCredentialVersion) -> HttpResponse:
    microcredential = version.microcredential
    is_provider_author = has_capability(
        request.user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider
    )
    candidates = []
    if is_provider_author:
        taken = {microcredential.provider_id, *microcredential.co_designers.values_list("pk", flat=True)}
        approved = Organisation.objects.filter(status="approved", kind__in=codesign.CO_DESIGNER_KINDS)
        candidates = [o for o in approved.order_by("name") if o.pk not in taken]
    return render(
        request,
        "catalog/authoring/preview.html",
        {
            "microcredential": microcredential,
            "version": version,
            "steps": STEPS,
            "step": "preview",
            "missing": services.missing_elements(version) if version.is_editable else [],
            "can_publish": version.is_editable and is_platform_admin(request.user),
            "skills": selectors.skills_of(version),
            "is_provider_author": is_provider_author,
            "codesigner_candidates": candidates,
            "codesigners": list(microcredential.co_designers.all()),
            "comments": list(version.comments.select_related("author", "organisation")),
        },
    )


@login_required
def skill_picker(request: HttpRequest) -> HttpResponse:
    """htmx: skills matching what the author types, as checkboxes for learning outcome ``row``."""
    row = request.GET.get("row", "0")
    if not row.isdigit():
        raise NotFound()
    query = request.GET.get(f"q-{row}", request.GET.get("q", ""))
    concepts = search_concepts(query=query, scheme=Scheme.SKILL, limit=12) if len(query.strip()) >= 2 else []
    return render(
        request, "catalog/authoring/_skill_choices.html", {"concepts": concepts, "row": row, "query": query}
    )


@login_required
@require_POST
def start_new_version(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug)
    try:
        services.start_new_version(microcredential=microcredential, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new draft version is started. The published version stays as it is."))
    return redirect("catalog:edit", slug=slug, step="basics")


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = MicroCredential.objects.filter(slug=slug).first()
    draft = microcredential.versions.filter(status=VersionStatus.DRAFT).first() if microcredential else None
    if draft is None:
        raise NotFound()
    try:
        services.publish_version(version=draft, acting_user=request.user)
    except MimisError as error:
        messages.error(request, error.message)
        return redirect("catalog:edit", slug=slug, step="preview")
    messages.success(request, _("Published. It is now in the public catalogue."))
    return redirect(reverse("catalog:detail", args=[slug]))


@login_required
@require_POST
def add_codesigner(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug)
    organisation = Organisation.objects.filter(slug=request.POST.get("organisation", "")).first()
    try:
        if organisation is None:
            raise NotFound(_("Choose an organisation from the list."))
        codesign.add_codesigner(
            microcredential=microcredential, organisation=organisation, acting_user=request.user
        )
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s can now edit and comment.") % {"name": organisation.name})
    return redirect("catalog:edit", slug=slug, step="preview")


@login_required
@require_POST
def remove_codesigner(request: HttpRequest, slug: str, organisation_slug: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug)
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        raise NotFound()
    try:
        codesign.remove_codesigner(
            microcredential=microcredential, organisation=organisation, acting_user=request.user
        )
    except MimisError as error:
        messages.error(request, error.message)
    return redirect("catalog:edit", slug=slug, step="preview")


@login_required
@require_POST
def add_comment(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug)
    draft = microcredential.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        raise NotFound()
    try:
        codesign.add_comment(
            version=draft,
            acting_user=request.user,
            text=request.POST.get("text", ""),
            element=request.POST.get("element", ""),
        )
    except MimisError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your comment is saved."))
    return redirect("catalog:edit", slug=slug, step="preview")
