"""What importers produce (records), what they report, and the one routine that writes records.

``sync`` creates new concepts, updates changed ones in place, marks as deprecated the concepts of the
covered schemes that the source no longer has, and never deletes a concept. It runs inside the caller's
transaction and uses bulk queries, so a full JobTech import takes seconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mimis.taxonomy.models import Concept, ConceptRelation
from mimis.taxonomy.text import search_text

BATCH = 1000
# Fields a record can carry; ``None`` in a record means "the source says nothing about it".
FIELDS = (
    "scheme",
    "level",
    "code",
    "preferred_label",
    "preferred_label_en",
    "alternative_labels",
    "hidden_labels",
    "esco_matches",
    "definition",
)
LABEL_FIELDS = ("preferred_label", "preferred_label_en", "alternative_labels", "hidden_labels")


@dataclass
class ConceptRecord:
    """One concept as a source describes it. ``parent_source_id``: ``None`` unknown, ``""`` top level."""

    source_id: str
    scheme: str
    preferred_label: str | None
    level: int | None = None
    code: str | None = None
    preferred_label_en: str | None = None
    alternative_labels: list[str] | None = None
    # Other spellings a search should find but a page need not show (JobTech's hidden labels).
    hidden_labels: list[str] | None = None
    # Links to ESCO concepts: [{"match": "exact"|"close"|"broad"|"narrow", "uri", "id", "label", "type"}].
    esco_matches: list[dict[str, str]] | None = None
    definition: str | None = None
    parent_source_id: str | None = None
    # Fields written only where the concept has no value yet (the demo subset, a second ESCO language).
    fill_only: frozenset[str] = frozenset()

    def merge(self, other: ConceptRecord) -> None:
        """Take what ``other`` (the same concept seen in another file) knows and this one does not."""
        for name in (*FIELDS, "parent_source_id"):
            if getattr(self, name) in (None, "", []) and getattr(other, name) not in (None, "", []):
                setattr(self, name, getattr(other, name))


@dataclass(frozen=True)
class RelationRecord:
    from_source_id: str
    to_source_id: str
    kind: str
    weight: int | None = None


@dataclass
class ImportReport:
    """Counts per scheme (created, updated, unchanged, deprecated) and per relation kind."""

    source: str
    concepts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    relations: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    files_read: list[str] = field(default_factory=list)
    files_skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    version: str = ""  # as recorded; "" unknown

    def total(self, what: str) -> int:
        """Concepts ``created``, ``updated``, ``unchanged`` or ``deprecated`` over all schemes."""
        return sum(counts[what] for counts in self.concepts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "concepts": {scheme: dict(counts) for scheme, counts in sorted(self.concepts.items())},
            "relations": {kind: dict(counts) for kind, counts in sorted(self.relations.items())},
            "files_read": self.files_read,
            "files_skipped": [name for name, _reason in self.files_skipped],
        }


def concept_search_text(concept: Concept) -> str:
    """What ``search_concepts`` matches on: every label of the concept, hidden ones included."""
    return search_text(
        [
            concept.preferred_label,
            concept.preferred_label_en,
            *(concept.alternative_labels or []),
            *(concept.hidden_labels or []),
        ]
    )


def _apply(concept: Concept, record: ConceptRecord) -> set[str]:
    """Write the record's known fields onto ``concept``; returns the names of the changed ones."""
    changed: set[str] = set()
    for name in FIELDS:
        value = getattr(record, name)
        if value is None:
            continue
        current = getattr(concept, name)
        if name in record.fill_only and current not in (None, "", []):
            continue
        if current != value:
            setattr(concept, name, value)
            changed.add(name)
    return changed


