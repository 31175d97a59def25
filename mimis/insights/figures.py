"""Every published figure, built once from the selectors and protected by ``disclosure``.

Pages, the CSV/JSON exports and the open-data API all call ``build`` and show what it returns, so a cell
that is suppressed on a page is suppressed in the export and in the API too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mimis.accounts.models import Organisation
from mimis.catalog.models import TargetGroup
from mimis.errors import NotFound
from mimis.insights import disclosure, selectors
from mimis.insights.disclosure import Count, Rate
from mimis.insights.models import DimensionKind
from mimis.insights.selectors import Audience, Filters
from mimis.taxonomy.models import Concept

# Public benchmarks quoted in the Skåne brief (issue 15). External figures, not MIMIS data.
BENCHMARKS = {
    "claim": (
        0.63,
        gettext_lazy(
            "Accredible, public average for higher education: 63 per cent of recipients open their credential"
        ),
    ),
    "share": (
        0.18,
        gettext_lazy("Accredible, public average for higher education: 18 per cent of recipients share it"),
    ),
    "public": (
        0.47,
        gettext_lazy("edubadges (SURF, the Netherlands): about 47 per cent of badges are made public"),
    ),
}

BREAKDOWNS = {
    "skill": DimensionKind.SKILL,
    "occupation": DimensionKind.OCCUPATION,
    "sector": DimensionKind.SECTOR,
    "level": DimensionKind.LEVEL,
    "provider": DimensionKind.PROVIDER,
    "target_group": DimensionKind.TARGET_GROUP,
}
FIGURE_KEYS = ("issued_over_time", *(f"by_{key}" for key in BREAKDOWNS), "engagement", "qa_throughput")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True


@dataclass
class Figure:
    key: str
    title: str
    summary: str
    columns: list[Column]
    rows: list[dict[str, Any]]  # values: str (labels), Count, Rate, float, None
    chart: str = "bars"  # "bars", "line" or "" (table only)
    chart_value: str = ""  # the column drawn
    chart_line: str = ""  # a second column drawn as a line
    notes: list[str] = field(default_factory=list)
    total: dict[str, Any] = field(default_factory=dict)
    margins: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # totals of a two-way table


def _fmt(value: Count | Rate | float | None) -> str:
    if isinstance(value, (Count, Rate)):
        return value.display
    if value is None:
        return _("not shown (too few)")
    return number_format(value, 1)


def month_label(month: Any) -> str:
    return date_format(month, "F Y")


def _label_function(kind: str) -> Any:
    if kind in (DimensionKind.SKILL, DimensionKind.OCCUPATION, DimensionKind.SECTOR):
        return lambda values: {
            str(concept.pk): (
                f"{concept.code} {concept.display_label}".strip()
                if kind != DimensionKind.SKILL
                else concept.display_label
            )
            for concept in Concept.objects.filter(pk__in=[int(v) for v in values if v.isdigit()])
        }
    if kind == DimensionKind.PROVIDER:
        return lambda values: {
            str(o.pk): o.name
            for o in Organisation.objects.filter(pk__in=[int(v) for v in values if v.isdigit()])
        }
    if kind == DimensionKind.LEVEL:
        return lambda values: {v: _("SeQF level %(level)s") % {"level": v} for v in values if v}
    labels = dict(TargetGroup.choices)
    return lambda values: {v: str(labels.get(v, v)) for v in values if v}


NOT_STATED = {
    DimensionKind.SKILL: gettext_lazy("No skill stated"),
    DimensionKind.OCCUPATION: gettext_lazy("No occupation stated"),
    DimensionKind.SECTOR: gettext_lazy("No sector stated"),
    DimensionKind.LEVEL: gettext_lazy("No level stated"),
    DimensionKind.PROVIDER: gettext_lazy("Unknown provider"),
    DimensionKind.TARGET_GROUP: gettext_lazy("No pilot stated"),
}
BREAKDOWN_TITLES = {
    DimensionKind.SKILL: gettext_lazy("Credentials by skill"),
    DimensionKind.OCCUPATION: gettext_lazy("Credentials by occupation (SSYK)"),
    DimensionKind.SECTOR: gettext_lazy("Credentials by sector (SNI)"),
    DimensionKind.LEVEL: gettext_lazy("Credentials by SeQF level"),
    DimensionKind.PROVIDER: gettext_lazy("Credentials by provider"),
    DimensionKind.TARGET_GROUP: gettext_lazy("Credentials by pilot (target group)"),
}
MULTI_VALUED = {
    DimensionKind.SKILL,
    DimensionKind.OCCUPATION,
    DimensionKind.SECTOR,
    DimensionKind.TARGET_GROUP,
}


def _headline(filters: Filters, audience: Audience) -> tuple[selectors.VersionTotals, Count, Count]:
    total = selectors.totals(selectors.per_version(filters, audience))
    return total, disclosure.protect_count(total.issued), disclosure.protect_count(total.valid)


def issued_over_time(filters: Filters, audience: Audience) -> Figure:
    months = selectors.monthly(filters, audience)
    total, issued_total, valid_total = _headline(filters, audience)
    issued, issued_total = disclosure.protect_line({m.month: m.issued for m in months}, total.issued)
    rows = [
        {"month": month_label(m.month), "issued": issued[m.month], "valid": disclosure.protect_count(m.valid)}
        for m in months
    ]
    if total.issued == 0:
        summary = _("No credentials were issued in the period.")
    else:
        summary = _("%(issued)s credentials were issued in the period; %(valid)s were valid at its end.") % {
            "issued": issued_total.display,
            "valid": valid_total.display,
        }
    return Figure(
        key="issued_over_time",
        title=_("Credentials issued and valid, month by month"),
        summary=summary,
        columns=[
            Column("month", _("Month"), numeric=False),
            Column("issued", _("Issued in the month")),
            Column("valid", _("Valid at the end of the month")),
        ],
        rows=rows,
        chart="bars",
        chart_value="issued",
        chart_line="valid",
        total={"month": _("Whole period"), "issued": issued_total, "valid": valid_total},
        notes=[
            _(
                "Valid means not revoked, not suspended and not expired. A credential re-issued after a key problem counts once."
            )
        ],
    )


def by_dimension(kind: str, filters: Filters, audience: Audience) -> Figure:
    values = selectors.breakdown(kind, filters, audience)
    total, _issued_total, _valid_total = _headline(filters, audience)
    issued, issued_total = disclosure.protect_line({k: v.issued for k, v in values.items()}, total.issued)
    valid, valid_total = disclosure.protect_line({k: v.valid for k, v in values.items()}, total.valid)
    labels = _label_function(kind)(list(values))
    labels[""] = str(NOT_STATED[kind])
    labels[selectors.PRIVATE_GROUP] = _("Employers (together)")
    ordered = sorted(values, key=lambda k: (-values[k].issued, -values[k].valid, labels.get(k, k)))
    rows = [
        {"category": labels.get(k, k), "issued": issued[k], "valid": valid[k], "_value": k} for k in ordered
    ]
    shown = [row for row in rows if not row["issued"].suppressed and row["issued"].value]
    if not shown:
        summary = _("No credentials were issued in the period, or too few to show.")
    else:
        summary = _("Most credentials issued in the period were in “%(top)s” (%(count)s).") % {
            "top": shown[0]["category"],
            "count": shown[0]["issued"].display,
        }
    notes = []
    if kind in MULTI_VALUED:
        notes.append(
            _("A credential counts under each of its values, so the rows can add up to more than the total.")
        )
    if kind == DimensionKind.PROVIDER and audience.kind == "public":
        notes.append(
            _("Private employers' own figures are shown to the region only; here they are counted together.")
        )
    return Figure(
        key=f"by_{kind}",
        title=str(BREAKDOWN_TITLES[kind]),
        summary=summary,
        columns=[
            Column("category", str(DimensionKind(kind).label), numeric=False),
            Column("issued", _("Issued in the period")),
            Column("valid", _("Valid at the end of the period")),
        ],
        rows=rows,
        chart="hbars",
        chart_value="issued",
        total={"category": _("Total"), "issued": issued_total, "valid": valid_total},
        notes=notes,
    )


def engagement(filters: Filters, audience: Audience) -> Figure:
    total = selectors.totals(selectors.per_version(filters, audience))
    links, views = selectors.share_views(filters, audience)
    claim = disclosure.protect_rate(total.claimed, total.issued)
    share = disclosure.protect_rate(total.shared, total.issued)
    per_share = (views / links) if links >= disclosure.min_cell() else None
    rows = [
        {
            "measure": _("Claim rate: credentials collected into a wallet"),
            "mimis": claim,
            "benchmark": Rate(BENCHMARKS["claim"][0]),
            "source": str(BENCHMARKS["claim"][1]),
        },
        {
            "measure": _("Share rate: credentials on at least one share link"),
            "mimis": share,
            "benchmark": Rate(BENCHMARKS["share"][0]),
            "source": str(BENCHMARKS["share"][1]),
        },
        {
            "measure": _("Share rate against badges made public"),
            "mimis": share,
            "benchmark": Rate(BENCHMARKS["public"][0]),
            "source": str(BENCHMARKS["public"][1]),
        },
        {
            "measure": _("Views per share link"),
            "mimis": per_share,
            "benchmark": "–",
            "source": _("No public benchmark"),
        },
    ]
    if claim.value is None:
        summary = _(
            "Too few credentials were issued in the period to show how many were collected and shared."
        )
    else:
        summary = _(
            "%(claim)s of the credentials were collected into a wallet and %(share)s were shared; the external benchmarks are 63 %% and 18 %%."
        ) % {
            "claim": claim.display,
            "share": share.display,
        }
    return Figure(
        key="engagement",
        title=_("Collected, shared and viewed, against external benchmarks"),
        summary=summary,
        columns=[
            Column("measure", _("Measure"), numeric=False),
            Column("mimis", _("MIMIS")),
            Column("benchmark", _("External benchmark")),
            Column("source", _("Source of the benchmark"), numeric=False),
        ],
        rows=rows,
        chart="",
        notes=[
            _(
                "The benchmarks are other platforms' published averages, not MIMIS data, and measure similar but not identical things."
            )
        ],
    )


def qa_throughput(filters: Filters, audience: Audience, qa_bodies: list[Organisation] | None) -> Figure:
    """Per QA body for the region (and for a QA body's own members); all bodies together for the rest."""
    bodies = selectors.qa_throughput(filters, qa_bodies=qa_bodies)
    minimum = disclosure.min_cell()
    per_body = audience.kind == "region" or qa_bodies is not None
    groups: list[tuple[str, selectors.QaBodyFigures]] = []
    if per_body:
        groups = [(body.qa_body.name, body) for body in bodies]
    else:
        merged = selectors.QaBodyFigures(qa_body=Organisation(name=""))
        for body in bodies:
            merged.days += body.days
            merged.first_approved += body.first_approved
            merged.open_reviews += body.open_reviews
            merged.overdue += body.overdue
        groups = [(_("All quality-assurance bodies"), merged)] if bodies else []
    rows = []
    for name, body in groups:
        enough = body.decided >= minimum
        rows.append(
            {
                "qa_body": name,
                "decided": disclosure.protect_count(body.decided),
                "median_days": round(body.median_days, 1)
                if enough and body.median_days is not None
                else None,
                "p90_days": round(body.p90_days, 1) if enough and body.p90_days is not None else None,
                "first_approved": disclosure.protect_rate(body.first_approved, body.decided),
                "overdue": Count(body.overdue),
            }
        )
    shown = [row for row in rows if row["median_days"] is not None]
    if not rows:
        summary = _("No micro-credential got a quality-assurance decision in the period.")
    elif not shown:
        summary = _("Too few decisions in the period to show how long quality assurance takes.")
    else:
        best = min(shown, key=lambda row: row["median_days"])
        summary = _(
            "From submission to the first decision took %(median)s days in the middle case at %(body)s; nine in ten had a decision within %(p90)s days."
        ) % {
            "median": _fmt(best["median_days"]),
            "body": best["qa_body"],
            "p90": _fmt(best["p90_days"]),
        }
    return Figure(
        key="qa_throughput",
        title=_("Quality assurance: time to decision"),
        summary=summary,
        columns=[
            Column("qa_body", _("Quality-assurance body"), numeric=False),
            Column("decided", _("Versions decided in the period")),
            Column("median_days", _("Days to first decision, median")),
            Column("p90_days", _("Days to first decision, 90th percentile")),
            Column("first_approved", _("Approved at the first review")),
            Column("overdue", _("Reviews overdue now")),
        ],
        rows=rows,
        chart="hbars",
        chart_value="median_days",
        notes=[
            _(
                "Time from a version's first submission to its first decision. Medians are shown for at least %(n)d decisions."
            )
            % {"n": minimum}
        ],
    )


def build(
    key: str, filters: Filters, audience: Audience, *, qa_bodies: list[Organisation] | None = None
) -> Figure:
    if key == "issued_over_time":
        return issued_over_time(filters, audience)
    if key.startswith("by_") and key[3:] in BREAKDOWNS:
        return by_dimension(BREAKDOWNS[key[3:]], filters, audience)
    if key == "engagement":
        return engagement(filters, audience)
    if key == "qa_throughput":
        return qa_throughput(filters, audience, qa_bodies)
    if key == "issued_by_sector_and_month":
        return issued_by_sector_and_month(filters, audience)
    raise NotFound()


def cell_text(value: Any) -> str:
    if isinstance(value, (Count, Rate)):
        return value.display
    if isinstance(value, float):
        return _fmt(value)
    if value is None:
        return _("not shown (too few)")
    return str(value)


def cell_json(value: Any) -> Any:
    if isinstance(value, Count):
        return value.value
    if isinstance(value, Rate):
        return None if value.value is None else round(value.value, 4)
    return value


def as_json(figure: Figure) -> dict[str, Any]:
    """The figure as open data: suppressed cells are null and listed under ``suppressed``."""

    def row_json(row: dict[str, Any]) -> dict[str, Any]:
        out = {column.key: cell_json(row.get(column.key)) for column in figure.columns}
        hidden = [c.key for c in figure.columns if c.numeric and c.key in row and out[c.key] is None]
        if hidden:
            out["suppressed"] = sorted(set(hidden))
        return out

    return {
        "figure": figure.key,
        "title": figure.title,
        "summary": figure.summary,
        "columns": [{"key": c.key, "label": c.label} for c in figure.columns],
        "rows": [row_json(row) for row in figure.rows],
        "total": row_json(figure.total) if figure.total else None,
        "margins": {
            name: [{key: cell_json(value) for key, value in item.items()} for item in items]
            for name, items in figure.margins.items()
        },
        "notes": figure.notes,
        "disclosure_control": {
            "method": "threshold suppression with secondary suppression",
            "minimum_cell": disclosure.min_cell(),
        },
    }


def issued_by_sector_and_month(filters: Filters, audience: Audience) -> Figure:
    """The open-data table: issuance by sector (SNI) and month, protected as a two-way table."""
    cells = selectors.issued_by_month_and(DimensionKind.SECTOR, filters, audience)
    protected, by_month, by_sector, grand = disclosure.protect_grid(cells)
    labels = _label_function(DimensionKind.SECTOR)([s for _m, s in cells])
    labels[""] = str(NOT_STATED[DimensionKind.SECTOR])
    rows = [
        {"month": m.isoformat()[:7], "sector": labels.get(s, s), "sector_id": s, "issued": protected[(m, s)]}
        for (m, s) in sorted(protected, key=lambda key: (key[0], labels.get(key[1], key[1])))
    ]
    return Figure(
        key="issued_by_sector_and_month",
        title=_("Credentials issued by sector and month"),
        summary=_("%(total)s credentials were issued in the period.") % {"total": grand.display},
        columns=[
            Column("month", _("Month"), numeric=False),
            Column("sector", _("Sector (SNI)"), numeric=False),
            Column("sector_id", _("Concept id"), numeric=False),
            Column("issued", _("Issued")),
        ],
        rows=rows,
        chart="",
        total={"month": _("Whole period"), "sector": _("All sectors"), "sector_id": "", "issued": grand},
        margins={
            "by_month": [{"month": m.isoformat()[:7], "issued": c} for m, c in sorted(by_month.items())],
            "by_sector": [
                {"sector": labels.get(k, k), "sector_id": k, "issued": c}
                for k, c in sorted(by_sector.items(), key=lambda item: labels.get(item[0], item[0]))
            ],
        },
    )
