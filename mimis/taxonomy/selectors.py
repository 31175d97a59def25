"""Reading the taxonomy: search for the skill picker, statistics."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from mimis.taxonomy.models import Concept, ConceptRelation, TaxonomyImport
from mimis.taxonomy.text import normalise, stem

MAX_LIMIT = 100


def search_concepts(
    *, query: str, scheme: str | None = None, limit: int = 20, include_deprecated: bool = False
) -> list[Concept]:
    """Concepts whose labels match every word of ``query``, tolerant of Swedish inflection.

    Each query word matches when its stem (see ``mimis.taxonomy.text.stem``) occurs anywhere in a label
    or an alternative label, so "omsorg" finds "Omsorgen" and "vårdade" finds "Vård". Ranked: exact
    label, label starting with the query, a word starting with it, then the rest; shorter labels first.
    """
    normalised = normalise(query)
    if not normalised:
        return []
    words = normalised.split()
    stems = [stem(word) for word in words]
    concepts = Concept.objects.all()
    if scheme:
        concepts = concepts.filter(scheme=scheme)
    if not include_deprecated:
        concepts = concepts.filter(deprecated=False)
    for word_stem in stems:
        concepts = concepts.filter(search_text__contains=word_stem)
    stemmed = " ".join(stems)
    rank = Case(
        When(search_text__contains=f"|{normalised}|", then=Value(0)),
        When(search_text__contains=f"|{normalised}", then=Value(1)),
        When(search_text__contains=f" {normalised}", then=Value(2)),
        When(search_text__contains=f"|{stemmed}", then=Value(3)),
        When(search_text__contains=f" {stemmed}", then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )
    limit = max(1, min(limit, MAX_LIMIT))
    return list(
        concepts.annotate(rank=rank, label_length=Length("preferred_label"))
        .order_by("rank", "label_length", "preferred_label", "id")
        .defer("search_text")[:limit]
    )


def concept_detail(*, concept_id: int) -> Concept | None:
    """A concept with its parent, or ``None``."""
    return Concept.objects.select_related("parent").filter(pk=concept_id).first()


def related_concepts(*, concept: Concept, limit: int = 200) -> QuerySet[ConceptRelation]:
    """The relations going out of ``concept`` with their targets."""
    return (
        ConceptRelation.objects.filter(from_concept=concept)
        .select_related("to_concept")
        .order_by("kind", "to_concept__preferred_label")[:limit]
    )


def taxonomy_stats() -> list[dict[str, object]]:
    """Concept counts per source and scheme (active and deprecated)."""
    return list(
        Concept.objects.values("source", "scheme")
        .annotate(total=Count("id"), deprecated=Count("id", filter=Q(deprecated=True)))
        .order_by("source", "scheme")
    )


def relation_stats() -> list[dict[str, object]]:
    """Relation counts per kind."""
    return list(ConceptRelation.objects.values("kind").annotate(total=Count("id")).order_by("kind"))


def latest_import(source: str = "jobtech") -> TaxonomyImport | None:
    """The most recent import of ``source``."""
    return TaxonomyImport.objects.filter(source=source).first()


def taxonomy_imports(*, limit: int = 20) -> list[TaxonomyImport]:
    """The latest imports of every source, newest first."""
    return list(TaxonomyImport.objects.all()[: max(1, min(limit, MAX_LIMIT))])


def taxonomy_version(source: str = "jobtech") -> str | None:
    """The version of the taxonomy last imported from ``source``, or ``None`` when none was recorded.

    ``None`` also when the latest import did not know its version: an older version is not claimed.
    """
    latest = latest_import(source)
    return (latest.version or None) if latest is not None else None
