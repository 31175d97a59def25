"""Pages: the employer's "Competence needs" (role profiles), the learner's "Paths to jobs" (closest
occupations, the gap to a role or occupation and what closes it), the region's shortage occupations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mimis.accounts.forms import add_service_error
from mimis.accounts.models import Organisation, OrganisationKind
from mimis.accounts.permissions import Capability, require_platform_admin
from mimis.accounts.selectors import organisation_for
from mimis.errors import MimisError, NotFound
from mimis.matching import selectors, services
from mimis.matching.forms import (
    WEIGHT_CHOICES,
    FromOccupationForm,
    JobAdForm,
    ProfileBasicsForm,
    ShortageForm,
)
from mimis.matching.gap import GapResult, gap_analysis, summary_sentence
from mimis.matching.models import Requirement, RoleProfile
from mimis.matching.occupations import closest_occupations
from mimis.matching.services import SkillSpec
from mimis.taxonomy.models import Concept, Scheme
from mimis.taxonomy.selectors import search_concepts


def _occupation_choices() -> list[tuple[int, str]]:
    return [(c.pk, f"{c.code} {c.display_label}".strip()) for c in selectors.occupation_groups()]


def _skill_search(request: HttpRequest, exclude: set[int] = frozenset()) -> tuple[str, list[Concept]]:  # type: ignore[assignment]
    query = request.GET.get("q", "").strip()
    if len(query) < 2:
        return query, []
    found = search_concepts(query=query, scheme=Scheme.SKILL, limit=15)
    return query, [c for c in found if c.pk not in exclude]


def _added_skills(request: HttpRequest) -> list[SkillSpec]:
    return [SkillSpec(int(v)) for v in request.POST.getlist("add") if v.isdigit()]


# --- the employer's competence needs -----------------------------------------------------------------


@login_required
def profiles(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.VIEW_ORGANISATION)
    occupation_form = FromOccupationForm(
        request.POST if "from_occupation" in request.POST else None, choices=_occupation_choices()
    )
    if request.method == "POST":
        try:
            if "from_occupation" in request.POST:
                if occupation_form.is_valid():
                    profile = services.create_from_occupation(
                        organisation=organisation,
                        acting_user=request.user,
                        occupation_id=occupation_form.cleaned_data["occupation"],
                        title=occupation_form.cleaned_data["title"] or None,
                    )
                    return _created(request, organisation, profile)
            elif "from_template" in request.POST:
                profile = services.create_from_template(
                    organisation=organisation,
                    acting_user=request.user,
                    template_id=request.POST.get("template"),
                )
                return _created(request, organisation, profile)
        except MimisError as error:
            add_service_error(occupation_form, error)
            if "from_template" in request.POST:
                messages.error(request, error.message)
    return render(
        request,
        "matching/profiles.html",
        {
            "organisation": organisation,
            "profiles": selectors.profiles_of_organisation(organisation_id=organisation.pk),
            "templates": selectors.templates().exclude(organisation=organisation),
            "can_edit": services.can_edit_profiles(request.user, organisation),
            "occupation_form": occupation_form,
        },
    )


def _created(request: HttpRequest, organisation: Organisation, profile: RoleProfile) -> HttpResponse:
    messages.success(request, _("The role profile is saved. Check the skills and adjust them to your role."))
    return redirect("matching:profile", slug=organisation.slug, profile_id=profile.pk)


@login_required
def new_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """A profile from skills the employer searches for and ticks."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.VIEW_ORGANISATION)
    templates_allowed = organisation.kind == OrganisationKind.REGION
    form = ProfileBasicsForm(request.POST or None, templates_allowed=templates_allowed)
    query, found = _skill_search(request)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.create_role_profile(
                organisation=organisation,
                acting_user=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                visibility=form.cleaned_data["visibility"],
                is_template=form.cleaned_data.get("is_template", False),
                skills=_added_skills(request),
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            return _created(request, organisation, profile)
    return render(
        request,
        "matching/new_profile.html",
        {"organisation": organisation, "form": form, "query": query, "found": found},
    )


@login_required
def from_job_ad(request: HttpRequest, slug: str) -> HttpResponse:
    """Paste an ad, see the suggested skills (mimis.skills), keep the ones that fit."""
    from mimis.skills.selectors import suggest_skills

    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.VIEW_ORGANISATION)
    form = JobAdForm(request.POST or None)
    suggestions: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            suggestions = suggest_skills(form.cleaned_data["text"]).skills
            if "save" in request.POST:
                kept = set(request.POST.getlist("keep"))
                accepted = [s for s in suggestions if str(s.concept_id) in kept]
                profile = services.create_from_job_ad(
                    organisation=organisation,
                    acting_user=request.user,
                    title=form.cleaned_data["title"],
                    accepted=accepted,
                )
                return _created(request, organisation, profile)
        except MimisError as error:
            add_service_error(form, error)
    return render(
        request,
        "matching/from_job_ad.html",
        {"organisation": organisation, "form": form, "suggestions": suggestions},
    )


