"""Building the rollups (``CredentialMonth``, ``VersionDimension``, ``SkillSupply``) from the credentials.

``refresh_all`` rebuilds everything in one transaction (``mimis insights refresh``, and the durable task
``tasks.refresh_rollups`` the worker runs nightly). ``refresh_versions`` recomputes only what one issue,
revocation, suspension, reinstatement or re-issue touched; ``mimis.insights.handlers`` calls it from
issuing's signals. Expiry sends no signal: a credential that passes its ``valid_until`` is counted as
ended by the next full refresh, which is why the refresh runs every night.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from mimis.catalog.models import LearningOutcomeSkill, MicroCredentialVersion, TargetGroup
from mimis.insights.models import CredentialMonth, DimensionKind, RefreshState, SkillSupply, VersionDimension
from mimis.issuing.models import Credential, CredentialState
from mimis.wallet.models import ShareLink


def _month(value: datetime | date) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date(value.year, value.month, 1)
    return date(value.year, value.month, 1)


def counted_credentials() -> QuerySet[Credential]:
    """Every credential that counts: a credential replaced after a key compromise counts once, as its
    replacement."""
    return Credential.objects.filter(replaced_by__isnull=True)


def valid_credentials(now: datetime | None = None) -> QuerySet[Credential]:
    now = now or timezone.now()
    return (
        counted_credentials()
        .filter(state=CredentialState.VALID)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
    )


def _month_rows(version_ids: list[int] | None, now: datetime) -> list[CredentialMonth]:
    credentials = counted_credentials()
    if version_ids is not None:
        credentials = credentials.filter(version_id__in=version_ids)
    shared = ShareLink.credentials.through.objects.filter(credential_id=OuterRef("pk"))
    rows: dict[tuple[int, date], CredentialMonth] = {}

    def row(version_id: int, month: datetime | date) -> CredentialMonth:
        key = (version_id, _month(month))
        if key not in rows:
            rows[key] = CredentialMonth(version_id=version_id, month=key[1])
        return rows[key]

    issued = (
        credentials.annotate(m=TruncMonth("issued_at"), is_shared=Exists(shared))
        .values("version_id", "m")
        .annotate(
            n=Count("id"),
            claimed=Count("wallet_entry"),
            shared=Count("id", filter=Q(is_shared=True)),
        )
        .order_by()
    )
    for item in issued:
        target = row(item["version_id"], item["m"])
        target.issued, target.claimed, target.shared = item["n"], item["claimed"], item["shared"]
    # Share links and their views, per version and month of the credential's issue.
    links = (
        ShareLink.credentials.through.objects.filter(credential__in=credentials)
        .annotate(m=TruncMonth("credential__issued_at"))
        .values("credential__version_id", "m")
        .annotate(links=Count("id"), views=Sum("sharelink__view_count"))
        .order_by()
    )
    for item in links:
        target = row(item["credential__version_id"], item["m"])
        target.share_links, target.share_views = item["links"], item["views"] or 0
    # Revoked or suspended: ended when that happened, or earlier if the credential had expired by then.
    stopped = (
        credentials.exclude(state=CredentialState.VALID)
        .annotate(
            end=Case(
                When(valid_until__lt=Coalesce("state_changed_at", "issued_at"), then=F("valid_until")),
                default=Coalesce("state_changed_at", "issued_at"),
            )
        )
        .annotate(m=TruncMonth("end"))
        .values("version_id", "m")
        .annotate(n=Count("id"))
        .order_by()
    )
    expired = (
        credentials.filter(state=CredentialState.VALID, valid_until__lte=now)
        .annotate(m=TruncMonth("valid_until"))
        .values("version_id", "m")
        .annotate(n=Count("id"))
        .order_by()
    )
    for item in list(stopped) + list(expired):
        row(item["version_id"], item["m"]).ended += item["n"]
    return list(rows.values())


def _dimension_rows(version_ids: Iterable[int] | None) -> list[VersionDimension]:
    versions = MicroCredentialVersion.objects.all()
    skills = LearningOutcomeSkill.objects.all()
    if version_ids is not None:
        ids = list(version_ids)
        versions = versions.filter(pk__in=ids)
        skills = skills.filter(learning_outcome__version_id__in=ids)
    found: set[tuple[int, str, str]] = set()
    for pk, provider_id, level, target_groups in versions.values_list(
        "pk", "microcredential__provider_id", "seqf_level", "target_groups"
    ):
        found.add((pk, DimensionKind.PROVIDER, str(provider_id)))
        found.add((pk, DimensionKind.LEVEL, str(level) if level else ""))
        known = [code for code in (target_groups or []) if code in TargetGroup.values]
        for code in known or [""]:
            found.add((pk, DimensionKind.TARGET_GROUP, code))
    has_sector: set[int] = set()
    for pk, concept_id in MicroCredentialVersion.sectors.through.objects.filter(
        microcredentialversion_id__in=versions.values("pk")
    ).values_list("microcredentialversion_id", "concept_id"):
        found.add((pk, DimensionKind.SECTOR, str(concept_id)))
        has_sector.add(pk)
    has_occupation: set[int] = set()
    for pk, concept_id in MicroCredentialVersion.occupations.through.objects.filter(
        microcredentialversion_id__in=versions.values("pk")
    ).values_list("microcredentialversion_id", "concept_id"):
        found.add((pk, DimensionKind.OCCUPATION, str(concept_id)))
        has_occupation.add(pk)
    for pk in versions.values_list("pk", flat=True):
        # "Not stated" keeps every breakdown adding up to the total (see mimis.insights.disclosure).
        if pk not in has_sector:
            found.add((pk, DimensionKind.SECTOR, ""))
        if pk not in has_occupation:
            found.add((pk, DimensionKind.OCCUPATION, ""))
    for pk, skill_id in skills.values_list("learning_outcome__version_id", "skill_id").distinct():
        found.add((pk, DimensionKind.SKILL, str(skill_id)))
    return [VersionDimension(version_id=pk, kind=kind, value=value) for pk, kind, value in sorted(found)]


def _supply_rows(now: datetime, concept_ids: dict[str, set[int]] | None = None) -> list[SkillSupply]:
    """Different people holding a valid credential per skill and per occupation, for all and per pilot.

    One SQL statement per kind and grouping, joining credentials to ``VersionDimension`` (built first):
    a person with several credentials proving a skill counts once. ``concept_ids`` limits the work to
    those concepts (the incremental refresh after one change), which the dimension index makes cheap.
    """
    credential = Credential._meta.db_table
    dimension = VersionDimension._meta.db_table
    valid = "c.replaced_by_id IS NULL AND c.state = %s AND (c.valid_until IS NULL OR c.valid_until > %s)"
    rows: list[SkillSupply] = []
    for kind in (DimensionKind.SKILL, DimensionKind.OCCUPATION):
        wanted = None if concept_ids is None else sorted(concept_ids.get(kind, set()))
        if wanted is not None and not wanted:
            continue
        only = "" if wanted is None else f" AND d.value IN ({', '.join(['%s'] * len(wanted))})"
        only_params = [] if wanted is None else [str(v) for v in wanted]
        join = f"JOIN {dimension} d ON d.version_id = c.version_id AND d.kind = %s AND d.value <> ''{only}"
        # Only table names from the models and placeholders are put into the text; values are parameters.
        # DISTINCT in a subquery, then COUNT(*): PostgreSQL hashes it, where COUNT(DISTINCT) sorts.
        statements = [
            (
                f"SELECT v, '', COUNT(*) FROM (SELECT DISTINCT d.value AS v, c.recipient_email AS e "  # noqa: S608
                f"FROM {credential} c {join} WHERE {valid}) x GROUP BY v",
                [kind, *only_params, CredentialState.VALID, now],
            ),
            (
                f"SELECT v, g, COUNT(*) FROM (SELECT DISTINCT d.value AS v, t.value AS g, "  # noqa: S608
                f"c.recipient_email AS e FROM {credential} c {join} "
                f"JOIN {dimension} t ON t.version_id = c.version_id AND t.kind = %s AND t.value <> '' "
                f"WHERE {valid}) x GROUP BY v, g",
                [kind, *only_params, DimensionKind.TARGET_GROUP, CredentialState.VALID, now],
            ),
        ]
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                rows.extend(
                    SkillSupply(kind=kind, concept_id=int(value), target_group=group, holders=holders)
                    for value, group, holders in cursor.fetchall()
                )
    return rows


@transaction.atomic
def refresh_all() -> RefreshState:
    """Rebuild every rollup from the credentials as they are now."""
    started = time.monotonic()
    now = timezone.now()
    VersionDimension.objects.all().delete()
    VersionDimension.objects.bulk_create(_dimension_rows(None), batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the planner needs to know the table was just rebuilt
            cursor.execute(f"ANALYZE {VersionDimension._meta.db_table}")
    CredentialMonth.objects.all().delete()
    CredentialMonth.objects.bulk_create(_month_rows(None, now), batch_size=5000)
    SkillSupply.objects.all().delete()
    SkillSupply.objects.bulk_create(_supply_rows(now), batch_size=5000)
    state = RefreshState.objects.order_by("pk").first() or RefreshState()
    state.finished_at = timezone.now()
    state.seconds = time.monotonic() - started
    state.credentials = counted_credentials().count()
    state.save()
    return state


@transaction.atomic
def refresh_versions(version_ids: list[int]) -> None:
    """Recompute the months, dimensions and supply a change to these versions' credentials touched."""
    if not version_ids:
        return
    now = timezone.now()
    VersionDimension.objects.filter(version_id__in=version_ids).delete()
    dimensions = _dimension_rows(version_ids)
    VersionDimension.objects.bulk_create(dimensions)
    CredentialMonth.objects.filter(version_id__in=version_ids).delete()
    CredentialMonth.objects.bulk_create(_month_rows(version_ids, now))
    concepts: dict[str, set[int]] = defaultdict(set)
    for dimension in dimensions:
        if dimension.kind in (DimensionKind.SKILL, DimensionKind.OCCUPATION) and dimension.value:
            concepts[dimension.kind].add(int(dimension.value))
    for kind, ids in concepts.items():
        SkillSupply.objects.filter(kind=kind, concept_id__in=ids).delete()
    SkillSupply.objects.bulk_create(_supply_rows(now, concepts))


def last_refresh() -> RefreshState | None:
    return RefreshState.objects.order_by("pk").first()
