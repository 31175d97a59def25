"""Reads behind the figures: true (unprotected) aggregates for a viewer's audience and filters.

Nothing here is published as it is: ``mimis.insights.figures`` puts every number through
``mimis.insights.disclosure`` before a page, an export or the API shows it. Who may see what is decided by
``audience_for`` (region administrators: everything; a provider's issuers and authors: their own
organisation; everyone else: the public subset, where employers' figures are merged into one row).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from django.db.models import Case, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from mimis.accounts.models import Organisation, OrganisationKind, User
from mimis.accounts.permissions import Capability, has_capability, is_platform_admin, roles_in
from mimis.catalog.models import LearningOutcomeSkill, VersionStatus
from mimis.errors import NotFound
from mimis.insights.models import CredentialMonth, DimensionKind, JobAd, SkillSupply, VersionDimension
from mimis.quality.models import OPEN_REVIEW_STATUSES, Decision, Outcome, Review

# Organisations whose own figures are shown only to the region: private employers (GDPR is not the reason,
# business confidentiality is: how many of its staff a company trained).
PRIVATE_KINDS = frozenset({OrganisationKind.EMPLOYER})
PRIVATE_GROUP = "private"  # the key of the merged row of private organisations on public pages


# --- periods -----------------------------------------------------------------------------------------

PERIOD_KEYS = ("12m", "quarter", "previous_quarter", "year", "previous_year", "all")
FIRST_MONTH = date(2020, 1, 1)


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Whole calendar months from ``start`` to ``end`` (first days of the months), both included."""

    key: str
    start: date
    end: date

    @property
    def months(self) -> list[date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = add_months(month, 1)
        return months


def period_for(key: str, today: date | None = None) -> Period:
    """A fixed period: offering only these (not any range) limits differencing between two choices."""
    today = today or timezone.localdate()
    this_month = date(today.year, today.month, 1)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if key == "quarter":
        return Period(key, quarter_start, this_month)
    if key == "previous_quarter":
        return Period(key, add_months(quarter_start, -3), add_months(quarter_start, -1))
    if key == "year":
        return Period(key, date(today.year, 1, 1), this_month)
    if key == "previous_year":
        return Period(key, date(today.year - 1, 1, 1), date(today.year - 1, 12, 1))
    if key == "all":
        first = CredentialMonth.objects.order_by("month").values_list("month", flat=True).first()
        return Period(key, min(first or this_month, this_month), this_month)
    return Period("12m", add_months(this_month, -11), this_month)


# --- audience and filters ----------------------------------------------------------------------------

AudienceKind = Literal["region", "provider", "public"]


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    organisation: Organisation | None = None  # the provider whose figures these are


PROVIDER_CAPABILITIES = (Capability.ISSUE_CREDENTIALS, Capability.AUTHOR_MICROCREDENTIALS)


def may_see_organisation(user: User, organisation: Organisation) -> bool:
    return any(has_capability(user, capability, organisation) for capability in PROVIDER_CAPABILITIES)


def own_organisations(user: User) -> list[Organisation]:
    """The organisations whose own figures ``user`` may see (as an issuer or author there)."""
    if not user.is_authenticated:
        return []
    organisations = Organisation.objects.filter(memberships__user=user).distinct().order_by("name")
    return [organisation for organisation in organisations if may_see_organisation(user, organisation)]


def audience_for(user: User, organisation_slug: str | None = None) -> Audience:
    """Region administrators see everything; ``organisation_slug`` asks for one provider's own figures,
    which only its issuers and authors (and the region) may; everyone else gets the public figures."""
    if organisation_slug:
        organisation = Organisation.objects.filter(slug=organisation_slug).first()
        if organisation is None:
            raise NotFound()
        if is_platform_admin(user):
            return Audience("provider", organisation)
        if not roles_in(user, organisation) or not may_see_organisation(user, organisation):
            raise NotFound()  # never tell an outsider whether the organisation has figures
        return Audience("provider", organisation)
    if is_platform_admin(user):
        return Audience("region")
    return Audience("public")


@dataclass(frozen=True)
class Filters:
    period: Period
    sector: int | None = None  # a taxonomy concept id (SNI)
    target_group: str = ""
    provider: int | None = None  # an organisation id


def public_providers() -> QuerySet[Organisation]:
    """Providers anyone may filter by: those that issued something and are not private employers."""
    return (
        Organisation.objects.filter(credentials__isnull=False)
        .exclude(kind__in=PRIVATE_KINDS)
        .distinct()
        .order_by("name")
    )


def _scoped_months(filters: Filters, audience: Audience) -> QuerySet[CredentialMonth]:
    rows = CredentialMonth.objects.all()

    def having(kind: str, value: object) -> QuerySet[CredentialMonth]:
        return rows.filter(
            version_id__in=VersionDimension.objects.filter(kind=kind, value=str(value)).values("version_id")
        )

    if audience.kind == "provider" and audience.organisation is not None:
        rows = having(DimensionKind.PROVIDER, audience.organisation.pk)
    if filters.provider is not None:
        if audience.kind == "public":
            provider = Organisation.objects.filter(pk=filters.provider).first()
            if provider is None or provider.kind in PRIVATE_KINDS:
                raise NotFound()
        rows = having(DimensionKind.PROVIDER, filters.provider)
    if filters.sector is not None:
        rows = having(DimensionKind.SECTOR, filters.sector)
    if filters.target_group:
        rows = having(DimensionKind.TARGET_GROUP, filters.target_group)
    return rows


# --- credentials issued and valid --------------------------------------------------------------------


@dataclass
class MonthFigures:
    month: date
    issued: int = 0
    valid: int = 0  # valid at the end of the month (today, for the current month)
    claimed: int = 0
    shared: int = 0


def monthly(filters: Filters, audience: Audience) -> list[MonthFigures]:
    """For every month of the period: credentials issued in it, and valid at its end."""
    sums = (
        _scoped_months(filters, audience)
        .filter(month__lte=filters.period.end)
        .values("month")
        .annotate(issued=Sum("issued"), ended=Sum("ended"), claimed=Sum("claimed"), shared=Sum("shared"))
        .order_by("month")
    )
    by_month = {row["month"]: row for row in sums}
    valid = sum(row["issued"] - row["ended"] for m, row in by_month.items() if m < filters.period.start)
    out = []
    for month in filters.period.months:
        row = by_month.get(month)
        figures = MonthFigures(month)
        if row:
            valid += row["issued"] - row["ended"]
            figures.issued, figures.claimed, figures.shared = row["issued"], row["claimed"], row["shared"]
        figures.valid = valid
        out.append(figures)
    return out


@dataclass
class VersionTotals:
    issued: int = 0  # in the period
    valid: int = 0  # at the end of the period
    claimed: int = 0
    shared: int = 0


def per_version(filters: Filters, audience: Audience) -> dict[int, VersionTotals]:
    in_period = Q(month__gte=filters.period.start)

    def period_sum(name: str) -> Sum:
        return Sum(Case(When(in_period, then=name), default=Value(0), output_field=IntegerField()))

    rows = (
        _scoped_months(filters, audience)
        .filter(month__lte=filters.period.end)
        .values("version_id")
        .annotate(
            period_issued=period_sum("issued"),
            period_claimed=period_sum("claimed"),
            period_shared=period_sum("shared"),
            all_issued=Sum("issued"),
            all_ended=Sum("ended"),
        )
        .order_by()
    )
    return {
        row["version_id"]: VersionTotals(
            row["period_issued"],
            row["all_issued"] - row["all_ended"],
            row["period_claimed"],
            row["period_shared"],
        )
        for row in rows
    }


def totals(per: dict[int, VersionTotals]) -> VersionTotals:
    out = VersionTotals()
    for item in per.values():
        out.issued += item.issued
        out.valid += item.valid
        out.claimed += item.claimed
        out.shared += item.shared
    return out


def breakdown(kind: str, filters: Filters, audience: Audience) -> dict[str, VersionTotals]:
    """Issued in the period and valid at its end per value of one dimension ("" = not stated).

    Skills, occupations, sectors and pilots are many per version: a credential counts under each of its
    values. On public pages providers that are private employers are merged into ``PRIVATE_GROUP``.
    """
    per = per_version(filters, audience)
    out: dict[str, VersionTotals] = defaultdict(VersionTotals)
    if not per:
        return {}
    private: set[str] = set()
    if kind == DimensionKind.PROVIDER and audience.kind == "public":
        private = {
            str(pk) for pk in Organisation.objects.filter(kind__in=PRIVATE_KINDS).values_list("pk", flat=True)
        }
    for version_id, value in VersionDimension.objects.filter(kind=kind, version_id__in=list(per)).values_list(
        "version_id", "value"
    ):
        key = PRIVATE_GROUP if value in private else value
        target, item = out[key], per[version_id]
        target.issued += item.issued
        target.valid += item.valid
        target.claimed += item.claimed
        target.shared += item.shared
    return dict(out)


def share_views(filters: Filters, audience: Audience) -> tuple[int, int]:
    """(share links, their views) of credentials in scope issued in the period, from the rollups."""
    result = (
        _scoped_months(filters, audience)
        .filter(month__gte=filters.period.start, month__lte=filters.period.end)
        .aggregate(links=Sum("share_links"), views=Sum("share_views"))
    )
    return result["links"] or 0, result["views"] or 0


# --- quality assurance -------------------------------------------------------------------------------


@dataclass
class QaBodyFigures:
    qa_body: Organisation
    days: list[float] = field(default_factory=list)  # submission to first decision, per version
    first_approved: int = 0
    open_reviews: int = 0
    overdue: int = 0

    @property
    def decided(self) -> int:
        return len(self.days)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def p90_days(self) -> float | None:
        return percentile(self.days, 90)


def percentile(values: list[float], p: int) -> float | None:
    """Nearest-rank percentile (the value at or below which ``p`` % of the values lie)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-p * len(ordered) // 100))
    return ordered[rank - 1]


def qa_throughput(
    filters: Filters, *, qa_bodies: Iterable[Organisation] | None = None, now: datetime | None = None
) -> list[QaBodyFigures]:
    """Per quality-assurance body: days from a version's (first) submission to its first decision in the
    period, approval at the first decision, and open and overdue reviews now."""
    from mimis.audit.models import AuditEntry

    now = now or timezone.now()
    start = filters.period.start
    end = add_months(filters.period.end, 1)
    decisions = Decision.objects.select_related("qa_body").order_by("version_id", "decided_at", "pk")
    if qa_bodies is not None:
        decisions = decisions.filter(qa_body__in=list(qa_bodies))
    first: dict[int, Decision] = {}
    for decision in decisions:
        first.setdefault(decision.version_id, decision)
    submitted: dict[int, datetime] = {}
    for object_id, at in (
        AuditEntry.objects.filter(
            action="microcredential.submitted",
            object_type="catalog.microcredentialversion",
            object_id__in=[str(pk) for pk in first],
        )
        .order_by("at")
        .values_list("object_id", "at")
    ):
        submitted.setdefault(int(object_id), at)
    bodies: dict[int, QaBodyFigures] = {}
    for version_id, decision in first.items():
        local = timezone.localtime(decision.decided_at).date()
        if not (start <= local < end) or version_id not in submitted:
            continue
        body = bodies.setdefault(decision.qa_body_id, QaBodyFigures(decision.qa_body))
        body.days.append((decision.decided_at - submitted[version_id]) / timedelta(days=1))
        body.first_approved += decision.outcome == Outcome.APPROVED
    reviews = Review.objects.filter(status__in=OPEN_REVIEW_STATUSES).select_related("qa_body")
    if qa_bodies is not None:
        reviews = reviews.filter(qa_body__in=list(qa_bodies))
    for review in reviews:
        body = bodies.setdefault(review.qa_body_id, QaBodyFigures(review.qa_body))
        body.open_reviews += 1
        body.overdue += review.due_at < now
    return sorted(bodies.values(), key=lambda body: body.qa_body.name)


def qa_bodies_of(user: User) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__user=user, kind=OrganisationKind.QA_BODY).distinct())


# --- supply against demand ---------------------------------------------------------------------------


def role_profile_demand() -> list[tuple[int, bool, int]]:
    """Skills employers ask for in their role profiles on MIMIS: (skill concept id, required, organisation id)."""
    from mimis.matching.selectors import role_profile_skill_demand

    return role_profile_skill_demand()


@dataclass
class SkillDemand:
    concept_id: int
    ads: int = 0
    employers: int = 0  # organisations with a role profile asking for it
    employers_required: int = 0
    holders: int = 0  # different people with a valid credential proving it
    offered: int = 0  # published micro-credentials that teach it

    @property
    def demand(self) -> int:
        return self.ads + self.employers

    @property
    def uncovered(self) -> bool:
        return self.demand > 0 and self.offered == 0


def ads_in(occupation_field: str = "", municipality: str = "") -> QuerySet[JobAd]:
    ads = JobAd.objects.all()
    if occupation_field:
        ads = ads.filter(occupation_field=occupation_field)
    if municipality:
        ads = ads.filter(municipality=municipality)
    return ads


def offered_per_skill() -> Counter[int]:
    """How many published micro-credentials teach each skill (through their learning outcomes)."""
    return Counter(
        skill_id
        for skill_id, _microcredential in LearningOutcomeSkill.objects.filter(
            learning_outcome__version__status=VersionStatus.PUBLISHED
        )
        .values_list("skill_id", "learning_outcome__version__microcredential_id")
        .distinct()
    )


def skill_supply_and_demand(
    *, target_group: str = "", occupation_field: str = "", municipality: str = ""
) -> list[SkillDemand]:
    """Every skill that is asked for or proved: demand from job ads and role profiles against supply."""
    rows: dict[int, SkillDemand] = {}

    def row(concept_id: int) -> SkillDemand:
        return rows.setdefault(concept_id, SkillDemand(concept_id))

    for skill_ids in (
        ads_in(occupation_field, municipality)
        .exclude(skill_ids__isnull=True)
        .values_list("skill_ids", flat=True)
    ):
        for concept_id in set(skill_ids or []):
            row(int(concept_id)).ads += 1
    employers: dict[int, set[int]] = defaultdict(set)
    required: dict[int, set[int]] = defaultdict(set)
    for skill_id, is_required, organisation_id in role_profile_demand():
        employers[skill_id].add(organisation_id)
        if is_required:
            required[skill_id].add(organisation_id)
    for skill_id, organisations in employers.items():
        row(skill_id).employers = len(organisations)
        row(skill_id).employers_required = len(required[skill_id])
    for concept_id, holders in SkillSupply.objects.filter(
        kind=DimensionKind.SKILL, target_group=target_group
    ).values_list("concept_id", "holders"):
        row(concept_id).holders = holders
    offered = offered_per_skill()
    for concept_id, item in rows.items():
        item.offered = offered.get(concept_id, 0)
    return sorted(rows.values(), key=lambda r: (-r.demand, r.holders, r.concept_id))


def uncovered_demand(**kwargs: str) -> list[SkillDemand]:
    """Skills employers ask for that no published micro-credential offers, most asked-for first."""
    return [item for item in skill_supply_and_demand(**kwargs) if item.uncovered]


@dataclass
class OccupationDemand:
    concept_id: int
    ads: int = 0
    holders: int = 0


def occupation_supply_and_demand(
    *, target_group: str = "", occupation_field: str = ""
) -> list[OccupationDemand]:
    """Occupations in job ads against people with a valid credential naming the occupation; the most
    asked-for with the fewest verified candidates first (shortage occupations)."""
    rows: dict[int, OccupationDemand] = {}
    for concept_id, n in (
        ads_in(occupation_field)
        .exclude(occupation__isnull=True)
        .values_list("occupation_id")
        .annotate(n=Sum(Value(1)))
        .values_list("occupation_id", "n")
    ):
        rows[concept_id] = OccupationDemand(concept_id, ads=n)
    for concept_id, holders in SkillSupply.objects.filter(
        kind=DimensionKind.OCCUPATION, target_group=target_group
    ).values_list("concept_id", "holders"):
        rows.setdefault(concept_id, OccupationDemand(concept_id)).holders = holders
    return sorted(rows.values(), key=lambda r: (-(r.ads / (r.holders + 1)), -r.ads, r.concept_id))


def occupation_fields() -> list[str]:
    return list(
        JobAd.objects.exclude(occupation_field="")
        .values_list("occupation_field", flat=True)
        .distinct()
        .order_by("occupation_field")
    )


def issued_by_month_and(kind: str, filters: Filters, audience: Audience) -> dict[tuple[date, str], int]:
    """Credentials issued per (month, value of one dimension) in the period; private providers merged."""
    rows = (
        _scoped_months(filters, audience)
        .filter(month__gte=filters.period.start, month__lte=filters.period.end)
        .values_list("version_id", "month", "issued")
    )
    per_version: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for version_id, month, issued in rows:
        per_version[version_id].append((month, issued))
    private: set[str] = set()
    if kind == DimensionKind.PROVIDER and audience.kind == "public":
        private = {
            str(pk) for pk in Organisation.objects.filter(kind__in=PRIVATE_KINDS).values_list("pk", flat=True)
        }
    out: dict[tuple[date, str], int] = defaultdict(int)
    for version_id, value in VersionDimension.objects.filter(
        kind=kind, version_id__in=list(per_version)
    ).values_list("version_id", "value"):
        key = PRIVATE_GROUP if value in private else value
        for month, issued in per_version[version_id]:
            out[(month, key)] += issued
    return dict(out)


@dataclass
class CatalogueStatistics:
    published: int
    providers: int
    by_sector: dict[int, int]
    by_level: dict[int, int]
    by_target_group: dict[str, int]


def catalogue_statistics() -> CatalogueStatistics:
    """Published micro-credentials (not people: exact counts are published)."""
    from mimis.catalog.models import MicroCredentialVersion

    published = MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)
    by_sector: Counter[int] = Counter(
        published.filter(sectors__isnull=False).values_list("sectors", flat=True)
    )
    by_level: Counter[int] = Counter(
        published.exclude(seqf_level__isnull=True).values_list("seqf_level", flat=True)
    )
    by_group: Counter[str] = Counter()
    for groups in published.values_list("target_groups", flat=True):
        by_group.update(set(groups or []))
    return CatalogueStatistics(
        published=published.count(),
        providers=published.values("microcredential__provider").distinct().count(),
        by_sector=dict(by_sector),
        by_level=dict(by_level),
        by_target_group=dict(by_group),
    )