@login_required
def profile_detail(request: HttpRequest, slug: str, profile_id: int) -> HttpResponse:
    """A profile: its skills (edit them and save a new version), who can see it, and its versions."""
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.VIEW_ORGANISATION)
    profile = selectors.profile_for(viewer=request.user, profile_id=profile_id)
    if profile.organisation_id != organisation.pk:
        raise NotFound()
    version = profile.current_version
    assert version is not None
    rows = list(version.profile_skills.all())
    for row in rows:
        row.weight_value = "" if row.weight is None else str(row.weight)  # type: ignore[attr-defined]
    initial = {
        "title": version.title,
        "description": version.description,
        "visibility": profile.visibility,
        "is_template": profile.is_template,
    }
    form = ProfileBasicsForm(
        request.POST or None, initial=initial, templates_allowed=organisation.kind == OrganisationKind.REGION
    )
    query, found = _skill_search(request, exclude={r.skill_id for r in rows})
    if request.method == "POST" and form.is_valid():
        kept = []
        for row in rows:
            if request.POST.get(f"remove-{row.skill_id}"):
                continue
            requirement = request.POST.get(f"requirement-{row.skill_id}", row.requirement)
            weight_raw = request.POST.get(f"weight-{row.skill_id}", "")
            weight = int(weight_raw) if weight_raw.isdigit() else None
            kept.append(SkillSpec(row.skill_id, requirement, weight))
        try:
            services.update_role_profile(
                profile=profile,
                acting_user=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                visibility=form.cleaned_data["visibility"],
                is_template=form.cleaned_data.get("is_template", profile.is_template),
                skills=services.skill_specs([*kept, *_added_skills(request)]),
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Saved. Earlier versions are kept for the comparisons that used them.")
            )
            return redirect("matching:profile", slug=organisation.slug, profile_id=profile.pk)
    return render(
        request,
        "matching/profile.html",
        {
            "organisation": organisation,
            "profile": profile,
            "version": version,
            "rows": rows,
            "form": form,
            "query": query,
            "found": found,
            "can_edit": services.can_edit_profiles(request.user, organisation),
            "requirements": Requirement.choices,
            "weights": WEIGHT_CHOICES,
            "versions": selectors.versions_of(profile),
        },
    )


# --- the learner's paths to jobs ---------------------------------------------------------------------


@login_required
def paths(request: HttpRequest) -> HttpResponse:
    """Closest occupations (shortage occupations first and by default, when the region has marked any),
    and roles to compare with."""
    has_shortages = selectors.shortage_occupations().exists()
    show_all = request.GET.get("all") == "1" or not has_shortages
    occupations = closest_occupations(learner=request.user, shortage_only=not show_all)
    return render(
        request,
        "matching/paths.html",
        {
            "occupations": occupations,
            "show_all": show_all,
            "has_shortages": has_shortages,
            "roles": selectors.visible_profiles(viewer=request.user).filter(visibility="shared")[:30],
            "shortages": selectors.shortage_occupations()[:20],
        },
    )


def _gap_page(request: HttpRequest, result: GapResult, heading: str) -> HttpResponse:
    return render(
        request,
        "matching/gap.html",
        {"result": result, "heading": heading, "summary": summary_sentence(result)},
    )


@login_required
def gap_to_profile(request: HttpRequest, profile_id: int) -> HttpResponse:
    result = gap_analysis(learner=request.user, role_profile=profile_id)
    assert result.target.version is not None
    return _gap_page(request, result, result.target.version.title)


@login_required
def gap_to_occupation(request: HttpRequest, occupation_id: int) -> HttpResponse:
    result = gap_analysis(learner=request.user, occupation=occupation_id)
    assert result.target.occupation is not None
    return _gap_page(request, result, result.target.occupation.display_label)


# --- the region's shortage occupations ---------------------------------------------------------------


@login_required
def shortages(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    form = ShortageForm(request.POST if "mark" in request.POST else None, choices=_occupation_choices())
    if request.method == "POST" and "mark" in request.POST and form.is_valid():
        try:
            services.mark_shortage_occupation(
                occupation_id=form.cleaned_data["occupation"],
                marked_on=form.cleaned_data["marked_on"],
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The occupation is marked as a shortage occupation."))
            return redirect("matching:shortages")
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.unmark_shortage_occupation(
                shortage_id=request.POST.get("remove"), acting_user=request.user
            )
        except MimisError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The occupation is no longer marked as a shortage occupation."))
        return redirect("matching:shortages")
    return render(
        request, "matching/shortages.html", {"form": form, "shortages": selectors.shortage_occupations()}
    )
