"""Public REST endpoints of the taxonomy: concept search for skill pickers, a concept, EQF/SeQF levels,
the versions imported.

Mounted at ``/api/v1/taxonomy``. The taxonomy is public reference data, so no token is needed.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from pydantic import Field

from mimis.api.schemas import ErrorOut
from mimis.errors import NotFound
from mimis.taxonomy import selectors
from mimis.taxonomy.levels import LEVELS, SOURCE_NOTE
from mimis.taxonomy.models import Concept, Scheme, TaxonomyImport

router = Router(tags=["taxonomy"])


class ConceptOut(Schema):
    id: int
    scheme: str
    level: int | None
    source: str
    source_id: str
    code: str
    preferred_label: str
    preferred_label_en: str
    alternative_labels: list[str]
    deprecated: bool
    parent_id: int | None


class RelatedOut(Schema):
    kind: str
    concept: ConceptOut


class EscoMatchOut(Schema):
    match: str = Field(description="exact, close, broad or narrow (SKOS mapping)")
    uri: str = ""
    id: str = ""
    label: str = ""
    type: str = ""


class ConceptDetailOut(ConceptOut):
    definition: str
    esco_matches: list[EscoMatchOut]
    parent: ConceptOut | None
    related: list[RelatedOut]


class ConceptQuery(Schema):
    q: str = Field("", max_length=200, description="Words to look for; Swedish inflections are tolerated.")
    scheme: Scheme | None = None
    limit: int = Field(20, ge=1, le=selectors.MAX_LIMIT)


class TaxonomyImportOut(Schema):
    source: str
    version: str | None = Field(description="As the export states it; null when it did not say.")
    downloaded: str
    origin: str = Field(description="'bundled' for the copy that ships with MIMIS, else the file's name.")
    imported_at: datetime
    concepts: dict[str, dict[str, int]]
    relations: dict[str, dict[str, int]]


class VersionsOut(Schema):
    current: dict[str, str | None] = Field(description="The latest version per source, as recorded.")
    imports: list[TaxonomyImportOut]


class DescriptorOut(Schema):
    knowledge: str = Field(description="Kunskaper")
    skills: str = Field(description="Färdigheter")
    responsibility_and_autonomy: str = Field(description="Ansvar och självständighet")
    competence: str = Field(
        description="Deprecated: the same as responsibility_and_autonomy (SeQF's word before SFS 2022:1558)"
    )


class LevelOut(Schema):
    level: int
    eqf_level: int
    seqf_level: int
    descriptor: DescriptorOut
    sv: DescriptorOut
    en: DescriptorOut
    is_summary: bool


class LevelsOut(Schema):
    note: str
    levels: list[LevelOut]


def _concept(concept: Concept) -> dict:
    return {
        "id": concept.pk,
        "scheme": concept.scheme,
        "level": concept.level,
        "source": concept.source,
        "source_id": concept.source_id,
        "code": concept.code,
        "preferred_label": concept.preferred_label,
        "preferred_label_en": concept.preferred_label_en,
        "alternative_labels": concept.alternative_labels or [],
        "deprecated": concept.deprecated,
        "parent_id": concept.parent_id,
    }


@router.get(
    "/concepts", response=list[ConceptOut], auth=None, summary="Search concepts (skills, occupations …)"
)
def search_concepts(request: HttpRequest, filters: Query[ConceptQuery]) -> list[dict]:
    found = selectors.search_concepts(query=filters.q, scheme=filters.scheme, limit=filters.limit)
    return [_concept(concept) for concept in found]


@router.get(
    "/concepts/{concept_id}",
    response={200: ConceptDetailOut, 404: ErrorOut},
    auth=None,
    summary="One concept",
)
def concept_detail(request: HttpRequest, concept_id: int) -> dict:
    concept = selectors.concept_detail(concept_id=concept_id)
    if concept is None:
        raise NotFound()
    return {
        **_concept(concept),
        "definition": concept.definition,
        "esco_matches": concept.esco_matches or [],
        "parent": _concept(concept.parent) if concept.parent else None,
        "related": [
            {"kind": relation.kind, "concept": _concept(relation.to_concept)}
            for relation in selectors.related_concepts(concept=concept)
        ],
    }


def _import(item: TaxonomyImport) -> dict:
    return {
        "source": item.source,
        "version": item.version or None,
        "downloaded": item.downloaded,
        "origin": item.origin,
        "imported_at": item.imported_at,
        "concepts": item.counts.get("concepts", {}),
        "relations": item.counts.get("relations", {}),
    }


@router.get("/versions", response=VersionsOut, auth=None, summary="Taxonomy versions imported, newest first")
def versions(request: HttpRequest) -> dict:
    imports = selectors.taxonomy_imports()
    return {
        "current": {
            source: selectors.taxonomy_version(source) for source in sorted({i.source for i in imports})
        },
        "imports": [_import(item) for item in imports],
    }


@router.get("/levels", response=LevelsOut, auth=None, summary="EQF and SeQF levels 1–8 with descriptors")
def levels(request: HttpRequest) -> dict:
    language = "sv" if (get_language() or "sv").startswith("sv") else "en"
    return {
        "note": SOURCE_NOTE[language],
        "levels": [
            {
                "level": item.level,
                "eqf_level": item.level,
                "seqf_level": item.level,
                "descriptor": item.descriptor(language).as_dict(),
                "sv": item.sv.as_dict(),
                "en": item.en.as_dict(),
                "is_summary": item.is_summary,
            }
            for item in LEVELS
        ],
    }
