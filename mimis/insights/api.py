"""Open data: ``GET /api/v1/insights/...``, public aggregated figures, no token needed.

Every answer is built by ``mimis.insights.figures`` for the public audience, so the same suppression
applies as on the pages and in the downloads. Licence: CC BY 4.0 (see the README for why).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from mimis.catalog.models import TargetGroup
from mimis.insights import disclosure, figures, selectors
from mimis.insights.models import DimensionKind, SkillSupply
from mimis.insights.selectors import Audience, Filters
from mimis.taxonomy.models import Concept

router = Router(tags=["insights"])

LICENCE = {
    "id": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "MIMIS – Mikromeriter i Skåne, Region Skåne",
    "note": "Fri att använda, även kommersiellt, om källan anges. Free to use, also commercially, with attribution.",
}
PUBLIC = Audience("public")


class PeriodQuery(Schema):
    period: str = Field("12m", pattern="^(" + "|".join(selectors.PERIOD_KEYS) + ")$")


def _envelope(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "licence": LICENCE,
        "disclosure_control": {
            "method": "threshold suppression with secondary suppression",
            "minimum_cell": disclosure.min_cell(),
            "suppressed_value": None,
        },
        "metadata": request.build_absolute_uri(reverse("api:insights_dcat")),
        **data,
    }


@router.get("/", auth=None, summary="Open datasets of regional insights", url_name="insights_index")
def index(request: HttpRequest) -> dict[str, Any]:
    base = request.build_absolute_uri(reverse("api:insights_index"))
    return _envelope(
        request,
        {
            "datasets": {
                "catalogue": base + "catalogue",
                "issuance_by_sector_and_month": base + "issuance",
                "supply_of_verified_skills": base + "supply",
                "figures": [base + f"figures/{key}" for key in figures.FIGURE_KEYS],
            }
        },
    )


@router.get("/catalogue", auth=None, summary="Catalogue statistics: published micro-credentials")
def catalogue(request: HttpRequest) -> dict[str, Any]:
    stats = selectors.catalogue_statistics()
    sectors = {c.pk: c for c in Concept.objects.filter(pk__in=list(stats.by_sector))}
    groups = dict(TargetGroup.choices)
    return _envelope(
        request,
        {
            "published_microcredentials": stats.published,
            "providers": stats.providers,
            "by_sector": [
                {"sector_id": pk, "code": sectors[pk].code, "label": sectors[pk].display_label, "count": n}
                for pk, n in sorted(stats.by_sector.items())
                if pk in sectors
            ],
            "by_seqf_level": [{"level": level, "count": n} for level, n in sorted(stats.by_level.items())],
            "by_target_group": [
                {"target_group": code, "label": str(groups.get(code, code)), "count": n}
                for code, n in sorted(stats.by_target_group.items())
            ],
            "note": "Counts of micro-credentials, not of people: published exactly.",
        },
    )


@router.get("/issuance", auth=None, summary="Credentials issued by sector (SNI) and month")
def issuance(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    figure = figures.build("issued_by_sector_and_month", Filters(selectors.period_for(query.period)), PUBLIC)
    return _envelope(request, figures.as_json(figure))


@router.get("/supply", auth=None, summary="Supply of verified skills: people holding a valid credential")
def supply(request: HttpRequest) -> dict[str, Any]:
    rows = list(
        SkillSupply.objects.filter(kind=DimensionKind.SKILL, target_group="")
        .select_related("concept")
        .order_by("-holders", "concept__preferred_label")
    )
    return _envelope(
        request,
        {
            "skills": [
                {
                    "skill_id": row.concept_id,
                    "uri": row.concept.uri,
                    "label": row.concept.display_label,
                    "holders": disclosure.protect_count(row.holders).value,
                }
                for row in rows
            ],
            "note": "A person counts once per skill, however many credentials prove it. null: fewer than the "
            "minimum cell.",
        },
    )


@router.get("/figures/{key}", auth=None, summary="One public figure, as on the statistics page")
def figure(request: HttpRequest, key: str, query: Query[PeriodQuery]) -> dict[str, Any]:
    built = figures.build(key, Filters(selectors.period_for(query.period)), PUBLIC)
    return _envelope(request, figures.as_json(built))


@router.get(
    "/dcat.jsonld", auth=None, summary="DCAT-AP-SE metadata for dataportal.se", url_name="insights_dcat"
)
def dcat(request: HttpRequest) -> HttpResponse:
    from mimis.insights.dcat import catalogue_document

    document = catalogue_document(
        base=request.build_absolute_uri("/").rstrip("/"), operator=settings.MIMIS_OPERATOR
    )
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/ld+json"
    )
