from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from mimis.catalog import occasions, selectors
from mimis.catalog.achievement import achievement_document
from mimis.catalog.elm import learning_achievement_specification
from mimis.catalog.forms import CatalogueSearchForm
from mimis.catalog.models import MicroCredentialVersion
from mimis.catalog.pathways import all_pathways, has_pathway_editor, pathways_of
from mimis.quality import selectors as quality_selectors


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueSearchForm(request.GET or None)
    filters = selectors.CatalogueFilters()
    if form.is_bound and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        filters = selectors.CatalogueFilters(query=data.pop("q", ""), **data)
    elif form.is_bound:
        filters = None
    versions = (
        selectors.catalogue_search(filters=filters, details=False)
        if filters is not None
        else MicroCredentialVersion.objects.none()
    )
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    active_filters = sum(
        1 for name in form.fields if name not in ("q", "sort") and form.is_bound and request.GET.get(name)
    )
    context = {"form": form, "page": page, "query": query.urlencode(), "active_filters": active_filters}
    template = "catalog/_results.html" if request.headers.get("HX-Request") else "catalog/catalogue.html"
    return render(request, template, context)


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def course_json_ld(
    request: HttpRequest, version: MicroCredentialVersion, course_occasions: list | None = None
) -> str:
    """schema.org Course, so that search engines and aggregators understand the offer."""
    url = request.build_absolute_uri(reverse("catalog:detail", args=[version.microcredential.slug]))
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": url,
        "url": url,
        "name": version.title,
        "description": version.summary,
        "inLanguage": version.languages,
        "provider": {
            "@type": "Organization",
            "name": version.microcredential.provider.name,
            "url": version.microcredential.provider.website or None,
        },
        "teaches": [o.text for o in version.learning_outcomes.all()],
        "educationalLevel": f"SeQF {version.seqf_level} / EQF {version.eqf_level}",
        "timeRequired": f"PT{version.workload_hours}H" if version.workload_hours else None,
        "educationalCredentialAwarded": version.title,
        "hasCourseInstance": {"@type": "CourseInstance", "courseMode": version.participation_form},
    }
    if course_occasions:
        data["hasCourseInstance"] = [
            _without_empty(
                {
                    "@type": "CourseInstance",
                    "courseMode": "online" if o.online and not o.place else version.participation_form,
                    "startDate": o.start_date.isoformat(),
                    "endDate": o.end_date.isoformat() if o.end_date else None,
                    "location": o.place or None,
                    "inLanguage": o.language,
                    "url": o.application_url or None,
                }
            )
            for o in course_occasions
        ]
    if version.workload_ects:
        data["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": float(version.workload_ects),
            "unitText": "ECTS",
        }
    # Escape "<" so the JSON cannot close the script element it sits in.
    return json.dumps({k: v for k, v in data.items() if v not in (None, [], "")}, ensure_ascii=False).replace(
        "<", "\\u003c"
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = selectors.published_version(slug=slug)
    if request.get_preferred_type(["text/html", "application/ld+json", "application/json"]) not in (
        None,
        "text/html",
    ):
        # Credentials name this page (with #v<n>) as their achievement's id: machines get the Achievement.
        response: HttpResponse = JsonResponse(
            achievement_document(version), json_dumps_params={"ensure_ascii": False}
        )
        response["Content-Type"] = "application/ld+json; charset=utf-8"
        patch_vary_headers(response, ["Accept"])
        return response
    response = _detail_page(request, version)
    patch_vary_headers(response, ["Accept"])
    return response


def _detail_page(request: HttpRequest, version: MicroCredentialVersion) -> HttpResponse:
    endorsements = list(quality_selectors.endorsements_of(microcredential_id=version.microcredential_id))
    upcoming = list(occasions.occasions_of(microcredential=version.microcredential, upcoming_only=True))
    return render(
        request,
        "catalog/detail.html",
        {
            "version": version,
            "microcredential": version.microcredential,
            "skills": selectors.skills_of(version),
            "pathways": pathways_of(microcredential=version.microcredential),
            "occasions": upcoming,
            "json_ld": course_json_ld(request, version, upcoming),
            "qa_record": quality_selectors.qa_record(version),
            "endorsements": endorsements,
            "endorsers": quality_selectors.possible_endorsers(
                user=request.user, version=version, endorsed={e.organisation_id for e in endorsements}
            ),
        },
    )


def elm_export(request: HttpRequest, slug: str) -> JsonResponse:
    """The published version as a European Learning Model (ELM) JSON-LD learning specification."""
    version = selectors.published_version(slug=slug)
    url = request.build_absolute_uri(reverse("catalog:detail", args=[slug]))
    response = JsonResponse(
        learning_achievement_specification(
            version,
            url=url,
            occasions=occasions.occasions_of(microcredential=version.microcredential, upcoming_only=True),
        ),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="{slug}.elm.jsonld"'
    return response


def pathway_list(request: HttpRequest) -> HttpResponse:
    """Public: every pathway, its rule in words and its micro-credentials."""
    rows = []
    for pathway in all_pathways():
        steps = []
        for step in pathway.steps.all():
            published = [v for v in step.microcredential.versions.all() if v.status == "published"]
            if published:
                steps.append({"slug": step.microcredential.slug, "title": published[0].display_title})
        rows.append(
            {
                "pathway": pathway,
                "steps": steps,
                "can_edit": request.user.is_authenticated and has_pathway_editor(request.user, pathway.owner),
            }
        )
    return render(request, "catalog/pathways.html", {"rows": rows})
