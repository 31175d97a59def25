"""The guided authoring pages: basics → learning outcomes and skills → assessment and QA → stacking → preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Organisation
from mimis.accounts.permissions import Capability, has_capability
from mimis.accounts.selectors import organisation_for
from mimis.catalog import codesign, occasions, pathways, selectors, services
from mimis.catalog.authoring_forms import (
    PICKER_SCHEMES,
    AssessmentForm,
    BasicsForm,
    OccasionForm,
    PathwayForm,
    StackingForm,
)
from mimis.catalog.level_services import can_record_level_decision
from mimis.catalog.models import (
    EDITABLE_STATUSES,
    CoDesignerStatus,
    MicroCredential,
    MicroCredentialVersion,
    OutcomeDomain,
    Pathway,
    PathwayRule,
    VersionStatus,
)
from mimis.errors import MimisError, NotFound
from mimis.quality import selectors as quality_selectors
from mimis.quality.forms import element_label
from mimis.quality.models import OPEN_REVIEW_STATUSES
from mimis.skills import presenting as skills_presenting
from mimis.skills.views import suggest_for, suggestions_response
from mimis.taxonomy.models import Concept, Scheme
from mimis.taxonomy.selectors import search_concepts

STEPS = [
    ("basics", gettext_lazy("Basics")),
    ("outcomes", gettext_lazy("Learning outcomes and skills")),
    ("assessment", gettext_lazy("Assessment and quality")),
    ("stacking", gettext_lazy("Stacking and more")),
    ("preview", gettext_lazy("Preview")),
]
STEP_FORMS = {"basics": BasicsForm, "assessment": AssessmentForm, "stacking": StackingForm}


def _microcredential_for_author(request: HttpRequest, slug: str) -> MicroCredential:
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    services.require_author(request.user, microcredential)
    return microcredential


# Which authoring step edits each element, so that a reviewer's comment can link to it.
ELEMENT_STEPS = {
    "learning_outcomes": "outcomes",
    **{name: step for step, form in STEP_FORMS.items() for name in form.base_fields},
}


def _requested_changes(version: MicroCredentialVersion) -> list[dict]:
    """The reviewer's comments on the version, each with the element's name and the step that edits it."""
    changes = []
    for item in quality_selectors.requested_changes(version):
        element = item.get("element", "")
        changes.append(
            {
                **item,
                "criterion_label": item["title_en"]
                if translation.get_language() == "en" and item.get("title_en")
                else item["title"],
                "element_label": element_label(element) if element else "",
                "step": ELEMENT_STEPS.get(element, "preview"),
            }
        )
    return changes


def _note_reviewer_comments(form: object, version: MicroCredentialVersion) -> list[dict]:
    """Put each comment next to the field it is about (as its help text); return those of this form."""
    if version.status != VersionStatus.CHANGES_REQUESTED:
        return []
    shown = []
    for change in _requested_changes(version):
        field = form.fields.get(change["element"]) if change["element"] else None  # type: ignore[attr-defined]
        if field is not None:
            note = _("Reviewer: %(comment)s") % {"comment": change["comment"]}
            field.help_text = f"{note} {field.help_text or ''}".strip()
            shown.append(change)
    return shown


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
    open_invitations = (
        codesign.invitations_for(user=request.user)
        .filter(organisation=organisation, status=CoDesignerStatus.INVITED)
        .count()
    )
    return render(
        request,
        "catalog/authoring/list.html",
        {"organisation": organisation, "rows": rows, "open_invitations": open_invitations},
    )


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


def _not_editable_message(version: MicroCredentialVersion) -> str:
    """Why the version cannot be edited, and what the provider can do instead."""
    if version.status in (VersionStatus.SUBMITTED, VersionStatus.IN_REVIEW):
        return _(
            "This version is with the reviewer and cannot be changed now. Wait for the decision: if the "
            "reviewer asks for changes, you can edit it again. To change it now, withdraw the version below "
            "and start a new one."
        )
    if version.status == VersionStatus.APPROVED:
        return _(
            "This version is approved and cannot be changed. Publish it, or withdraw it below and start a "
            "new version to make changes."
        )
    return _("This version cannot be changed (%(status)s). Start a new version to make changes.") % {
        "status": version.get_status_display().lower()
    }


@login_required
def edit(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug)
    version = _latest(microcredential)
    if step not in dict(STEPS):
        raise NotFound()
    if step == "preview":
        return _preview(request, version)
    if not version.is_editable:
        messages.info(request, _not_editable_message(version))
        return redirect("catalog:edit", slug=slug, step="preview")
    if step == "outcomes":
        return _outcomes(request, version)
    form_class = STEP_FORMS[step]
    form = form_class(request.POST or None, initial=_initial(version, form_class))
    if isinstance(form, BasicsForm):
        form.exclude_from_similar(microcredential.pk)
    reviewer_notes = _note_reviewer_comments(form, version)
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
            "reviewer_notes": reviewer_notes,
            "similar": _similar_to(version) if step == "basics" else [],
        },
    )


def _next_step(step: str, request: HttpRequest) -> str:
    if "stay" in request.POST:
        return step
    names = [name for name, _label in STEPS]
    return names[min(names.index(step) + 1, len(names) - 1)]


def _suggestion_prefix(index: int) -> str:
    """Names of learning outcome ``index``'s yes/no choices on suggested skills: ``suggestion-<index>-<id>``."""
    return f"suggestion-{index}-"


