"""Reading the catalogue: public search with filters, one micro-credential, an organisation's drafts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from mimis.catalog.models import LearningOutcome, MicroCredential, MicroCredentialVersion, VersionStatus
from mimis.errors import NotFound
from mimis.taxonomy.text import normalise, stem

SORTS = {
    "title": ("title", "pk"),
    "newest": ("-published_at", "pk"),
    "workload": ("workload_hours", "title"),
    "level": ("seqf_level", "title"),
}


@dataclass
class CatalogueFilters:
    query: str = ""
    sector: int | None = None
    seqf_level: int | None = None
    workload_min: int | None = None
    workload_max: int | None = None
    provider: str = ""
    participation_form: str = ""
    language: str = ""
    target_group: str = ""
    skill: int | None = None
    occupation: int | None = None
    sort: str = "title"
    extra: dict = field(default_factory=dict)


def _with_details(versions: QuerySet[MicroCredentialVersion]) -> QuerySet[MicroCredentialVersion]:
    return versions.select_related("microcredential__provider").prefetch_related(
        "microcredential__level_decisions",
        "sectors",
        "occupations",
        Prefetch("learning_outcomes", queryset=LearningOutcome.objects.prefetch_related("skills")),
    )


def _with_card_details(versions: QuerySet[MicroCredentialVersion]) -> QuerySet[MicroCredentialVersion]:
    """What a result card shows: the provider and the level decisions (not sectors, outcomes, skills)."""
    return versions.select_related("microcredential__provider").prefetch_related(
        "microcredential__level_decisions"
    )


def catalogue_search(*, filters: CatalogueFilters, details: bool = True) -> QuerySet[MicroCredentialVersion]:
    """Published micro-credentials matching the words (inflection-tolerant) and every filter given.

    ``details=False`` (the catalogue page) loads only what a result card shows; the count of queries
    stays the same whatever the number of results (tests/catalog/test_list_queries.py)."""
    versions = MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)
    words = [w for w in normalise(filters.query).replace("+", " ").replace("#", " ").split() if w]
    if words:
        versions = _matching(versions, words)
    if filters.sector:
        versions = versions.filter(sectors=filters.sector)
    if filters.occupation:
        versions = versions.filter(occupations=filters.occupation)
    if filters.skill:
        versions = versions.filter(learning_outcomes__skills=filters.skill)
    if filters.seqf_level:
        versions = versions.filter(seqf_level=filters.seqf_level)
    if filters.workload_min is not None:
        versions = versions.filter(workload_hours__gte=filters.workload_min)
    if filters.workload_max is not None:
        versions = versions.filter(workload_hours__lte=filters.workload_max)
    if filters.provider:
        versions = versions.filter(microcredential__provider__slug=filters.provider)
    # JSON lists are matched on their JSON text, which works the same on SQLite and PostgreSQL.
    if filters.participation_form:
        versions = versions.filter(participation_form__icontains=f'"{filters.participation_form}"')
    if filters.language:
        versions = versions.filter(languages__icontains=f'"{filters.language}"')
    if filters.target_group:
        versions = versions.filter(target_groups__icontains=f'"{filters.target_group}"')
    if filters.sector or filters.occupation or filters.skill:
        versions = versions.distinct()
    loaded = _with_details(versions) if details else _with_card_details(versions)
    return loaded.order_by(*SORTS.get(filters.sort, SORTS["title"]))


def _matching(
    versions: QuerySet[MicroCredentialVersion], words: list[str]
) -> QuerySet[MicroCredentialVersion]:
    """Every query word must start a word of the text, as typed or as its stem ("omsorgen" → "omsorg")."""
    vendor = connection.vendor
    if vendor == "sqlite":
        expression = " AND ".join(f'("{w}"* OR "{stem(w)}"*)' for w in words)
        return versions.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM catalog_version_fts WHERE catalog_version_fts MATCH %s", [expression]
            )
        )
    if vendor == "postgresql":
        expression = " & ".join(f"({w}:* | {stem(w)}:*)" for w in words)
        return versions.extra(  # noqa: S610 - parameters are bound, not interpolated
            where=["search_vector @@ to_tsquery('swedish', %s)"], params=[expression]
        )
    for word in words:  # other databases: a plain scan
        versions = versions.filter(
            Q(search_text__contains=f" {word}") | Q(search_text__contains=f" {stem(word)}")
        )
    return versions


def published_teaching_skills(*, skill_ids: list[int], limit: int = 20) -> QuerySet[MicroCredentialVersion]:
    """Published micro-credentials whose learning outcomes teach any of ``skill_ids``, most of them first.

    Each version carries ``taught_skill_count``: how many of the skills it teaches.
    """
    if not skill_ids:
        return MicroCredentialVersion.objects.none()
    versions = (
        MicroCredentialVersion.objects.filter(
            status=VersionStatus.PUBLISHED, learning_outcomes__skills__in=skill_ids
        )
        .annotate(taught_skill_count=Count("learning_outcomes__skills", distinct=True))
        .order_by("-taught_skill_count", "title", "pk")
    )
    return _with_details(versions)[:limit]


def published_version(*, slug: str) -> MicroCredentialVersion:
    version = _with_details(
        MicroCredentialVersion.objects.filter(microcredential__slug=slug, status=VersionStatus.PUBLISHED)
    ).first()
    if version is None:
        raise NotFound()
    return version


def version_by_id(*, version_id: int) -> MicroCredentialVersion:
    version = _with_details(MicroCredentialVersion.objects.filter(pk=version_id)).first()
    if version is None:
        raise NotFound()
    return version


def microcredentials_of(*, provider_id: int) -> QuerySet[MicroCredential]:
    return MicroCredential.objects.filter(provider_id=provider_id).prefetch_related("versions")


def skills_of(version: MicroCredentialVersion) -> list:
    seen = {}
    for outcome in version.learning_outcomes.all():
        for skill in outcome.skills.all():
            seen[skill.pk] = skill
    return list(seen.values())


def version_content(version: MicroCredentialVersion) -> dict:
    """Everything an author can change in a version, as plain JSON: what a reviewer reviews.

    ``mimis.quality`` hashes it to notice a version that changed after the review started.
    """
    from mimis.catalog.services import EDITABLE_FIELDS

    content: dict = {}
    for name in EDITABLE_FIELDS:
        if name in ("sectors", "occupations"):
            content[name] = sorted(c.pk for c in getattr(version, name).all())
        else:
            value = getattr(version, name)
            content[name] = (
                str(value) if value is not None and not isinstance(value, list | str | int) else value
            )
    content["learning_outcomes"] = [
        {"text": o.text, "text_en": o.text_en, "skills": sorted(s.pk for s in o.skills.all())}
        for o in version.learning_outcomes.all()
    ]
    return content


# Small words that make titles look alike without saying anything about the content.
COMMON_WORDS = frozenset(
    [
        "och",
        "att",
        "det",
        "den",
        "för",
        "från",
        "med",
        "som",
        "till",
        "vid",
        "samt",
        "hur",
        "din",
        "ditt",
        "dig",
        "and",
        "the",
        "for",
        "from",
        "with",
        "your",
        "how",
    ]
)


def _title_stems(title: str) -> set[str]:
    return {stem(w) for w in normalise(title).split() if len(w) >= 3 and w not in COMMON_WORDS}


def similar_microcredentials(
    *,
    title: str,
    skill_ids: set[int] | None = None,
    exclude_microcredential_id: int | None = None,
    limit: int = 5,
) -> list[MicroCredentialVersion]:
    """Published micro-credentials that look like this one: half the title's words, or half the skills, shared.

    A hint for authors (maybe it exists already, or someone to design it with); it never blocks anything.
    """
    stems = _title_stems(title)
    skills = set(skill_ids or ())
    if not stems and not skills:
        return []
    versions = (
        MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .exclude(microcredential_id=exclude_microcredential_id)
        .select_related("microcredential__provider")
        .prefetch_related(
            Prefetch("learning_outcomes", queryset=LearningOutcome.objects.prefetch_related("skills"))
        )
    )
    scored = []
    for version in versions:
        other_stems = _title_stems(version.title) | _title_stems(version.title_en)
        other_skills = {s.pk for o in version.learning_outcomes.all() for s in o.skills.all()}
        title_share = len(stems & other_stems) / len(stems) if stems else 0
        skill_share = len(skills & other_skills) / len(skills) if skills else 0
        score = max(title_share, skill_share)
        if score >= 0.5:
            scored.append((score, version.title, version))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [version for _score, _title, version in scored[:limit]]