def sync(
    *,
    source: str,
    records: dict[str, ConceptRecord],
    relations: Iterable[RelationRecord],
    covered_schemes: set[str],
    covered_relation_kinds: set[str],
    report: ImportReport,
) -> ImportReport:
    """Write ``records`` and ``relations`` of ``source``; call inside a transaction."""
    now = timezone.now()
    existing = {concept.source_id: concept for concept in Concept.objects.filter(source=source)}
    to_create: list[Concept] = []
    changed: dict[str, Concept] = {}
    dirty: dict[str, set[str]] = defaultdict(set)  # the fields to write, per changed concept
    for source_id, record in records.items():
        concept = existing.get(source_id)
        if concept is None:
            concept = Concept(
                source=source, source_id=source_id, alternative_labels=[], hidden_labels=[], esco_matches=[]
            )
            if record.preferred_label is None:
                record.preferred_label = record.preferred_label_en or source_id
            _apply(concept, record)
            concept.search_text = concept_search_text(concept)
            to_create.append(concept)
            report.concepts[concept.scheme]["created"] += 1
            continue
        # A concept the source has again is current again (unless the record only fills gaps: the demo).
        revive = concept.deprecated and "deprecated" not in record.fill_only
        fields = _apply(concept, record)
        if fields or revive:
            concept.deprecated = concept.deprecated and not revive
            changed[source_id] = concept
            dirty[source_id] = fields | ({"deprecated"} if revive else set())
    ids = {source_id: concept.pk for source_id, concept in existing.items()}
    _create_parents_first(to_create, records, ids)

    created_ids = {concept.source_id for concept in to_create}
    for source_id, record in records.items():
        if record.parent_source_id is None:
            continue
        parent_id = ids.get(record.parent_source_id) if record.parent_source_id else None
        if record.parent_source_id and parent_id is None:
            continue  # a broader concept the source did not give; keep what we have
        concept = changed.get(source_id) or existing.get(source_id)
        if concept is None:  # created above, with its parent
            continue
        if "parent" in record.fill_only and concept.parent_id is not None:
            continue
        if concept.parent_id != parent_id:
            concept.parent_id = parent_id
            changed[source_id] = concept
            dirty[source_id].add("parent")

    deprecated: list[Concept] = []
    for source_id, concept in existing.items():
        if source_id in records or source_id in created_ids:
            continue
        if concept.scheme in covered_schemes and not concept.deprecated:
            concept.deprecated = True
            deprecated.append(concept)
            report.concepts[concept.scheme]["deprecated"] += 1
    for concept in changed.values():
        concept.search_text = concept_search_text(concept)
        report.concepts[concept.scheme]["updated"] += 1
    # One bulk update per set of changed fields: a new synonym list need not rewrite every column.
    groups: dict[frozenset[str], list[Concept]] = defaultdict(list)
    for source_id, concept in changed.items():
        concept.updated_at = now
        groups[frozenset(dirty[source_id])].append(concept)
    for fields, concepts in groups.items():
        extra = ["search_text"] if fields & set(LABEL_FIELDS) else []
        Concept.objects.bulk_update(concepts, [*sorted(fields), *extra, "updated_at"], batch_size=BATCH)
    # Only a flag changes: one plain UPDATE per batch, not a per-row CASE over every field.
    deprecated_ids = [concept.pk for concept in deprecated]
    for start in range(0, len(deprecated_ids), BATCH):
        Concept.objects.filter(id__in=deprecated_ids[start : start + BATCH]).update(
            deprecated=True, updated_at=now
        )
    for source_id, concept in existing.items():
        if source_id in records and source_id not in changed:
            report.concepts[concept.scheme]["unchanged"] += 1

    _sync_relations(source, ids, relations, covered_relation_kinds, report)
    return report


def _create_parents_first(
    concepts: list[Concept], records: dict[str, ConceptRecord], ids: dict[str, int]
) -> None:
    """Insert new concepts broader ones first, each with its parent set; adds their ids to ``ids``.

    One insert per depth of the hierarchy instead of an update of every new row afterwards: a first
    import of the full taxonomy writes about 13,000 concepts.
    """
    new = {concept.source_id: concept for concept in concepts}
    depth: dict[str, int] = {}

    def depth_of(source_id: str, seen: frozenset[str] = frozenset()) -> int:
        if source_id in depth:
            return depth[source_id]
        parent = records[source_id].parent_source_id
        if not parent or parent not in new or parent in seen:
            depth[source_id] = 0
        else:
            depth[source_id] = depth_of(parent, seen | {source_id}) + 1
        return depth[source_id]

    levels: dict[int, list[Concept]] = defaultdict(list)
    for source_id, concept in new.items():
        levels[depth_of(source_id)].append(concept)
    for level in sorted(levels):
        batch = levels[level]
        for concept in batch:
            parent = records[concept.source_id].parent_source_id
            if parent:
                concept.parent_id = ids.get(parent)  # None: a broader concept the source did not give
        Concept.objects.bulk_create(batch, batch_size=BATCH)
        if any(concept.pk is None for concept in batch):  # a database that returns no ids on insert
            created = Concept.objects.filter(
                source=batch[0].source, source_id__in=[concept.source_id for concept in batch]
            ).values_list("source_id", "id")
            ids.update(created)
        else:
            ids.update((concept.source_id, concept.pk) for concept in batch)


def _sync_relations(
    source: str,
    ids: dict[str, int],
    relations: Iterable[RelationRecord],
    covered_kinds: set[str],
    report: ImportReport,
) -> None:
    wanted: dict[tuple[int, int, str], int | None] = {}
    for relation in relations:
        from_id, to_id = ids.get(relation.from_source_id), ids.get(relation.to_source_id)
        if from_id is None or to_id is None:
            report.relations[relation.kind]["skipped"] += 1
            continue
        wanted[(from_id, to_id, relation.kind)] = relation.weight
    kinds = {kind for _f, _t, kind in wanted} | covered_kinds
    have = {
        (row["from_concept_id"], row["to_concept_id"], row["kind"]): row
        for row in ConceptRelation.objects.filter(kind__in=kinds, from_concept__source=source).values(
            "id", "from_concept_id", "to_concept_id", "kind", "weight"
        )
    }
    create: list[ConceptRelation] = []
    update: list[ConceptRelation] = []
    for (from_id, to_id, kind), weight in wanted.items():
        row = have.get((from_id, to_id, kind))
        if row is None:
            create.append(
                ConceptRelation(from_concept_id=from_id, to_concept_id=to_id, kind=kind, weight=weight)
            )
            report.relations[kind]["created"] += 1
        elif row["weight"] != weight:
            update.append(ConceptRelation(id=row["id"], weight=weight))
            report.relations[kind]["updated"] += 1
        else:
            report.relations[kind]["unchanged"] += 1
    stale = [row["id"] for key, row in have.items() if key not in wanted and key[2] in covered_kinds]
    for key in have:
        if key not in wanted and key[2] in covered_kinds:
            report.relations[key[2]]["removed"] += 1
    ConceptRelation.objects.bulk_create(create, batch_size=BATCH)
    ConceptRelation.objects.bulk_update(update, ["weight"], batch_size=BATCH)
    for start in range(0, len(stale), BATCH):
        ConceptRelation.objects.filter(id__in=stale[start : start + BATCH]).delete()