def _posted_outcomes(request: HttpRequest) -> list[dict]:
    """Every row as sent, with its ticked skills and the suggested skills the author said yes to."""
    texts = request.POST.getlist("text")
    texts_en = request.POST.getlist("text_en")
    rows = []
    for index, text in enumerate(texts):
        skills = [value for value in request.POST.getlist(f"skills-{index}") if value.isdigit()]
        verdicts = skills_presenting.verdicts(request.POST, _suggestion_prefix(index))
        for skill_id, verdict in verdicts.items():
            if verdict == skills_presenting.ACCEPT and str(skill_id) not in skills:
                skills.append(str(skill_id))
        rows.append(
            {
                "index": index,
                "text": text,
                "text_en": texts_en[index] if index < len(texts_en) else "",
                "domain": request.POST.get(f"domain-{index}", ""),
                "skills": skills,
                "rejected": {pk for pk, verdict in verdicts.items() if verdict == skills_presenting.REJECT},
            }
        )
    return rows


def _outcomes(request: HttpRequest, version: MicroCredentialVersion) -> HttpResponse:
    error = None
    suggest_row: int | None = None
    if request.method == "POST":
        posted = _posted_outcomes(request)
        # An untouched empty row is left out, unless it is the one the author asks suggestions for.
        suggest = request.POST.get("suggest", "")
        wanted = int(suggest) if suggest.isdigit() else None
        outcomes = [
            row
            for row in posted
            if row["text"].strip() or row["skills"] or row["text_en"].strip() or row["index"] == wanted
        ]
        if wanted is not None:
            # Without JavaScript: show the suggestions for one row; nothing is saved, nothing typed is lost.
            suggest_row = next((n for n, row in enumerate(outcomes) if row["index"] == wanted), None)
        else:
            try:
                services.set_learning_outcomes(
                    version=version,
                    acting_user=request.user,
                    outcomes=[
                        {
                            "text": row["text"],
                            "text_en": row["text_en"],
                            "domain": row["domain"],
                            "skills": row["skills"],
                        }
                        for row in outcomes
                    ],
                )
            except MimisError as exc:
                error = exc.message
            else:
                messages.success(request, _("The learning outcomes are saved."))
                return redirect(
                    "catalog:edit", slug=version.microcredential.slug, step=_next_step("outcomes", request)
                )
        chosen = Concept.objects.in_bulk(
            {int(pk) for row in outcomes for pk in row["skills"]}, field_name="pk"
        )
        rows = [
            {
                "text": row["text"],
                "text_en": row["text_en"],
                "domain": row["domain"],
                "skills": [chosen[int(pk)] for pk in row["skills"] if int(pk) in chosen],
                "rejected": row["rejected"],
            }
            for row in outcomes
        ]
    else:
        rows = [
            {"text": o.text, "text_en": o.text_en, "domain": o.domain, "skills": list(o.skills.all())}
            for o in version.learning_outcomes.all()
        ]
    if not rows or rows[-1]["text"].strip() or rows[-1]["text_en"].strip() or rows[-1]["skills"]:
        rows.append({"text": "", "text_en": "", "domain": "", "skills": []})
    if suggest_row is not None:
        row = rows[suggest_row]
        # Skills already added, and those the author said no to, are not suggested again.
        found, suggest_error = suggest_for(
            request, row["text"], exclude={skill.pk for skill in row["skills"]} | row["rejected"]
        )
        row.update(
            {
                "suggestions": found,
                "suggest_error": suggest_error,
                "searched": True,
                "prefix": _suggestion_prefix(suggest_row),
                "text_id": f"text-{suggest_row}",
            }
        )
    return render(
        request,
        "catalog/authoring/outcomes.html",
        {
            "microcredential": version.microcredential,
            "version": version,
            "rows": rows,
            "domains": OutcomeDomain.choices,
            "steps": STEPS,
            "step": "outcomes",
            "error": error,
            "similar": _similar_to(version),
            "missing": services.missing_elements(version),
            "reviewer_notes": [c for c in _requested_changes(version) if c["element"] == "learning_outcomes"]
            if version.status == VersionStatus.CHANGES_REQUESTED
            else [],
        },
    )


