"""Pages of regional insights. Thin: read the filters, ask ``figures``/``selectors``, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mimis.accounts.permissions import Capability, has_capability, require_platform_admin
from mimis.errors import MimisError
from mimis.insights import charts, disclosure, exports, figures, selectors, services
from mimis.insights.forms import InsightsFilterForm, JobAdUploadForm, SupplyFilterForm
from mimis.insights.models import JobAdImport
from mimis.insights.rollups import last_refresh
from mimis.insights.selectors import Audience, Filters
from mimis.taxonomy.models import Concept


def _filters(request: HttpRequest, audience: Audience) -> tuple[InsightsFilterForm, Filters, str]:
    form = InsightsFilterForm(request.GET or None, audience=audience)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = Filters(
        period=selectors.period_for(data.get("period") or "12m"),
        sector=data.get("sector"),
        target_group=data.get("target_group") or "",
        provider=data.get("provider"),
    )
    return form, filters, data.get("dimension") or "skill"


def _qa_bodies(request: HttpRequest, audience: Audience) -> list | None:
    if audience.kind == "region":
        return None
    own = selectors.qa_bodies_of(request.user)
    return own or None


def dashboard(request: HttpRequest) -> HttpResponse:
    audience = selectors.audience_for(request.user, request.GET.get("organisation") or None)
    form, filters, dimension = _filters(request, audience)
    invalid = form.is_bound and not form.is_valid()
    shown: list[figures.Figure] = []
    if not invalid:
        keys = ["issued_over_time", f"by_{dimension}", "engagement"]
        if audience.kind != "provider":
            keys.append("qa_throughput")
        qa_bodies = _qa_bodies(request, audience)
        shown = [figures.build(key, filters, audience, qa_bodies=qa_bodies) for key in keys]
    query = request.GET.copy()
    context = {
        "form": form,
        "audience": audience,
        "own_organisations": selectors.own_organisations(request.user),
        "figures": [(figure, charts.render(figure)) for figure in shown],
        "query": query.urlencode(),
        "period": filters.period,
        "refreshed": last_refresh(),
        "min_cell": disclosure.min_cell(),
        "invalid": invalid,
    }
    template = "insights/_figures.html" if request.headers.get("HX-Request") else "insights/dashboard.html"
    return render(request, template, context)


def figure_export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    audience = selectors.audience_for(request.user, request.GET.get("organisation") or None)
    form, filters, _dimension = _filters(request, audience)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            _("The filters are not valid."), status=400, content_type="text/plain; charset=utf-8"
        )
    figure = figures.build(key, filters, audience, qa_bodies=_qa_bodies(request, audience))
    name = f"mimis-{figure.key}-{filters.period.start:%Y-%m}-{filters.period.end:%Y-%m}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(figure), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        exports.to_json(figure, licence=LICENCE), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


LICENCE = {
    "id": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "MIMIS – Mikromeriter i Skåne, Region Skåne",
}


def _create_link(request: HttpRequest) -> str:
    """Where "create a micro-credential for this" leads: the authoring page of the user's organisation."""
    for organisation in selectors.own_organisations(request.user):
        if has_capability(request.user, Capability.AUTHOR_MICROCREDENTIALS, organisation):
            return reverse("catalog:create", args=[organisation.slug])
    return ""


def supply(request: HttpRequest) -> HttpResponse:
    fields = selectors.occupation_fields()
    form = SupplyFilterForm(request.GET or None, occupation_fields=fields)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    target_group = data.get("target_group") or ""
    occupation_field = data.get("occupation_field") or ""
    skills = selectors.skill_supply_and_demand(target_group=target_group, occupation_field=occupation_field)
    occupations = selectors.occupation_supply_and_demand(
        target_group=target_group, occupation_field=occupation_field
    )[:25]
    ids = {row.concept_id for row in skills} | {row.concept_id for row in occupations}
    labels = {c.pk: c for c in Concept.objects.filter(pk__in=ids)}

    def skill_row(row: selectors.SkillDemand) -> dict[str, Any]:
        return {
            "concept": labels.get(row.concept_id),
            "ads": row.ads,
            "employers": disclosure.protect_count(row.employers),
            "holders": disclosure.protect_count(row.holders),
            "offered": row.offered,
            "uncovered": row.uncovered,
        }

    uncovered = [skill_row(row) for row in skills if row.uncovered][:25]
    covered = [skill_row(row) for row in skills if not row.uncovered][:50]
    context = {
        "form": form,
        "uncovered": uncovered,
        "covered": covered,
        "occupations": [
            {
                "concept": labels.get(r.concept_id),
                "ads": r.ads,
                "holders": disclosure.protect_count(r.holders),
            }
            for r in occupations
        ],
        "create_link": _create_link(request),
        "ads": selectors.ads_in(occupation_field).count(),
        "profiles_available": bool(selectors.role_profile_demand()),
        "min_cell": disclosure.min_cell(),
        "is_region": selectors.audience_for(request.user).kind == "region",
    }
    template = "insights/_supply.html" if request.headers.get("HX-Request") else "insights/supply.html"
    return render(request, template, context)


@login_required
def job_ads(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    form = JobAdUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imported = services.import_job_ads(
                file_name=upload.name, content=upload.read(), acting_user=request.user
            )
        except MimisError as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _("%(count)d job ads were imported from %(file)s. Their skills are being read.")
                % {"count": imported.ad_count, "file": imported.file_name},
            )
            return redirect("insights:job_ads")
    imports = JobAdImport.objects.all()[:20]
    return render(request, "insights/job_ads.html", {"form": form, "imports": imports})