@login_required
@require_POST
def suggest_outcome_skills(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx: skills suggested from learning outcome ``row``'s text, for its author to say yes or no to.

    The outcomes form is sent whole (htmx includes the enclosing form); skills already ticked for the row
    are not suggested again. Nothing is saved: a "yes" joins the row's skills when the form is saved.
    """
    microcredential = _microcredential_for_author(request, slug)
    if not _latest(microcredential).is_editable:
        raise NotFound()
    row = request.GET.get("row", "")
    texts = request.POST.getlist("text")
    if not row.isdigit() or int(row) >= len(texts):
        raise NotFound()
    index = int(row)
    ticked = {int(value) for value in request.POST.getlist(f"skills-{index}") if value.isdigit()}
    return suggestions_response(
        request,
        text=texts[index],
        prefix=_suggestion_prefix(index),
        exclude=ticked,
        accept_label=_("Yes, add it"),
        reject_label=_("No"),
        text_id=f"text-{index}",
    )


def _preview(request: HttpRequest, version: MicroCredentialVersion) -> HttpResponse:
    microcredential = version.microcredential
    is_provider_author = has_capability(
        request.user, Capability.AUTHOR_MICROCREDENTIALS, microcredential.provider
    )
    candidates = []
    invitations = []
    if is_provider_author:
        invitations = [
            i
            for i in codesign.invitations_of(microcredential=microcredential)
            if i.status in (CoDesignerStatus.INVITED, CoDesignerStatus.DECLINED)
        ]
    if is_provider_author and version.is_editable:
        taken = {
            microcredential.provider_id,
            *microcredential.codesigner_set.filter(status__in=codesign.PENDING_OR_ACCEPTED).values_list(
                "organisation_id", flat=True
            ),
        }
        approved = Organisation.objects.filter(status="approved", kind__in=codesign.CO_DESIGNER_KINDS)
        candidates = [o for o in approved.order_by("name") if o.pk not in taken]
    comments = list(version.comments.select_related("author", "organisation"))
    for comment in comments:
        comment.element_label = element_label(comment.element) if comment.element else ""
    return render(
        request,
        "catalog/authoring/preview.html",
        {
            "microcredential": microcredential,
            "version": version,
            "steps": STEPS,
            "step": "preview",
            "missing": services.missing_elements(version) if version.is_editable else [],
            "workflow": _workflow(request, version, is_provider_author),
            "skills": selectors.skills_of(version),
            "similar": _similar_to(version) if version.is_editable else [],
            "is_provider_author": is_provider_author,
            "can_record_level_decision": can_record_level_decision(request.user, microcredential),
            "codesigner_candidates": candidates,
            "codesigners_editable": version.is_editable,
            "codesigners": list(microcredential.accepted_co_designers),
            "codesign_invitations": invitations,
            "comments": comments,
        },
    )


def _status_note(version: MicroCredentialVersion) -> str:
    """What the status means for the provider now (the reviewers and due dates only while in review)."""
    if version.status == VersionStatus.CHANGES_REQUESTED:
        return _("waiting for your changes")
    if version.status == VersionStatus.APPROVED:
        return _("ready to publish")
    if version.status == VersionStatus.PUBLISHED and version.review_by:
        return _("next review by %(date)s") % {"date": date_format(version.review_by, "DATE_FORMAT")}
    return ""


def _workflow(request: HttpRequest, version: MicroCredentialVersion, is_provider_author: bool) -> dict:
    """Where the version stands in quality assurance and what the provider can do next."""
    status = version.status
    in_review = status in (VersionStatus.SUBMITTED, VersionStatus.IN_REVIEW)
    published = version.microcredential.versions.filter(status=VersionStatus.PUBLISHED).first()
    return {
        "can_submit": is_provider_author and status in (VersionStatus.DRAFT, VersionStatus.CHANGES_REQUESTED),
        "resubmitting": status == VersionStatus.CHANGES_REQUESTED,
        "can_withdraw": is_provider_author
        and status
        in (
            VersionStatus.SUBMITTED,
            VersionStatus.IN_REVIEW,
            VersionStatus.CHANGES_REQUESTED,
            VersionStatus.APPROVED,
        ),
        "can_publish": is_provider_author and status == VersionStatus.APPROVED,
        "can_retire": is_provider_author and published is not None,
        "published": published,
        "status_note": _status_note(version),
        "reviews": [
            review
            for review in quality_selectors.open_reviews_of(version)
            if in_review and review.status in OPEN_REVIEW_STATUSES
        ],
        "decisions": list(quality_selectors.decisions_of(version)),
        "requested_changes": _requested_changes(version) if status == VersionStatus.CHANGES_REQUESTED else [],
        "qa_record": quality_selectors.qa_record(version),
    }


@login_required
def skill_picker(request: HttpRequest) -> HttpResponse:
    """htmx: skills matching what the author types, as checkboxes for learning outcome ``row``."""
    row = request.GET.get("row", "0")
    if not row.isdigit():
        raise NotFound()
    query = request.GET.get(f"q-{row}", request.GET.get("q", ""))
    # Skills ticked in the previous results come back ticked: a new search must not drop them.
    ticked_ids = [value for value in request.GET.getlist(f"skills-{row}") if value.isdigit()]
    ticked = list(Concept.objects.filter(pk__in=ticked_ids, scheme=Scheme.SKILL))
    concepts = search_concepts(query=query, scheme=Scheme.SKILL, limit=12) if len(query.strip()) >= 2 else []
    concepts = [concept for concept in concepts if concept.pk not in {c.pk for c in ticked}]
    return render(
        request,
        "catalog/authoring/_skill_choices.html",
        {"concepts": concepts, "ticked": ticked, "row": row, "query": query},
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
        messages.success(
            request,
            _("%(name)s is invited and gets an e-mail. They can edit and comment once they accept.")
            % {"name": organisation.name},
        )
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
    else:
        messages.success(
            request,
            _("%(name)s no longer designs this micro-credential.") % {"name": organisation.name},
        )
    return redirect("catalog:edit", slug=slug, step="preview")


@login_required
@require_POST
def add_comment(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential_for_author(request, slug)
    draft = microcredential.versions.filter(status__in=EDITABLE_STATUSES).first()
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


@login_required
def occasions_page(request: HttpRequest, slug: str, occasion_id: int | None = None) -> HttpResponse:
    """The provider's list of course occasions, with a form to add one or change the one chosen."""
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    occasions.require_occasion_editor(request.user, microcredential)
    editing = (
        occasions.occasion_of(microcredential=microcredential, occasion_id=occasion_id)
        if occasion_id is not None
        else None
    )
    initial = {name: getattr(editing, name) for name in occasions.FIELDS} if editing else {"language": "sv"}
    form = OccasionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if editing is None:
                occasions.create_occasion(
                    microcredential=microcredential, acting_user=request.user, **form.cleaned_data
                )
            else:
                occasions.update_occasion(occasion=editing, acting_user=request.user, **form.cleaned_data)
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The course occasion is saved."))
            return redirect("catalog:occasions", slug=slug)
    return render(
        request,
        "catalog/authoring/occasions.html",
        {
            "microcredential": microcredential,
            "version": _latest(microcredential),
            "occasions": occasions.occasions_of(microcredential=microcredential),
            "form": form,
            "editing": editing,
        },
    )


@login_required
@require_POST
def delete_occasion(request: HttpRequest, slug: str, occasion_id: int) -> HttpResponse:
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    occasions.require_occasion_editor(request.user, microcredential)
    occasion = occasions.occasion_of(microcredential=microcredential, occasion_id=occasion_id)
    occasions.delete_occasion(occasion=occasion, acting_user=request.user)
    messages.success(request, _("The course occasion is removed."))
    return redirect("catalog:occasions", slug=slug)


def _pathway_form_page(request: HttpRequest, *, owner: Organisation, pathway: Pathway | None) -> HttpResponse:
    """Create (``pathway`` None) or change a pathway; micro-credentials ticked, with an order number each."""
    choices = pathways.pathway_choices()
    if pathway is not None:
        initial = {
            "title": pathway.title,
            "title_en": pathway.title_en,
            "description": pathway.description,
            "rule": pathway.rule,
            "required_count": pathway.required_count,
            "target_occupation": pathway.target_occupation_id,
        }
        chosen = {s.microcredential.slug: s.position + 1 for s in pathway.steps.all()}
    else:
        initial, chosen = {"rule": PathwayRule.ALL_OF}, {}
    form = PathwayForm(request.POST or None, initial=initial)
    if request.method == "POST":
        ticked = [slug for slug in request.POST.getlist("microcredentials") if slug in dict(choices)]
        chosen = {
            slug: _position(request.POST.get(f"position-{slug}"), index) for index, slug in enumerate(ticked)
        }
    if request.method == "POST" and form.is_valid():
        ordered = sorted(chosen, key=lambda slug: chosen[slug])
        data = form.cleaned_data
        arguments = {
            "acting_user": request.user,
            "title": data["title"],
            "title_en": data["title_en"],
            "description": data["description"],
            "rule": data["rule"],
            "required_count": data["required_count"],
            "target_occupation_id": data["target_occupation"],
            "microcredential_slugs": ordered,
        }
        try:
            if pathway is None:
                saved = pathways.create_pathway(owner=owner, **arguments)
            else:
                saved = pathways.update_pathway(pathway=pathway, **arguments)
        except MimisError as error:
            field = getattr(error, "field", None)
            if field == "microcredentials":
                form.add_error(None, error.message)
            else:
                add_service_error(form, error)
        else:
            messages.success(request, _("The pathway is saved."))
            return redirect(f"{reverse('catalog:pathways')}#pathway-{saved.slug}")
    return render(
        request,
        "catalog/authoring/pathway_form.html",
        {
            "owner": owner,
            "pathway": pathway,
            "form": form,
            "choices": [
                {"slug": slug, "title": title, "ticked": slug in chosen, "position": chosen.get(slug, "")}
                for slug, title in choices
            ],
        },
    )


def _position(value: str | None, default: int) -> int:
    """The order number typed for a micro-credential; ticked ones without a number keep their list order."""
    return int(value) if value and value.strip().isdigit() else 1000 + default


@login_required
def create_pathway(request: HttpRequest, slug: str) -> HttpResponse:
    owner = Organisation.objects.filter(slug=slug).first()
    if owner is None:
        raise NotFound()
    pathways.require_pathway_editor(request.user, owner)
    return _pathway_form_page(request, owner=owner, pathway=None)


@login_required
def edit_pathway(request: HttpRequest, slug: str) -> HttpResponse:
    pathway = pathways.pathway_by_slug(slug=slug)
    pathways.require_pathway_editor(request.user, pathway.owner)
    return _pathway_form_page(request, owner=pathway.owner, pathway=pathway)


@login_required
def concept_picker(request: HttpRequest) -> HttpResponse:
    """htmx: sectors (SNI) or occupations (SSYK) matching what the author types, as checkboxes."""
    field = request.GET.get("field", "")
    if field not in PICKER_SCHEMES:
        raise NotFound()
    scheme, levels = PICKER_SCHEMES[field]
    query = request.GET.get(f"q-{field}", "").strip()
    ticked_ids = [int(value) for value in request.GET.getlist(field) if value.isdigit()]
    found = {c.pk: c for c in Concept.objects.filter(pk__in=ticked_ids, scheme=scheme)}
    ticked = [found[i] for i in dict.fromkeys(ticked_ids) if i in found]
    concepts: list[Concept] = []
    if query.isdigit():
        concepts = list(
            Concept.objects.filter(
                scheme=scheme, level__in=levels, deprecated=False, code__startswith=query
            ).order_by("code")[:12]
        )
    elif len(query) >= 2:
        matches = search_concepts(query=query, scheme=scheme, limit=60)
        concepts = [c for c in matches if c.level in levels][:12]
    concepts = [c for c in concepts if c.pk not in found]
    return render(
        request,
        "catalog/authoring/_concept_choices.html",
        {"concepts": concepts, "ticked": ticked, "field": field, "query": query},
    )


def _similar_to(version: MicroCredentialVersion) -> list[MicroCredentialVersion]:
    return selectors.similar_microcredentials(
        title=version.title,
        skill_ids={s.pk for s in selectors.skills_of(version)},
        exclude_microcredential_id=version.microcredential_id,
    )


@login_required
def similar(request: HttpRequest) -> HttpResponse:
    """htmx: published micro-credentials with a title like the one being typed (a hint, never a block)."""
    exclude = request.GET.get("exclude", "")
    found = selectors.similar_microcredentials(
        title=request.GET.get("title", "")[:200],
        exclude_microcredential_id=int(exclude) if exclude.isdigit() else None,
    )
    return render(request, "catalog/authoring/_similar.html", {"similar": found})
